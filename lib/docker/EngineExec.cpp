// Calls whose answers are Docker's multiplexed stdout/stderr stream: exec and logs.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "docker/EngineClient.hpp"
#include "docker/FrameDemuxer.hpp"
#include "docker/LineSplitter.hpp"

namespace harmony::docker {
namespace {

constexpr std::size_t k_max_exec_output = 1u << 20;

void append_bounded(std::string& to, std::string_view bytes) {
  to.append(bytes.substr(0, k_max_exec_output - std::min(k_max_exec_output, to.size())));
}

}  // namespace

std::string exec_description(const std::string& name_or_id, const std::vector<std::string>& argv) {
  return fmt::format("exec of '{}' in container '{}'", argv.empty() ? "" : argv.front(),
                     name_or_id);
}

LogLine make_log_line(std::string_view line, bool from_stderr, bool timestamps) {
  LogLine log_line;
  log_line.from_stderr = from_stderr;
  if (timestamps) {
    const auto space = line.find(' ');
    // RFC 3339 with nanoseconds is at most 35 characters; anything else is text.
    if (space != std::string_view::npos && space <= 40) {
      log_line.timestamp = std::string(line.substr(0, space));
      line.remove_prefix(space + 1);
    }
  }
  log_line.text = std::string(line);
  return log_line;
}

Result<std::string> EngineClient::create_exec(const std::string& name_or_id,
                                              const std::vector<std::string>& argv, bool open_stdin,
                                              const std::string& what) {
  if (argv.empty()) {
    return make_error(ErrorKind::usage, what + ": no command given");
  }
  const nlohmann::json create{{"AttachStdout", true},
                              {"AttachStderr", true},
                              {"AttachStdin", open_stdin},
                              {"Tty", false},
                              {"Cmd", argv}};
  auto created =
      call("POST", "/containers/" + Transport::escape(name_or_id) + "/exec", create.dump());
  if (!created) {
    return std::move(created).error();
  }
  if (created->status != 201) {
    return api_error(*created, what);
  }
  const auto id_json = nlohmann::json::parse(created->body, nullptr, false);
  if (!id_json.is_object() || !id_json.contains("Id") || !id_json["Id"].is_string()) {
    return make_error(ErrorKind::invalid,
                      fmt::format("Docker engine sent no exec Id for {}", what));
  }
  return "/exec/" + Transport::escape(id_json["Id"].get<std::string>());
}

Result<int> EngineClient::exec_exit_code(const std::string& exec_path, const std::string& what) {
  auto inspected = call("GET", exec_path + "/json");
  if (!inspected) {
    return std::move(inspected).error();
  }
  if (inspected->status != 200) {
    return api_error(*inspected, what);
  }
  const auto state = nlohmann::json::parse(inspected->body, nullptr, false);
  if (!state.is_object() || !state.contains("ExitCode") || !state["ExitCode"].is_number_integer()) {
    return make_error(ErrorKind::invalid,
                      fmt::format("Docker engine sent no exit code for {}", what));
  }
  return state["ExitCode"].get<int>();
}

Result<ExecOutput> EngineClient::exec(const std::string& name_or_id,
                                      const std::vector<std::string>& argv) {
  const auto what = exec_description(name_or_id, argv);
  auto exec_path = create_exec(name_or_id, argv, false, what);
  if (!exec_path) {
    return std::move(exec_path).error();
  }
  const nlohmann::json start{{"Detach", false}, {"Tty", false}};
  auto started = call("POST", *exec_path + "/start", start.dump());
  if (!started) {
    return std::move(started).error();
  }
  if (started->status != 200) {
    return api_error(*started, what);
  }
  ExecOutput output;
  FrameDemuxer demuxer([&output](FrameDemuxer::Stream stream, std::string_view payload) {
    append_bounded(
        stream == FrameDemuxer::Stream::stderr_stream ? output.stderr_text : output.stdout_text,
        payload);
  });
  demuxer.feed(started->body);
  auto exit_code = exec_exit_code(*exec_path, what);
  if (!exit_code) {
    return std::move(exit_code).error();
  }
  output.exit_code = *exit_code;
  return output;
}

Result<std::vector<LogLine>> EngineClient::logs(const std::string& name_or_id,
                                                const LogOptions& options) {
  auto state = inspect(name_or_id);
  if (!state) {
    return std::move(state).error();
  }
  auto response = call(
      "GET", fmt::format("/containers/{}/logs?stdout=1&stderr=1&since={}&timestamps={}&tail={}",
                         Transport::escape(name_or_id), options.since, options.timestamps ? 1 : 0,
                         Transport::escape(options.tail)));
  if (!response) {
    return std::move(response).error();
  }
  if (response->status != 200) {
    return api_error(*response, fmt::format("the log of container '{}'", name_or_id));
  }
  std::vector<LogLine> lines;
  LineSplitter out([&](std::string_view line, bool) {
    lines.push_back(make_log_line(line, false, options.timestamps));
  });
  LineSplitter err([&](std::string_view line, bool) {
    lines.push_back(make_log_line(line, true, options.timestamps));
  });
  if (state->tty) {
    out.feed(response->body);
  } else {
    FrameDemuxer demuxer([&](FrameDemuxer::Stream stream, std::string_view payload) {
      (stream == FrameDemuxer::Stream::stderr_stream ? err : out).feed(payload);
    });
    demuxer.feed(response->body);
  }
  out.finish();
  err.finish();
  return lines;
}

}  // namespace harmony::docker
