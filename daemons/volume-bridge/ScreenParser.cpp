#include "ScreenParser.hpp"

#include <array>
#include <string>
#include <vector>

#include "ScreenLine.hpp"
#include "Utf8.hpp"

namespace harmony::bridge {
namespace {

enum class Field { title, artists, album, duration, shuffle, repeat_mode, session };

struct Label {
  std::string_view text;
  Field field;
};

constexpr std::array<Label, 7> k_labels{{
    {"title:", Field::title},
    {"artists:", Field::artists},
    {"album name:", Field::album},
    {"duration:", Field::duration},
    {"shuffle:", Field::shuffle},
    {"repeat mode:", Field::repeat_mode},
    {"session state:", Field::session},
}};

bool wraps(Field field) {
  return field == Field::title || field == Field::artists || field == Field::album;
}

// The upper-case word after `prefix` in `text` ("PlaybackState::PLAYING" → "PLAYING").
std::optional<std::string_view> token_after(std::string_view text, std::string_view prefix) {
  const std::size_t at = text.find(prefix);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(at + prefix.size());
  std::size_t length = 0;
  while (length < rest.size() &&
         ((rest[length] >= 'A' && rest[length] <= 'Z') || rest[length] == '_')) {
    ++length;
  }
  return rest.substr(0, length);
}

// Accumulates fields line by line; remembers per window which text field may continue.
class Collector {
 public:
  explicit Collector(const ScreenLimits& limits) : m_limits(limits) {}

  void window(const WindowText& window) {
    m_after_volume_label = false;
    std::optional<Field>& open = m_open[window.slot];
    if (auto token = token_after(window.text, "PlaybackState::")) {
      m_state.playback = parse_playback_state(*token);
      m_recognised = true;
      open.reset();
      return;
    }
    for (const Label& label : k_labels) {
      if (window.text.starts_with(label.text)) {
        assign(label.field, trim(window.text.substr(label.text.size())));
        open = wraps(label.field) && window.full ? std::optional<Field>(label.field) : std::nullopt;
        m_recognised = true;
        return;
      }
    }
    if (auto token = token_after(window.text, "SessionState::")) {
      m_state.session = parse_session_state(*token);
      m_recognised = true;
    } else if (open && !window.text.empty()) {
      append(*open, window.text);
      if (window.full) {
        return;
      }
    }
    open.reset();
  }

  void plain_line(std::string_view line) {
    if (auto level = parse_volume_bar(line, m_after_volume_label)) {
      m_state.volume = *level;
    } else if (auto position = parse_position_line(line)) {
      m_state.position_s = *position;
    } else if (auto token = token_after(line, "PlaybackState::")) {
      m_state.playback = parse_playback_state(*token);
      m_recognised = true;
    }
    m_after_volume_label = trim(line) == "volume";
    m_open = {};
  }

  void blank_line() {
    m_open = {};
    m_after_volume_label = false;
  }

  Result<SpeakerState> finish() && {
    if (!m_recognised) {
      m_state.volume.reset();
      return make_error(ErrorKind::invalid,
                        "the capture is not the speaker controller's screen (no known labels and "
                        "no PlaybackState); check the container and tmux session names");
    }
    return std::move(m_state);
  }

 private:
  std::string clean(std::string_view text) const {
    return utf8::sanitize(text, m_limits.max_value_bytes);
  }

  std::string* text_field(Field field) {
    switch (field) {
      case Field::title:
        return &m_state.title;
      case Field::artists:
        return &m_state.artists;
      case Field::album:
        return &m_state.album;
      case Field::shuffle:
        return &m_state.shuffle;
      case Field::repeat_mode:
        return &m_state.repeat_mode;
      default:
        return nullptr;
    }
  }

  void assign(Field field, std::string_view value) {
    if (field == Field::duration) {
      m_state.duration_ms = parse_count(value);
    } else if (field == Field::session) {
      const auto token = token_after(value, "SessionState::");
      m_state.session = token ? parse_session_state(*token) : SessionState::unknown;
    } else if (std::string* target = text_field(field)) {
      *target = clean(value);
    }
  }

  void append(Field field, std::string_view more) {
    if (std::string* target = text_field(field)) {
      *target = clean(*target + std::string(more));
    }
  }

  const ScreenLimits& m_limits;
  SpeakerState m_state;
  std::array<std::optional<Field>, 2> m_open{};
  bool m_after_volume_label = false;
  bool m_recognised = false;
};

}  // namespace

Result<SpeakerState> ScreenParser::parse(std::string_view capture) const {
  if (capture.size() > m_limits.max_capture_bytes) {
    capture = capture.substr(0, m_limits.max_capture_bytes);
  }
  Collector collector(m_limits);
  std::size_t lines = 0;
  while (!capture.empty() && lines < m_limits.max_lines) {
    const std::size_t end = capture.find('\n');
    std::string_view line = capture.substr(0, end);
    capture = end == std::string_view::npos ? std::string_view() : capture.substr(end + 1);
    ++lines;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.size() > m_limits.max_line_bytes) {
      line = line.substr(0, utf8::offset_of(line, m_limits.max_line_bytes));
      line = line.substr(0, std::min(line.size(), m_limits.max_line_bytes));
    }
    if (trim(line).empty()) {
      collector.blank_line();
      continue;
    }
    const std::vector<WindowText> windows = split_windows(line);
    if (windows.empty()) {
      collector.plain_line(line);
      continue;
    }
    for (const WindowText& window : windows) {
      collector.window(window);
    }
  }
  return std::move(collector).finish();
}

}  // namespace harmony::bridge
