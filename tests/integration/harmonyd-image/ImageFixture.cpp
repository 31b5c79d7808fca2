#include "ImageFixture.hpp"

#include <httplib.h>

namespace harmony::testing {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

ImageContainer::ImageContainer(const BindMounts& mounts, const std::vector<std::string>& extra_args,
                               bool music_read_only)
    : m_name(unique_container_name("harmonyd_smoke")), m_port(free_loopback_port()) {
  std::vector<std::string> args{
      "run",       "-d",
      "--network", "host",
      "--name",    m_name,
      "-e",        "APP_PORT=" + std::to_string(m_port),
      "-v",        mounts.config + ":/config",
      "-v",        mounts.downloads + ":/downloads",
      "-v",        mounts.music + ":/music" + (music_read_only ? ":ro" : "")};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  args.push_back(k_image);
  m_started_at = std::chrono::steady_clock::now();
  m_started = docker_cli(args) == 0;
}

ImageContainer::~ImageContainer() {
  docker_cli({"rm", "-f", m_name});
}

std::string ImageContainer::inspect(const std::string& format) const {
  std::string out;
  if (docker_cli({"inspect", "-f", format, m_name}, &out) != 0) {
    return "";
  }
  return trimmed(out);
}

std::string ImageContainer::logs() const {
  std::string out;
  docker_cli({"logs", m_name}, &out);
  return out;
}

bool ImageContainer::wait_for_health(const std::string& want,
                                     std::chrono::milliseconds limit) const {
  return eventually([&] { return inspect("{{.State.Health.Status}}") == want; }, limit);
}

int ImageContainer::wait_for_exit(std::chrono::milliseconds limit) const {
  if (!eventually([&] { return inspect("{{.State.Running}}") == "false"; }, limit)) {
    return -1;
  }
  const std::string code = inspect("{{.State.ExitCode}}");
  return code.empty() ? -1 : std::stoi(code);
}

int http_status(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::seconds(2));
  client.set_read_timeout(std::chrono::seconds(2));
  auto response = client.Get(path);
  return response ? response->status : 0;
}

}  // namespace harmony::testing
