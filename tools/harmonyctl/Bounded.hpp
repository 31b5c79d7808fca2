#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "core/Result.hpp"

namespace harmony::harmonyctl {

// Runs `work` on a thread of its own and waits at most `timeout` for it. Some connects have no
// timeout of their own (libavahi-client and sd-bus wait up to D-Bus's 25 s for a bus that
// accepts but never answers); a command-line tool must not hang on them. Past the timeout the
// thread is abandoned (detached) and ends with the process, which exits soon after.
template <typename T>
Result<T> within(std::chrono::milliseconds timeout, const std::string& what,
                 std::function<Result<T>()> work) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  auto future = promise->get_future();
  std::thread([promise, work = std::move(work)] { promise->set_value(work()); }).detach();
  if (future.wait_for(timeout) != std::future_status::ready) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("{} did not answer within {} ms", what, timeout.count()));
  }
  return future.get();
}

}  // namespace harmony::harmonyctl
