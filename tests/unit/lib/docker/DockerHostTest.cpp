#include <gtest/gtest.h>

#include "docker/DockerHost.hpp"

namespace harmony::docker {
namespace {

TEST(DockerHost, DefaultsToTheStandardSocket) {
  auto path = socket_path_from_docker_host("");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, "/var/run/docker.sock");
}

TEST(DockerHost, HonoursAUnixDockerHost) {
  auto path = socket_path_from_docker_host("unix:///run/user/1000/docker.sock");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, "/run/user/1000/docker.sock");
}

TEST(DockerHost, RejectsOtherSchemesNamingTheValue) {
  for (const char* value :
       {"tcp://127.0.0.1:2375", "unix://", "unix://relative.sock", "ssh://host"}) {
    auto path = socket_path_from_docker_host(value);
    ASSERT_FALSE(path.ok()) << value;
    EXPECT_EQ(path.error().kind, ErrorKind::config);
    EXPECT_NE(path.error().message.find(value), std::string::npos);
  }
}

}  // namespace
}  // namespace harmony::docker
