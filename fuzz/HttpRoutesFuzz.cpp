// Any request a LAN client or a browser can send, through harmonyd's real route table and
// middleware pipeline (in process, over fake services): it gets an answer with a JSON error
// envelope or a handler's response, never a crash. The input is a raw HTTP/1.1 request head
// plus body, split here the way the server would hand it over.
#include <cstdint>
#include <string>
#include <string_view>

#include "unit/harmonyd/RoutedApi.hpp"

namespace {

harmony::http::Request to_request(std::string_view raw) {
  harmony::http::Request request;
  const std::size_t head_end = raw.find("\r\n\r\n");
  const std::string_view head = raw.substr(0, head_end);
  request.body =
      head_end == std::string_view::npos ? std::string() : std::string(raw.substr(head_end + 4));
  std::size_t line_end = head.find("\r\n");
  const std::string_view first = head.substr(0, line_end);
  const std::size_t space = first.find(' ');
  request.method = std::string(first.substr(0, space));
  std::string_view target = space == std::string_view::npos ? "/" : first.substr(space + 1);
  target = target.substr(0, target.find(' '));
  const std::size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const std::size_t equals = pair.find('=');
      request.query.emplace(
          std::string(pair.substr(0, equals)),
          equals == std::string_view::npos ? std::string() : std::string(pair.substr(equals + 1)));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }
  while (line_end != std::string_view::npos && line_end < head.size()) {
    const std::size_t next = head.find("\r\n", line_end + 2);
    const std::string_view line = head.substr(line_end + 2, next - line_end - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
      }
      request.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
    }
    line_end = next;
  }
  request.remote_addr = "192.0.2.1";
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One API for the whole run, like one daemon serving many requests; keys on, so both the
  // open and the guarded paths are reached.
  static harmony::harmonyd::api::RoutedApi api({"fuzz-key"});
  const auto response =
      api.router.dispatch(to_request(std::string_view(reinterpret_cast<const char*>(data), size)));
  if (response.status < 100 || response.status > 599) {
    __builtin_trap();
  }
  return 0;
}
