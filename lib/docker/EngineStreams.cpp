// The long-running calls: /events (with reconnect and resume), following a container's log and
// streaming a long-lived exec's output.
// Each runs on its own thread, owned by the Subscription it returns.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

#include "docker/EngineClient.hpp"
#include "docker/EventParser.hpp"
#include "docker/FrameDemuxer.hpp"
#include "docker/LineSplitter.hpp"

namespace harmony::docker {
namespace {

constexpr auto k_first_retry = std::chrono::milliseconds(100);
constexpr auto k_max_retry = std::chrono::milliseconds(5000);
constexpr std::size_t k_max_error_body = 4096;

// Runs `body(token)` on a thread; the destructor cancels the token and joins.
class ThreadSubscription final : public Subscription {
 public:
  explicit ThreadSubscription(std::function<void(CancelToken&)> body)
      : m_thread([this, body = std::move(body)] { body(m_token); }) {}
  ~ThreadSubscription() override {
    m_token.cancel();
    m_thread.join();
  }

 private:
  CancelToken m_token;  // declared before m_thread: it must exist when the thread starts
  std::thread m_thread;
};

std::int64_t wall_now_nano() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string since_argument(std::int64_t nano) {
  return fmt::format("{}.{:09}", nano / 1'000'000'000, nano % 1'000'000'000);
}

}  // namespace

std::unique_ptr<Subscription> EngineClient::events(Filters filters, EventHandlers handlers) {
  filters["type"] = {"container"};
  const std::int64_t start = wall_now_nano();
  return std::make_unique<ThreadSubscription>([this, filters = std::move(filters),
                                               handlers = std::move(handlers),
                                               start](CancelToken& token) {
    std::int64_t last_nano = start;
    auto delay = k_first_retry;
    auto report = [&](bool connected, const std::string& detail) {
      if (handlers.on_connection) {
        handlers.on_connection(connected, detail);
      }
    };
    while (!token.cancelled()) {
      std::string reason;
      auto path = versioned("/events?filters=" + encode_filters(filters) +
                            "&since=" + since_argument(last_nano));
      if (path) {
        LineSplitter splitter([&](std::string_view line, bool truncated) {
          if (truncated) {
            return;
          }
          auto event = parse_event_line(line);
          // Resuming with `since` replays the last second; skip what was already delivered.
          if (event && event->time_nano > last_nano) {
            last_nano = event->time_nano;
            if (handlers.on_event) {
              handlers.on_event(*event);
            }
          }
        });
        long status = 0;
        auto result = m_transport.stream(
            *path,
            [&](long code) {
              status = code;
              if (code == 200) {
                delay = k_first_retry;
                report(true, {});
              }
            },
            [&](std::string_view bytes) {
              if (status == 200) {
                splitter.feed(bytes);
              }
              return status == 200;
            },
            token);
        reason = result ? fmt::format("event stream of {} ended (HTTP {})", socket_path(), status)
                        : result.error().message;
      } else {
        reason = path.error().message;
      }
      if (token.cancelled()) {
        return;
      }
      report(false, reason);
      token.sleep_for(delay);
      delay = std::min(delay * 2, k_max_retry);
    }
  });
}

std::unique_ptr<Subscription> EngineClient::follow_logs(const std::string& name_or_id,
                                                        const LogOptions& options,
                                                        std::function<void(const LogLine&)> on_line,
                                                        std::function<void(Result<void>)> on_end) {
  return std::make_unique<ThreadSubscription>([this, name_or_id, options,
                                               on_line = std::move(on_line),
                                               on_end = std::move(on_end)](CancelToken& token) {
    auto finish = [&](Result<void> result) {
      if (!token.cancelled() && on_end) {
        on_end(std::move(result));
      }
    };
    auto state = inspect(name_or_id);
    if (!state) {
      finish(std::move(state).error());
      return;
    }
    auto path = versioned(
        fmt::format("/containers/{}/logs?follow=1&stdout=1&stderr=1&since={}&timestamps={}&tail={}",
                    Transport::escape(name_or_id), options.since, options.timestamps ? 1 : 0,
                    Transport::escape(options.tail)));
    if (!path) {
      finish(std::move(path).error());
      return;
    }
    LineSplitter out([&](std::string_view line, bool) {
      on_line(make_log_line(line, false, options.timestamps));
    });
    LineSplitter err([&](std::string_view line, bool) {
      on_line(make_log_line(line, true, options.timestamps));
    });
    FrameDemuxer demuxer([&](FrameDemuxer::Stream stream, std::string_view payload) {
      (stream == FrameDemuxer::Stream::stderr_stream ? err : out).feed(payload);
    });
    long status = 0;
    std::string error_body;
    auto result = m_transport.stream(
        *path, [&](long code) { status = code; },
        [&](std::string_view bytes) {
          if (status != 200) {
            error_body.append(
                bytes.substr(0, k_max_error_body - std::min(k_max_error_body, error_body.size())));
          } else if (state->tty) {
            out.feed(bytes);
          } else {
            demuxer.feed(bytes);
          }
          return !demuxer.corrupt();
        },
        token);
    out.finish();
    err.finish();
    if (!result) {
      finish(std::move(result).error());
    } else if (status != 200) {
      finish(api_error(Response{status, error_body, {}},
                       fmt::format("the log of container '{}'", name_or_id)));
    } else if (demuxer.corrupt()) {
      finish(make_error(
          ErrorKind::invalid,
          fmt::format("the log stream of container '{}' has a corrupt frame header", name_or_id)));
    } else {
      finish(Result<void>{});
    }
  });
}

std::unique_ptr<Subscription> EngineClient::exec_stream(
    const std::string& name_or_id, const std::vector<std::string>& argv,
    std::function<void(bool from_stderr, std::string_view bytes)> on_output,
    std::function<void(Result<int> exit_code)> on_end) {
  return std::make_unique<ThreadSubscription>([this, name_or_id, argv,
                                               on_output = std::move(on_output),
                                               on_end = std::move(on_end)](CancelToken& token) {
    const std::string what = exec_description(name_or_id, argv);
    auto finish = [&](Result<int> result) {
      if (!token.cancelled() && on_end) {
        on_end(std::move(result));
      }
    };
    // Stdin is attached so that the command sees EOF when this stream's connection closes.
    auto exec_path = create_exec(name_or_id, argv, true, what);
    if (!exec_path) {
      finish(std::move(exec_path).error());
      return;
    }
    auto path = versioned(*exec_path + "/start");
    if (!path) {
      finish(std::move(path).error());
      return;
    }
    FrameDemuxer demuxer([&](FrameDemuxer::Stream stream, std::string_view payload) {
      on_output(stream == FrameDemuxer::Stream::stderr_stream, payload);
    });
    long status = 0;
    std::string error_body;
    const nlohmann::json start{{"Detach", false}, {"Tty", false}};
    auto result = m_transport.stream(
        *path, [&](long code) { status = code; },
        [&](std::string_view bytes) {
          if (status != 200) {
            error_body.append(
                bytes.substr(0, k_max_error_body - std::min(k_max_error_body, error_body.size())));
          } else {
            demuxer.feed(bytes);
          }
          return !demuxer.corrupt();
        },
        token, start.dump());
    if (!result) {
      finish(std::move(result).error());
    } else if (status != 200) {
      finish(api_error(Response{status, error_body, {}}, what));
    } else if (demuxer.corrupt()) {
      finish(
          make_error(ErrorKind::invalid,
                     fmt::format("the output stream of the {} has a corrupt frame header", what)));
    } else {
      finish(exec_exit_code(*exec_path, what));
    }
  });
}

}  // namespace harmony::docker
