#include "DockerTestSupport.hpp"

#include <unistd.h>

#include <atomic>

#include "support/Process.hpp"

namespace harmony::testing {

namespace {

std::string docker_program() {
  for (const char* candidate : {"/usr/local/bin/docker", "/usr/bin/docker"}) {
    if (access(candidate, X_OK) == 0) {
      return candidate;
    }
  }
  return "/usr/bin/docker";
}

// docker/test-images/build.sh NAME (a no-op when the image matches its folder's content hash).
bool build_test_image(const std::string& name) {
  Process build(std::string(HARMONY_SOURCE_DIR) + "/docker/test-images/build.sh", {name});
  return build.wait_for_exit(std::chrono::seconds(600)).value_or(-1) == 0;
}

}  // namespace

int docker_cli(const std::vector<std::string>& args, std::string* output) {
  Process docker(docker_program(), args);
  const auto code = docker.wait_for_exit(std::chrono::seconds(120));
  if (output != nullptr) {
    *output = docker.output();
  }
  return code.value_or(-1);
}

bool docker_engine_available() {
  static const bool available = docker_cli({"info", "--format", "{{.ServerVersion}}"}) == 0;
  return available;
}

bool speaker_image_ready() {
  static const bool ready = build_test_image("speaker");
  return ready;
}

bool speaker_controller_image_ready() {
  static const bool ready = build_test_image("speaker-controller");
  return ready;
}

std::string unique_container_name(const std::string& hint) {
  static std::atomic<int> counter{0};
  return hint + "_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
}

ScopedContainer::ScopedContainer(const std::string& name_hint,
                                 const std::vector<std::string>& run_args, bool exact_name)
    : m_name(exact_name ? name_hint : unique_container_name(name_hint)) {
  std::vector<std::string> args{"run", "-d", "--network", "none", "--name", m_name};
  args.insert(args.end(), run_args.begin(), run_args.end());
  m_started = docker_cli(args) == 0;
}

ScopedContainer::~ScopedContainer() {
  docker_cli({"rm", "-f", m_name});
}

}  // namespace harmony::testing
