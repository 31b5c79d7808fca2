#pragma once

#include <span>
#include <string_view>

namespace harmony::harmonyd::ui {

// A file compiled into harmonyd by cmake/EmbedFiles.cmake; `etag` is a quoted strong validator.
struct EmbeddedFile {
  std::string_view name;
  std::string_view bytes;
  std::string_view etag;
};

// web/node_modules' htmx and Pico CSS plus assets/*.
std::span<const EmbeddedFile> embedded_assets();
// templates/*.mustache.
std::span<const EmbeddedFile> embedded_templates();

}  // namespace harmony::harmonyd::ui
