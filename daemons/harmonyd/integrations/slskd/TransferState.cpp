#include "integrations/slskd/TransferState.hpp"

#include <array>
#include <utility>

namespace harmony::harmonyd::slskd {
namespace {

constexpr std::array<std::pair<std::string_view, TransferState::Flag>, 13> k_names{{
    {"Requested", TransferState::k_requested},
    {"Queued", TransferState::k_queued},
    {"Initializing", TransferState::k_initializing},
    {"InProgress", TransferState::k_in_progress},
    {"Completed", TransferState::k_completed},
    {"Succeeded", TransferState::k_succeeded},
    {"Cancelled", TransferState::k_cancelled},
    {"TimedOut", TransferState::k_timed_out},
    {"Errored", TransferState::k_errored},
    {"Rejected", TransferState::k_rejected},
    {"Aborted", TransferState::k_aborted},
    {"Locally", TransferState::k_locally},
    {"Remotely", TransferState::k_remotely},
}};

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

TransferState TransferState::parse(std::string_view text) {
  TransferState state;
  state.m_text = std::string(text.substr(0, 200));
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto name =
        trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    for (const auto& [known, flag] : k_names) {
      if (known == name) {
        state.m_flags |= flag;
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return state;
}

}  // namespace harmony::harmonyd::slskd
