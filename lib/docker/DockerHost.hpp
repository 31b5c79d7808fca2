#pragma once

#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::docker {

inline constexpr std::string_view k_default_socket = "/var/run/docker.sock";

// The engine's unix socket path from a DOCKER_HOST value: empty → /var/run/docker.sock,
// "unix:///path" → /path. Other schemes (tcp://, ssh://) are ErrorKind::config naming the value.
Result<std::string> socket_path_from_docker_host(std::string_view docker_host);

// The same, reading DOCKER_HOST from the environment.
Result<std::string> socket_path_from_environment();

}  // namespace harmony::docker
