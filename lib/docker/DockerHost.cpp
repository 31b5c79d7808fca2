#include "docker/DockerHost.hpp"

#include <fmt/format.h>
#include <cstdlib>

namespace harmony::docker {

Result<std::string> socket_path_from_docker_host(std::string_view docker_host) {
  if (docker_host.empty()) {
    return std::string(k_default_socket);
  }
  constexpr std::string_view scheme = "unix://";
  if (!docker_host.starts_with(scheme) || docker_host.size() == scheme.size() ||
      docker_host[scheme.size()] != '/') {
    return make_error(
        ErrorKind::config,
        fmt::format("DOCKER_HOST='{}' is not supported: only unix:///path/to/docker.sock "
                    "works (unset it to use {})",
                    docker_host, k_default_socket));
  }
  return std::string(docker_host.substr(scheme.size()));
}

Result<std::string> socket_path_from_environment() {
  const char* value = std::getenv("DOCKER_HOST");
  return socket_path_from_docker_host(value == nullptr ? std::string_view{}
                                                       : std::string_view(value));
}

}  // namespace harmony::docker
