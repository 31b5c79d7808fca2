#include "ui/MustacheTemplates.hpp"

#include <kainjow/mustache.hpp>

#include <fmt/format.h>

#include "ui/EmbeddedFile.hpp"

namespace harmony::harmonyd::ui {
namespace {

namespace mustache = kainjow::mustache;

// JSON → mustache data. Numbers become their text; null and false are falsy sections.
// kainjow's set()/push_back() copy their argument, so containers are inserted empty and filled
// in place (a copy of a filled subtree at every level made rendering quadratic in depth).
mustache::data shell(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::object:
      return mustache::data(mustache::data::type::object);
    case nlohmann::json::value_t::array:
      return mustache::data(mustache::data::type::list);
    case nlohmann::json::value_t::string:
      return mustache::data(json.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return mustache::data(json.get<bool>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data(false);
    default:
      return mustache::data(json.dump());
  }
}

// The stored children are non-const objects; get() and list_value() only hand out const views.
void fill(mustache::data& out, const nlohmann::json& json) {
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      out.set(key, shell(value));
      fill(const_cast<mustache::data&>(*out.get(key)), value);
    }
  } else if (json.is_array()) {
    for (const auto& value : json) {
      out.push_back(shell(value));  // all first: a reallocation then moves only shells
    }
    auto& items = const_cast<mustache::basic_list<std::string>&>(out.list_value());
    for (std::size_t i = 0; i < json.size(); ++i) {
      fill(items[i], json[i]);
    }
  }
}

mustache::data to_data(const nlohmann::json& json) {
  mustache::data data = shell(json);
  fill(data, json);
  return data;
}

}  // namespace

struct MustacheTemplates::Parsed {
  explicit Parsed(const std::string& text) : tmpl(text) {}
  mustache::mustache tmpl;
};

MustacheTemplates::MustacheTemplates(
    std::map<std::string, std::unique_ptr<Parsed>, std::less<>> parsed)
    : m_parsed(std::move(parsed)) {}

MustacheTemplates::~MustacheTemplates() = default;

Result<std::unique_ptr<MustacheTemplates>> MustacheTemplates::load() {
  std::map<std::string, std::unique_ptr<Parsed>, std::less<>> parsed;
  for (const EmbeddedFile& file : embedded_templates()) {
    std::string name(file.name.substr(0, file.name.rfind(".mustache")));
    auto entry = std::make_unique<Parsed>(std::string(file.bytes));
    if (!entry->tmpl.is_valid()) {
      return make_error(ErrorKind::internal,
                        fmt::format("template {}: {}", file.name, entry->tmpl.error_message()));
    }
    parsed.emplace(std::move(name), std::move(entry));
  }
  return std::unique_ptr<MustacheTemplates>(new MustacheTemplates(std::move(parsed)));
}

std::string MustacheTemplates::render(std::string_view name, const nlohmann::json& view) const {
  const auto it = m_parsed.find(name);
  if (it == m_parsed.end()) {
    throw std::logic_error(fmt::format("no template named {}", name));
  }
  // kainjow's render mutates no shared state but is not documented thread-safe: copy the
  // parsed template (cheap next to rendering) so concurrent requests never share one.
  mustache::mustache copy = it->second->tmpl;
  return copy.render(to_data(view));
}

}  // namespace harmony::harmonyd::ui
