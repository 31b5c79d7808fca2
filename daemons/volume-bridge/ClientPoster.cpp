#include "ClientPoster.hpp"

#include "wire/Client.hpp"

namespace harmony::bridge {

Result<int> ClientPoster::post_json(const std::string& url, const std::string& body) {
  return wire::post_json(url, body, m_timeout);
}

}  // namespace harmony::bridge
