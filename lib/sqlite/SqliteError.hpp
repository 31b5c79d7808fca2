#pragma once

#include <string>
#include <string_view>

#include "core/Error.hpp"

namespace harmony::sqlite {

// Builds the Error for a failed SQLite call: the kind follows the primary result code
// (corruption, I/O, permissions → filesystem; busy → unavailable; constraint → invalid), the
// message names the database file, what was being done and SQLite's own text.
Error sqlite_error(int code, std::string_view db_path, std::string_view doing,
                   std::string_view detail);

}  // namespace harmony::sqlite
