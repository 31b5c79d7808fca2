#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "config/Loaders.hpp"

namespace harmony::config {
namespace {

Error yaml_error(const std::string& source, int line, std::string_view what) {
  return make_error(ErrorKind::config, fmt::format("{}:{}: {}", source, line, what));
}

// Scalars stay as written; a flow or block sequence of scalars becomes "a,b,c".
Result<std::string> scalar_text(const YAML::Node& node, const std::string& source,
                                const std::string& key) {
  if (node.IsNull()) {
    return std::string();
  }
  if (node.IsScalar()) {
    return node.Scalar();
  }
  if (node.IsSequence()) {
    std::string joined;
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) {
        return yaml_error(source, item.Mark().line + 1,
                          fmt::format("list '{}' may only hold plain values", key));
      }
      if (!joined.empty()) {
        joined += ',';
      }
      joined += item.Scalar();
    }
    return joined;
  }
  return yaml_error(source, node.Mark().line + 1,
                    fmt::format("'{}' is nested too deeply (only `section: {{KEY: value}}`)", key));
}

Result<void> add_entry(Layer& layer, const YAML::Node& key, const YAML::Node& value,
                       const std::string& source) {
  const std::string name = key.as<std::string>();
  auto text = scalar_text(value, source, name);
  if (!text) {
    return std::move(text).error();
  }
  layer.entries[name] = Entry{std::move(*text), Origin{source, key.Mark().line + 1}};
  return {};
}

}  // namespace

Result<Layer> parse_yaml(const std::string& text, const std::string& source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return yaml_error(source_name, e.mark.line + 1, e.msg);
  }
  Layer layer{source_name, {}};
  if (root.IsNull()) {
    return layer;
  }
  if (!root.IsMap()) {
    return yaml_error(source_name, root.Mark().line + 1,
                      "expected `KEY: value` pairs at the top level");
  }
  for (const auto& item : root) {
    if (!item.first.IsScalar()) {
      return yaml_error(source_name, item.first.Mark().line + 1, "keys must be plain names");
    }
    if (item.second.IsMap()) {
      for (const auto& inner : item.second) {
        if (!inner.first.IsScalar()) {
          return yaml_error(source_name, inner.first.Mark().line + 1, "keys must be plain names");
        }
        if (auto added = add_entry(layer, inner.first, inner.second, source_name); !added) {
          return std::move(added).error();
        }
      }
    } else if (auto added = add_entry(layer, item.first, item.second, source_name); !added) {
      return std::move(added).error();
    }
  }
  return layer;
}

Result<Layer> load_yaml_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return make_error(ErrorKind::not_found, fmt::format("{}: cannot open the file", path), errno);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_yaml(text.str(), path);
}

}  // namespace harmony::config
