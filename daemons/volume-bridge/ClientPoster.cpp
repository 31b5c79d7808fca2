#include "ClientPoster.hpp"

#include "http/JsonPost.hpp"

namespace harmony::bridge {

Result<int> ClientPoster::post_json(const std::string& url, const std::string& body) {
  return http::post_json(url, body, m_timeout);
}

}  // namespace harmony::bridge
