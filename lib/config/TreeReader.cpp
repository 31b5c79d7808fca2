#include "config/TreeReader.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/Duration.hpp"

namespace harmony::config {

TreeReader::TreeReader(const Node& node, std::string source, std::string path)
    : m_node(node), m_source(std::move(source)), m_path(std::move(path)) {
  if (!node.is_map() && !node.is_null()) {
    fail_at(node.line, "", "expected `key: value` pairs here");
  }
}

std::string TreeReader::path_of(std::string_view key) const {
  if (m_path.empty()) {
    return std::string(key);
  }
  return key.empty() ? m_path : fmt::format("{}.{}", m_path, key);
}

int TreeReader::line_of(std::string_view key) const noexcept {
  for (const MapEntry& entry : m_node.entries) {
    if (entry.key == key) {
      return entry.line;
    }
  }
  return m_node.line;
}

const Node* TreeReader::child(std::string_view key) const noexcept {
  return m_node.find(key);
}

void TreeReader::fail_at(int line, std::string_view key, std::string_view what) {
  if (m_error) {
    return;
  }
  m_error = make_error(ErrorKind::config,
                       fmt::format("{}:{}: {}: {}", m_source, line, path_of(key), what));
}

void TreeReader::fail(std::string_view key, std::string_view what) {
  fail_at(line_of(key), key, what);
}

void TreeReader::adopt(const TreeReader& nested) {
  if (!m_error && nested.m_error) {
    m_error = nested.m_error;
  }
}

const Node* TreeReader::scalar(std::string_view key, std::string_view expected) {
  const Node* node = m_error ? nullptr : child(key);
  if (node == nullptr || node->is_null()) {
    return nullptr;
  }
  if (!node->is_scalar()) {
    fail(key, fmt::format("expected {}", expected));
    return nullptr;
  }
  return node;
}

void TreeReader::string(std::string_view key, std::string& out, bool required) {
  const Node* node = scalar(key, "a text value");
  if (node != nullptr) {
    out = node->scalar;
  } else if (required && ok()) {
    fail_at(m_node.line, key, "is required");
  }
}

void TreeReader::integer(std::string_view key, int& out, std::int64_t min, std::int64_t max) {
  const Node* node = scalar(key, "a whole number");
  if (node == nullptr) {
    return;
  }
  std::int64_t value = 0;
  const std::string& text = node->scalar;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    fail(key, fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
    return;
  }
  out = static_cast<int>(value);
}

void TreeReader::boolean(std::string_view key, bool& out) {
  const Node* node = scalar(key, "true or false");
  if (node == nullptr) {
    return;
  }
  std::string text = node->scalar;
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text == "true" || text == "yes" || text == "on") {
    out = true;
  } else if (text == "false" || text == "no" || text == "off") {
    out = false;
  } else {
    fail(key, fmt::format("'{}' is not true or false", node->scalar));
  }
}

void TreeReader::duration(std::string_view key, std::chrono::milliseconds& out) {
  const Node* node = scalar(key, "a duration such as 500ms, 5s, 2m");
  if (node == nullptr) {
    return;
  }
  auto parsed = parse_duration(node->scalar);
  if (!parsed) {
    fail(key, parsed.error().message);
    return;
  }
  out = *parsed;
}

void TreeReader::strings(std::string_view key, std::vector<std::string>& out) {
  const Node* node = m_error ? nullptr : child(key);
  if (node == nullptr || node->is_null()) {
    return;
  }
  if (node->is_scalar()) {
    out = {node->scalar};
    return;
  }
  if (!node->is_sequence()) {
    fail(key, "expected a value or a list of values");
    return;
  }
  std::vector<std::string> values;
  for (const Node& item : node->items) {
    if (!item.is_scalar()) {
      fail_at(item.line, key, "list items must be plain values");
      return;
    }
    values.push_back(item.scalar);
  }
  out = std::move(values);
}

void TreeReader::only(std::initializer_list<std::string_view> known) {
  for (const MapEntry& entry : m_node.entries) {
    if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
      std::string list;
      for (std::string_view name : known) {
        list += list.empty() ? "" : ", ";
        list += name;
      }
      fail_at(entry.line, entry.key, fmt::format("unknown key (known here: {})", list));
      return;
    }
  }
}

}  // namespace harmony::config
