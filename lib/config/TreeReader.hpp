#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/Tree.hpp"
#include "core/Error.hpp"

namespace harmony::config {

// Reads one YAML mapping into typed fields, with messages that name the file, the line and the
// key path ("watchdog.yml:14: targets[0].policy.grace: '5x' is not a duration ...").
// The first error is kept ("sticky") and later reads become no-ops, so a loader reads every
// field in a row and checks `error()` once. An absent key leaves the output at its default.
class TreeReader {
 public:
  // `node` must outlive the reader. `path` is the key path of `node` ("" at the top).
  TreeReader(const Node& node, std::string source, std::string path);

  void string(std::string_view key, std::string& out, bool required = false);
  void integer(std::string_view key, int& out, std::int64_t min, std::int64_t max);
  void boolean(std::string_view key, bool& out);
  void duration(std::string_view key, std::chrono::milliseconds& out);
  // A scalar or a list of scalars.
  void strings(std::string_view key, std::vector<std::string>& out);
  // The child node, or nullptr when absent.
  const Node* child(std::string_view key) const noexcept;
  // Fails on any key not in `known`.
  void only(std::initializer_list<std::string_view> known);
  // Records an error about `key` (for checks a loader makes itself).
  void fail(std::string_view key, std::string_view what);
  void fail_at(int line, std::string_view key, std::string_view what);

  std::string path_of(std::string_view key) const;
  const std::string& source() const noexcept { return m_source; }
  bool ok() const noexcept { return !m_error.has_value(); }
  const std::optional<Error>& error() const noexcept { return m_error; }
  // Adopts the error of a nested reader (only the first error is kept).
  void adopt(const TreeReader& nested);

 private:
  const Node* scalar(std::string_view key, std::string_view expected);
  int line_of(std::string_view key) const noexcept;

  const Node& m_node;
  std::string m_source;
  std::string m_path;
  std::optional<Error> m_error;
};

}  // namespace harmony::config
