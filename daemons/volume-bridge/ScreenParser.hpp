#pragma once

#include <cstddef>
#include <string_view>

#include "SpeakerState.hpp"
#include "core/Result.hpp"

namespace harmony::bridge {

// Bounds applied to an untrusted capture before and while parsing it.
struct ScreenLimits {
  std::size_t max_capture_bytes =
      std::size_t{64} * 1024;  // the rest of a larger capture is ignored
  std::size_t max_lines = 400;
  std::size_t max_line_bytes = 1024;
  std::size_t max_value_bytes = 512;  // title, artists, album after joining wrapped lines
};

// Reads the speaker controller's screen (`tmux capture-pane -p`): two 40-column windows side by
// side, borders drawn with VT100 line-drawing letters (`x` vertical, `l`/`k` top corners,
// `q` horizontal), property lines `x<label>: <value>…xx<label>: <value>…x`, a
// `PlaybackState::…` and a `SessionState::…` token, a position line `38 / 227` and a volume
// bar `l###…qqqk` (one `#` per step, 38 steps) under a `volume` label.
//
// Borders are removed by column, never by trimming letters, so a trailing "x" in a name
// survives. A value that fills its window to the border continues on the next line of the same
// window. When a field appears more than once (scrollback), the last one wins. Unknown lines are
// ignored. A capture with no recognisable controller content is ErrorKind::invalid, so nothing
// downstream (the mixer in particular) ever acts on an unparsed screen. Stateless and
// thread-safe.
class ScreenParser {
 public:
  explicit ScreenParser(ScreenLimits limits = {}) : m_limits(limits) {}

  Result<SpeakerState> parse(std::string_view capture) const;

 private:
  ScreenLimits m_limits;
};

}  // namespace harmony::bridge
