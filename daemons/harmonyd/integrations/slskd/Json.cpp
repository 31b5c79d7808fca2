#include "integrations/slskd/Json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

namespace harmony::harmonyd::slskd::json {
namespace {

constexpr std::size_t k_max_text = 4096;      // longer remote strings are cut
constexpr std::size_t k_max_files = 100'000;  // per response; slskd's own fileLimit is 25 000

std::string text(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_string()) {
    return {};
  }
  const auto& value = it->get_ref<const std::string&>();
  return value.substr(0, k_max_text);
}

// A number that fits T exactly, else nullopt. Integers are range-checked as integers; a float
// is checked against the exclusive bound 2^digits, which a double represents exactly (T's max()
// does not: (double)INT64_MAX rounds up to 2^63, and converting that back is undefined).
template <typename T>
std::optional<T> number(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_number()) {
    return std::nullopt;
  }
  if constexpr (std::is_floating_point_v<T>) {
    const double value = it->get<double>();
    return std::isfinite(value) ? std::optional<T>(static_cast<T>(value)) : std::nullopt;
  } else {
    if (it->is_number_unsigned()) {
      const auto value = it->get<std::uint64_t>();
      return value <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                 ? std::optional<T>(static_cast<T>(value))
                 : std::nullopt;
    }
    if (it->is_number_integer()) {
      const auto value = it->get<std::int64_t>();
      return std::in_range<T>(value) ? std::optional<T>(static_cast<T>(value)) : std::nullopt;
    }
    const double value = it->get<double>();
    const double bound = std::ldexp(1.0, std::numeric_limits<T>::digits);
    if (!(value >= -bound && value < bound)) {
      return std::nullopt;
    }
    return static_cast<T>(value);
  }
}

std::optional<bool> flag(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_boolean()) {
    return std::nullopt;
  }
  return it->get<bool>();
}

SearchFile search_file(const nlohmann::json& body) {
  SearchFile file;
  file.filename = text(body, "filename");
  file.size = number<std::int64_t>(body, "size").value_or(0);
  file.extension = text(body, "extension");
  file.bit_rate = number<int>(body, "bitRate");
  file.bit_depth = number<int>(body, "bitDepth");
  file.sample_rate = number<int>(body, "sampleRate");
  file.length_s = number<int>(body, "length");
  file.is_variable_bit_rate = flag(body, "isVariableBitRate");
  return file;
}

}  // namespace

SearchStatus search_status(const nlohmann::json& body) {
  SearchStatus status;
  if (!body.is_object()) {
    return status;
  }
  status.id = text(body, "id");
  status.state = text(body, "state");
  // isComplete is computed from the Completed flag; trust either.
  status.is_complete = flag(body, "isComplete").value_or(false) ||
                       TransferState::parse(status.state).has(TransferState::k_completed);
  status.response_count = number<int>(body, "responseCount").value_or(0);
  status.file_count = number<int>(body, "fileCount").value_or(0);
  return status;
}

PeerResponse peer_response(const nlohmann::json& body) {
  PeerResponse peer;
  if (!body.is_object()) {
    return peer;
  }
  peer.username = text(body, "username");
  peer.has_free_upload_slot = flag(body, "hasFreeUploadSlot").value_or(false);
  peer.queue_length = std::max(0, number<int>(body, "queueLength").value_or(0));
  peer.upload_speed = number<std::int64_t>(body, "uploadSpeed").value_or(0);
  const auto files = body.find("files");
  if (files != body.end() && files->is_array()) {
    for (const auto& file : *files) {
      if (peer.files.size() >= k_max_files) {
        break;
      }
      if (file.is_object()) {
        auto parsed = search_file(file);
        if (!parsed.filename.empty()) {
          peer.files.push_back(std::move(parsed));
        }
      }
    }
  }
  return peer;
}

Transfer transfer(const nlohmann::json& body) {
  Transfer transfer;
  if (!body.is_object()) {
    return transfer;
  }
  transfer.id = text(body, "id");
  transfer.username = text(body, "username");
  transfer.filename = text(body, "filename");
  transfer.size = number<std::int64_t>(body, "size").value_or(0);
  transfer.state = TransferState::parse(text(body, "state"));
  transfer.bytes_transferred = number<std::int64_t>(body, "bytesTransferred").value_or(0);
  transfer.percent_complete = number<double>(body, "percentComplete").value_or(0.0);
  transfer.exception = text(body, "exception").substr(0, 500);
  return transfer;
}

}  // namespace harmony::harmonyd::slskd::json
