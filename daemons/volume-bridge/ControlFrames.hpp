#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace harmony::bridge {

// Splits the output of a tmux control-mode client (`tmux -C`) into command replies. Every command
// the client runs answers with a block: `%begin TIME NUMBER FLAGS`, the command's output lines,
// then `%end` or `%error` with the same three words (FLAGS is 1 when the command came from this
// client's stdin, 0 for the command on its command line). Notifications (`%output`,
// `%session-changed`, ...) never come inside a block and are ignored, except `%exit [reason]`: the
// client is leaving. The bytes come from inside the speaker container, so they are untrusted: a
// reply longer than `max_reply` is never buffered whole (its bytes are dropped and it is delivered
// as oversized with no text), over-long lines outside a block are dropped, and anything that is not
// the protocol is skipped. Input arrives in pieces of any size (Docker frames do not follow lines).
class ControlFrames {
 public:
  enum class Outcome { ok, error, oversized };
  struct Reply {
    Outcome outcome = Outcome::ok;
    bool ours = false;      // FLAGS was 1: the answer to a command sent on the client's stdin
    std::string_view body;  // the output lines, each followed by '\n' (empty when oversized)
  };
  struct Handlers {
    std::function<void(const Reply&)> on_reply;
    std::function<void(std::string_view reason)> on_exit;
  };

  explicit ControlFrames(Handlers handlers, std::size_t max_reply = std::size_t{64} * 1024)
      : m_handlers(std::move(handlers)), m_max_reply(max_reply) {}

  void feed(std::string_view bytes);
  // Forgets a line or a reply cut off by the end of the stream; true when there was one.
  bool discard_partial();

 private:
  void take_line(std::string_view line);
  void take_body_line(std::string_view line);

  Handlers m_handlers;
  std::size_t m_max_reply;
  std::string m_line;
  bool m_line_too_long = false;
  bool m_in_block = false;
  std::string m_guard;  // "TIME NUMBER FLAGS" of the open block
  std::string m_body;
  bool m_oversized = false;
};

}  // namespace harmony::bridge
