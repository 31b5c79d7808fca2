#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"

namespace harmony::config {

struct MapEntry;

// A YAML document as plain data, for settings that have structure (lists of records) and so do
// not fit the flat KEY → value layers. Every node keeps its 1-based line so a validator can name
// "file:line" in its messages. yaml-cpp stays inside the .cpp.
struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  int line = 0;
  std::string scalar;             // Kind::scalar
  std::vector<Node> items;        // Kind::sequence
  std::vector<MapEntry> entries;  // Kind::map, in file order

  bool is_null() const noexcept { return kind == Kind::null; }
  bool is_scalar() const noexcept { return kind == Kind::scalar; }
  bool is_sequence() const noexcept { return kind == Kind::sequence; }
  bool is_map() const noexcept { return kind == Kind::map; }
  // The value under `key` in a map, or nullptr.
  const Node* find(std::string_view key) const noexcept;
};

struct MapEntry {
  std::string key;
  int line = 0;  // the key's line
  Node value;
};

// A syntax error is ErrorKind::config "file:line: what"; a missing file is ErrorKind::not_found.
// Duplicate keys in one map are rejected (a silent "last one wins" hides typos).
Result<Node> parse_yaml_tree(const std::string& text, const std::string& source_name);
Result<Node> load_yaml_tree(const std::string& path);

}  // namespace harmony::config
