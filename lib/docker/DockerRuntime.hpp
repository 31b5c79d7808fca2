#pragma once

#include "containers/ContainerRuntime.hpp"
#include "docker/EngineClient.hpp"

namespace harmony::docker {

// ContainerRuntime over the Docker Engine API, with exact names: a container is only "it" when
// its name is exactly the one asked for (Docker itself also resolves ID prefixes, and its event
// filter matches name prefixes). The EngineClient must outlive this object and its subscriptions.
class DockerRuntime final : public containers::ContainerRuntime {
 public:
  explicit DockerRuntime(EngineClient& engine) : m_engine(engine) {}

  Result<std::optional<containers::ContainerState>> inspect(const std::string& name) override;
  Result<std::vector<std::string>> processes(const std::string& name) override;
  Result<containers::ExecOutput> exec(const std::string& name,
                                      const std::vector<std::string>& argv) override;
  std::unique_ptr<containers::Subscription> exec_stream(
      const std::string& name, const std::vector<std::string>& argv,
      std::function<void(bool from_stderr, std::string_view bytes)> on_output,
      std::function<void(Result<int> exit_code)> on_end) override;
  Result<void> start(const std::string& name) override;
  Result<void> stop(const std::string& name, std::chrono::seconds grace) override;
  Result<void> kill(const std::string& name, const std::string& signal) override;
  Result<void> remove(const std::string& name, bool force) override;
  std::unique_ptr<containers::Subscription> watch(const std::string& name,
                                                  containers::EventHandlers handlers) override;
  std::unique_ptr<containers::Subscription> follow_logs(
      const std::string& name, std::int64_t since,
      std::function<void(const containers::LogLine&)> on_line,
      std::function<void(Result<void>)> on_end) override;

 private:
  EngineClient& m_engine;
};

}  // namespace harmony::docker
