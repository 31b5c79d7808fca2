#include "ui/Assets.hpp"

#include <algorithm>

#include "ui/EmbeddedFile.hpp"

namespace harmony::harmonyd::ui {
namespace {

const EmbeddedFile* find_asset(std::string_view name) {
  const auto assets = embedded_assets();
  const auto it = std::find_if(assets.begin(), assets.end(),
                               [name](const EmbeddedFile& file) { return file.name == name; });
  return it == assets.end() ? nullptr : &*it;
}

std::string content_type(std::string_view name) {
  if (name.ends_with(".js")) {
    return "text/javascript; charset=utf-8";
  }
  if (name.ends_with(".css")) {
    return "text/css; charset=utf-8";
  }
  if (name.ends_with(".svg")) {
    return "image/svg+xml";
  }
  return "application/octet-stream";
}

}  // namespace

std::string asset_url(std::string_view name) {
  const EmbeddedFile* file = find_asset(name);
  std::string url = "/ui/assets/" + std::string(name);
  if (file != nullptr) {
    // The ETag without its quotes: a new build changes the URL, so caches never serve stale code.
    url += "?v=" + std::string(file->etag.substr(1, file->etag.size() - 2));
  }
  return url;
}

http::Response serve_asset(const http::Request& request) {
  const auto it = request.path_params.find("name");
  const EmbeddedFile* file = it == request.path_params.end() ? nullptr : find_asset(it->second);
  if (file == nullptr) {
    return http::Response::error(404, "NOT_FOUND", "no such asset");
  }
  http::Response response;
  response.set_header("ETag", std::string(file->etag));
  response.set_header("Cache-Control", "public, max-age=86400");
  response.set_header("Vary", "Accept-Encoding");
  response.set_header("X-Content-Type-Options", "nosniff");
  if (const auto match = request.header("If-None-Match");
      match && match->find(file->etag) != std::string::npos) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.status = 200;
  response.content_type = content_type(file->name);
  response.body.assign(file->bytes);
  return response;
}

}  // namespace harmony::harmonyd::ui
