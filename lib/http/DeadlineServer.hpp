#pragma once
// Internal to lib/http (Server.cpp): the only other file that may include httplib.

#include <httplib.h>

#include <chrono>

namespace harmony::http {

// httplib's server with a deadline for receiving each whole request. httplib's own read
// timeout bounds only the silence between two reads, so a client sending one byte just inside
// it would hold a worker forever. Here every connection reads through a stream whose reads all
// share one deadline per request, counted from the moment the request's first byte is
// awaited after the keep-alive wait until the handler has read the whole body. Writing the
// response is not timed by it (a long export may stream for minutes; the write timeout still
// applies to each write).
class DeadlineServer final : public httplib::Server {
 public:
  explicit DeadlineServer(std::chrono::milliseconds request_deadline)
      : m_deadline(request_deadline) {}

  // httplib listens with a backlog of 5: a burst of connections overflows it and the kernel
  // makes each extra client retransmit its handshake a second or more later. Call after
  // binding; `backlog` bounds the connections waiting for the accept loop.
  bool set_listen_backlog(int backlog);

  // Whether the request being handled on the calling thread ran out of its deadline (so a
  // failed read is answered 408 rather than 400).
  static bool current_request_expired() noexcept;

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool wait_for_request(socket_t sock) const;

  std::chrono::milliseconds m_deadline;
};

}  // namespace harmony::http
