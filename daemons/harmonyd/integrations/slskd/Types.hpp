#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// slskd's data as harmonyd uses it (reference: peers-and-contracts.md §2). Remote data: every
// field here came from a peer through slskd and is untrusted until validated.
namespace harmony::harmonyd::slskd {

// One file of a search response. bitRate/bitDepth/sampleRate/length are absent for peers whose
// client does not report them (slskd omits nulls).
struct SearchFile {
  std::string filename;  // remote path with backslash separators: "@@share\Artist\Album\01.flac"
  std::int64_t size = 0;
  std::string extension;             // may be empty: then it comes from the filename
  std::optional<int> bit_rate{};     // kbps
  std::optional<int> bit_depth{};    // bits
  std::optional<int> sample_rate{};  // Hz
  std::optional<int> length_s{};     // seconds
  std::optional<bool> is_variable_bit_rate{};
};

// One peer's answer to a search.
struct PeerResponse {
  std::string username;
  bool has_free_upload_slot = false;
  int queue_length = 0;
  std::int64_t upload_speed = 0;
  std::vector<SearchFile> files;
};

// A search as slskd reports it while it runs.
struct SearchStatus {
  std::string id;
  std::string state;  // flag string, e.g. "Completed, TimedOut"
  bool is_complete = false;
  int response_count = 0;
  int file_count = 0;
};

}  // namespace harmony::harmonyd::slskd
