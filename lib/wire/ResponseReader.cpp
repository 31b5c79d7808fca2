#include "wire/ResponseReader.hpp"

#include <fmt/format.h>
#include <http_parser.h>
#include <strings.h>

namespace harmony::wire {

constexpr std::size_t k_max_fields = 100;

struct ResponseReader::State {
  http_parser parser{};
  http_parser_settings settings{};
  OnHead on_head;
  OnBody on_body;
  bool head_only = false;
  ResponseHead head;
  bool in_value = false;
  bool head_seen = false;
  bool complete = false;
  bool stopped = false;
  bool too_many_fields = false;
};

namespace {

using State = ResponseReader::State;

State& state_of(http_parser* parser) {
  return *static_cast<State*>(parser->data);
}

int read_field(http_parser* parser, const char* at, std::size_t length) {
  auto& state = state_of(parser);
  if (state.in_value || state.head.headers.empty()) {
    if (state.head.headers.size() == k_max_fields) {
      state.too_many_fields = true;
      return 1;
    }
    state.head.headers.emplace_back();
    state.in_value = false;
  }
  state.head.headers.back().first.append(at, length);
  return 0;
}

int read_value(http_parser* parser, const char* at, std::size_t length) {
  auto& state = state_of(parser);
  state.in_value = true;
  state.head.headers.back().second.append(at, length);
  return 0;
}

int head_done(http_parser* parser) {
  auto& state = state_of(parser);
  state.head.status = static_cast<int>(parser->status_code);
  state.head_seen = true;
  state.on_head(state.head);
  // 1 tells http-parser that no body follows (the answer to a HEAD).
  return state.head_only ? 1 : 0;
}

int read_body(http_parser* parser, const char* at, std::size_t length) {
  auto& state = state_of(parser);
  if (!state.on_body(std::string_view(at, length))) {
    state.stopped = true;
    return 1;
  }
  return 0;
}

int message_done(http_parser* parser) {
  auto& state = state_of(parser);
  state.complete = true;
  // Pausing leaves anything after this response (a pipelined one, garbage) unread.
  http_parser_pause(parser, 1);
  return 0;
}

Error malformed(const http_parser& parser) {
  const auto code = static_cast<http_errno>(parser.http_errno);
  return make_error(ErrorKind::invalid,
                    fmt::format("malformed HTTP response: {}", http_errno_description(code)),
                    static_cast<int>(code));
}

}  // namespace

std::string_view ResponseHead::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (field.size() == name.size() && strncasecmp(field.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

ResponseReader::ResponseReader(OnHead on_head, OnBody on_body, bool head_only)
    : m_state(std::make_unique<State>()) {
  m_state->on_head = std::move(on_head);
  m_state->on_body = std::move(on_body);
  m_state->head_only = head_only;
  http_parser_init(&m_state->parser, HTTP_RESPONSE);
  m_state->parser.data = m_state.get();
  http_parser_settings_init(&m_state->settings);
  m_state->settings.on_header_field = read_field;
  m_state->settings.on_header_value = read_value;
  m_state->settings.on_headers_complete = head_done;
  m_state->settings.on_body = read_body;
  m_state->settings.on_message_complete = message_done;
}

ResponseReader::~ResponseReader() = default;

bool ResponseReader::head_seen() const noexcept {
  return m_state->head_seen;
}

Result<ResponseReader::Progress> ResponseReader::feed(std::string_view bytes) {
  auto& state = *m_state;
  if (state.complete) {
    return Progress::complete;
  }
  http_parser_execute(&state.parser, &state.settings, bytes.data(), bytes.size());
  if (state.complete) {
    return Progress::complete;
  }
  if (state.stopped) {
    return Progress::stopped;
  }
  if (state.too_many_fields) {
    return make_error(ErrorKind::invalid,
                      fmt::format("HTTP response has more than {} header fields", k_max_fields));
  }
  if (state.parser.http_errno != HPE_OK) {
    return malformed(state.parser);
  }
  return Progress::more;
}

Result<ResponseReader::Progress> ResponseReader::finish() {
  auto& state = *m_state;
  if (state.complete || state.stopped) {
    return state.complete ? Progress::complete : Progress::stopped;
  }
  // A zero-length execute tells http-parser that the peer closed.
  http_parser_execute(&state.parser, &state.settings, nullptr, 0);
  if (state.complete) {
    return Progress::complete;
  }
  if (state.stopped) {
    return Progress::stopped;
  }
  return make_error(ErrorKind::unavailable,
                    state.head_seen ? "the connection closed before the response body ended"
                                    : "the connection closed before a response arrived");
}

}  // namespace harmony::wire
