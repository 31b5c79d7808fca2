#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace harmony::fakes::alsa {

// The mixer of a HiFiBerry DAC+ (PCM512x) as its kernel driver exposes it: "Digital Playback
// Volume", stereo, 0..207 (the card driver limits the codec's range to 207 = 0 dB), and the
// stereo "Digital Playback Switch".
inline constexpr long k_volume_max = 207;
// TLV DB_SCALE as the codec driver declares it: -103.50 dB at 0, 0.50 dB a step, step 0 mutes.
inline constexpr int k_db_min_centi = -10350;
inline constexpr int k_db_step_centi = 50;

enum class Element { volume = 0, on = 1 };

struct CardState {
  std::array<long, 2> volume{k_volume_max, k_volume_max};
  std::array<long, 2> on{1, 1};
  std::array<long, 2>& operator[](Element e) noexcept { return e == Element::volume ? volume : on; }
  bool operator==(const CardState&) const = default;
};

// The largest value `element` takes (its minimum is 0).
long element_max(Element element) noexcept;

// The state file, which every process opening the card shares as it would a kernel card's
// registers:
//   volume L R\n
//   switch L R\n
// Anything else (another key or order, a value out of range, a file longer than
// k_max_file_bytes) is malformed: nullopt, never a clamped guess.
inline constexpr std::size_t k_max_file_bytes = 64;
std::optional<CardState> parse_card_state(std::string_view text) noexcept;
std::string format_card_state(const CardState& state);

// Creates the file with the default state unless it exists. 0 or -errno.
int create_card_state(const std::string& path) noexcept;
// Reads the file under a shared flock: 0, -errno, or -EBADMSG when it is malformed.
int load_card_state(const std::string& path, CardState& out) noexcept;
// Sets both channels of `element` under an exclusive flock, rewriting the file in place (the
// inode stays, so an inotify watch on it sees IN_CLOSE_WRITE). 1 when the value changed, 0 when
// not, -EINVAL for a value out of range, or another negative errno.
int store_element(const std::string& path, Element element, const long* values) noexcept;

}  // namespace harmony::fakes::alsa
