// slskd's answers (search status and responses, transfers) are remote data: any JSON must be
// read into bounded values without crashing or undefined behaviour.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "integrations/slskd/Json.hpp"
#include "integrations/slskd/TransferState.hpp"

namespace slskd = harmony::harmonyd::slskd;

namespace {

void read_as_every_shape(const nlohmann::json& item) {
  static_cast<void>(slskd::json::search_status(item));
  static_cast<void>(slskd::json::peer_response(item));
  static_cast<void>(slskd::json::transfer(item));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static_cast<void>(slskd::TransferState::parse(std::string(text.substr(0, 512))));
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded()) {
    return 0;
  }
  read_as_every_shape(body);
  if (body.is_array() || body.is_object()) {
    for (const auto& item : body) {
      read_as_every_shape(item);
    }
  }
  return 0;
}
