#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace harmony::log {

enum class Level { debug, info, notice, warning, error, critical };

// A structured field: journald name (UPPER_SNAKE, e.g. "PATH", "CONTAINER") and value.
struct Field {
  std::string key;
  std::string value;
};

struct Record {
  Level level = Level::info;
  std::string message;
  std::vector<Field> fields;
};

// Where records go. Implementations must be thread-safe.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write(const Record& record) noexcept = 0;
};

// Chooses journald when JOURNAL_STREAM names our stderr (we run under systemd), else stderr text.
std::unique_ptr<Sink> make_default_sink(std::string_view program);

// Process-wide logging setup, done once by a program's Run() before threads start.
void set_sink(std::unique_ptr<Sink> sink);
void set_min_level(Level level);
Level min_level() noexcept;

// Parses "debug", "info", "notice", "warning", "error", "critical"; false when unknown.
bool parse_level(std::string_view text, Level& out) noexcept;
std::string_view to_string(Level level) noexcept;

void write(Level level, std::string_view message,
           std::initializer_list<Field> fields = {}) noexcept;

inline void debug(std::string_view m, std::initializer_list<Field> f = {}) noexcept {
  write(Level::debug, m, f);
}
inline void info(std::string_view m, std::initializer_list<Field> f = {}) noexcept {
  write(Level::info, m, f);
}
inline void notice(std::string_view m, std::initializer_list<Field> f = {}) noexcept {
  write(Level::notice, m, f);
}
inline void warning(std::string_view m, std::initializer_list<Field> f = {}) noexcept {
  write(Level::warning, m, f);
}
inline void error(std::string_view m, std::initializer_list<Field> f = {}) noexcept {
  write(Level::error, m, f);
}
inline void critical(std::string_view m, std::initializer_list<Field> f = {}) noexcept {
  write(Level::critical, m, f);
}

}  // namespace harmony::log
