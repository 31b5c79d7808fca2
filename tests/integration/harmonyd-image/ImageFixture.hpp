#pragma once

#include <sys/stat.h>

#include <chrono>
#include <string>
#include <vector>

#include "DockerTestSupport.hpp"
#include "support/Process.hpp"

namespace harmony::testing {

// Built by the CTest fixture `harmonyd_image` (tests/harness/harmonyd-image.sh) from the
// host-built harmonyd and the runtime stage of docker/harmonyd/Dockerfile.
inline const std::string k_image = "harmony-test/harmonyd:latest";

// Three fresh host directories for /config, /downloads and /music, removed afterwards.
struct BindMounts {
  TempDir root;
  std::string config = make("config");
  std::string downloads = make("downloads");
  std::string music = make("music");

  std::string make(const std::string& name) const {
    const std::string path = root.path() + "/" + name;
    ::mkdir(path.c_str(), 0755);
    return path;
  }
};

// `docker run -d` of the image on the host network (a free loopback port via APP_PORT) with the
// three bind mounts; `docker rm -f` in the destructor.
class ImageContainer {
 public:
  ImageContainer(const BindMounts& mounts, const std::vector<std::string>& extra_args,
                 bool music_read_only = false);
  ~ImageContainer();
  ImageContainer(const ImageContainer&) = delete;
  ImageContainer& operator=(const ImageContainer&) = delete;

  const std::string& name() const noexcept { return m_name; }
  int port() const noexcept { return m_port; }
  bool started() const noexcept { return m_started; }
  std::chrono::steady_clock::time_point started_at() const noexcept { return m_started_at; }

  // `docker inspect -f FORMAT`, trimmed; empty when the container is gone.
  std::string inspect(const std::string& format) const;
  std::string logs() const;
  // Polls Docker's health status until it is `want` (true) or `limit` passes.
  bool wait_for_health(const std::string& want, std::chrono::milliseconds limit) const;
  // Polls until the container is no longer running; its exit code, or -1.
  int wait_for_exit(std::chrono::milliseconds limit) const;

 private:
  std::string m_name;
  int m_port = 0;
  bool m_started = false;
  std::chrono::steady_clock::time_point m_started_at;
};

// HTTP status of GET http://127.0.0.1:port/path (0 when nothing answers).
int http_status(int port, const std::string& path);

}  // namespace harmony::testing
