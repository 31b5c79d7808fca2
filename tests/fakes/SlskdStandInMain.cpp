// slskd-standin: the slskd stand-in (SlskdStandIn.hpp) as a process, for tests that are not
// C++ (the browser tier). Serves the peers listed in a JSON file and prints one JSON line
// {"url","api_key"} on stdout once it listens; runs until stdin closes or SIGTERM.
//
//   slskd-standin --downloads DIR --peers FILE [--transfer-step-ms N] [--search-ms N]
//
// FILE is an array of {"username","filename","audio"?,"seconds"?,"outcome"?} where outcome is
// succeed (default), error, stay_queued or stall.
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "fakes/SlskdStandIn.hpp"
#include "fakes/StandInProcess.hpp"

namespace {

using harmony::fakes::SlskdStandIn;

std::optional<SlskdStandIn::Outcome> parse_outcome(const std::string& text) {
  if (text == "succeed") {
    return SlskdStandIn::Outcome::succeed;
  }
  if (text == "error") {
    return SlskdStandIn::Outcome::error;
  }
  if (text == "stay_queued") {
    return SlskdStandIn::Outcome::stay_queued;
  }
  if (text == "stall") {
    return SlskdStandIn::Outcome::stall;
  }
  return std::nullopt;
}

int run(int argc, char** argv) {
  SlskdStandIn::Options options;
  std::string peers_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--downloads") {
      options.downloads_dir = value;
    } else if (flag == "--peers") {
      peers_file = value;
    } else if (flag == "--transfer-step-ms") {
      options.transfer_step = std::chrono::milliseconds(std::stoll(value));
    } else if (flag == "--search-ms") {
      options.search_duration = std::chrono::milliseconds(std::stoll(value));
    } else {
      std::cerr << "slskd-standin: unknown option " << flag << "\n";
      return 64;
    }
  }
  if (options.downloads_dir.empty() || peers_file.empty()) {
    std::cerr << "usage: slskd-standin --downloads DIR --peers FILE [--transfer-step-ms N] "
                 "[--search-ms N]\n";
    return 64;
  }
  std::ifstream in(peers_file);
  const auto peers = nlohmann::json::parse(in, nullptr, false);
  if (!peers.is_array()) {
    std::cerr << "slskd-standin: " << peers_file << " is not a JSON array of peers\n";
    return 64;
  }
  SlskdStandIn standin(options);
  for (const auto& peer : peers) {
    SlskdStandIn::PeerFile file{.username = peer.value("username", "peer"),
                                .filename = peer.value("filename", "")};
    file.audio = peer.value("audio", "flac");
    file.seconds = peer.value("seconds", 2.0);
    const auto outcome = parse_outcome(peer.value("outcome", "succeed"));
    if (!outcome) {
      std::cerr << "slskd-standin: unknown outcome in " << peer.dump() << "\n";
      return 64;
    }
    file.outcome = *outcome;
    if (!standin.add(file)) {
      std::cerr << "slskd-standin: cannot make the audio for " << file.filename
                << " (sox, flac and lame are needed)\n";
      return 69;
    }
  }
  return harmony::fakes::announce_and_serve(
      nlohmann::json{{"url", standin.url()}, {"api_key", standin.api_key()}});
}

}  // namespace

int main(int argc, char** argv) noexcept {
  return harmony::fakes::stand_in_main("slskd-standin", [&] { return run(argc, argv); });
}
