#pragma once

#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::harmonyd::imports {

struct UploadedFile {
  std::string file_name;  // as the browser sent it (only its extension is used)
  std::string_view content;
};

// The part named `field` of a multipart/form-data body (RFC 7578), its content a view into
// `body`. ErrorKind::invalid, naming what is wrong, when the Content-Type has no boundary, the
// body is not split by it, or no part has that name.
Result<UploadedFile> multipart_file(std::string_view content_type, std::string_view body,
                                    std::string_view field);

}  // namespace harmony::harmonyd::imports
