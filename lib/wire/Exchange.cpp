#include "wire/Exchange.hpp"

#include <fmt/format.h>

#include <array>

namespace harmony::wire {

std::string format_request(const Request& request) {
  std::string text = fmt::format("{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
                                 request.method, request.target, request.host);
  for (const auto& [name, value] : request.headers) {
    text += fmt::format("{}: {}\r\n", name, value);
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    text += fmt::format("Content-Length: {}\r\n", request.body.size());
  }
  text += "\r\n";
  text += request.body;
  return text;
}

Result<int> exchange(Stream& stream, const Request& request, Deadline deadline,
                     const Canceller* canceller, const ResponseReader::OnHead& on_head,
                     const ResponseReader::OnBody& on_body) {
  int status = 0;
  ResponseReader reader(
      [&](const ResponseHead& head) {
        status = head.status;
        on_head(head);
      },
      on_body, request.method == "HEAD");
  if (auto sent = stream.write_all(format_request(request), deadline, canceller); !sent) {
    if (is_cancellation(sent.error())) {
      return 0;
    }
    return std::move(sent).error();
  }
  std::array<char, 16384> buffer{};
  while (true) {
    auto received = stream.read_some(buffer.data(), buffer.size(), deadline, canceller);
    if (!received) {
      if (is_cancellation(received.error())) {
        return status;
      }
      return std::move(received).error();
    }
    auto progress =
        *received == 0 ? reader.finish() : reader.feed(std::string_view(buffer.data(), *received));
    if (!progress) {
      auto error = std::move(progress).error();
      error.message = fmt::format("{}: {}", stream.peer(), error.message);
      return error;
    }
    if (*progress != ResponseReader::Progress::more) {
      return status;
    }
  }
}

}  // namespace harmony::wire
