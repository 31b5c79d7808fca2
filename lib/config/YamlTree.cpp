#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "config/Tree.hpp"

namespace harmony::config {
namespace {

// yaml-cpp's recursion is bounded by its own depth limit; ours keeps a hostile file from
// building an absurd tree.
constexpr int k_max_depth = 32;

Error tree_error(const std::string& source, int line, std::string_view what) {
  return make_error(ErrorKind::config, fmt::format("{}:{}: {}", source, line, what));
}

Result<Node> convert(const YAML::Node& in, const std::string& source, int depth) {
  Node out;
  out.line = in.Mark().line + 1;
  if (depth > k_max_depth) {
    return tree_error(source, out.line, "the document is nested too deeply");
  }
  switch (in.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = Node::Kind::null;
      return out;
    case YAML::NodeType::Scalar:
      out.kind = Node::Kind::scalar;
      out.scalar = in.Scalar();
      return out;
    case YAML::NodeType::Sequence:
      out.kind = Node::Kind::sequence;
      for (const YAML::Node& item : in) {
        auto converted = convert(item, source, depth + 1);
        if (!converted) {
          return converted;
        }
        out.items.push_back(std::move(*converted));
      }
      return out;
    case YAML::NodeType::Map:
      out.kind = Node::Kind::map;
      for (const auto& item : in) {
        const int key_line = item.first.Mark().line + 1;
        if (!item.first.IsScalar()) {
          return tree_error(source, key_line, "keys must be plain names");
        }
        const std::string key = item.first.Scalar();
        if (out.find(key) != nullptr) {
          return tree_error(source, key_line, fmt::format("'{}' is given twice", key));
        }
        auto value = convert(item.second, source, depth + 1);
        if (!value) {
          return value;
        }
        out.entries.push_back(MapEntry{key, key_line, std::move(*value)});
      }
      return out;
  }
  return out;
}

}  // namespace

const Node* Node::find(std::string_view key) const noexcept {
  for (const MapEntry& entry : entries) {
    if (entry.key == key) {
      return &entry.value;
    }
  }
  return nullptr;
}

Result<Node> parse_yaml_tree(const std::string& text, const std::string& source_name) {
  try {
    return convert(YAML::Load(text), source_name, 0);
  } catch (const YAML::Exception& e) {
    return tree_error(source_name, e.mark.line + 1, e.msg);
  }
}

Result<Node> load_yaml_tree(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return make_error(
        ErrorKind::not_found,
        fmt::format("{}: cannot open the file (check the path given with --config)", path), errno);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_yaml_tree(text.str(), path);
}

}  // namespace harmony::config
