#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "SpeakerScreen.hpp"
#include "containers/ContainerRuntime.hpp"

namespace harmony::bridge {

// The speaker screen inside the container, through the engine's exec API (no process forks on
// the host): `tmux capture-pane -p -t SESSION` and `tmux send-keys -t SESSION KEY`. Restarts are
// noticed from the engine's event stream (a `start` of the container), subscribed on the first
// wait and kept for the adapter's lifetime. Thread-safe.
class DockerSpeakerScreen final : public SpeakerScreen {
 public:
  DockerSpeakerScreen(containers::ContainerRuntime& runtime, std::string container, std::string session)
      : m_runtime(runtime), m_container(std::move(container)), m_session(std::move(session)) {}
  ~DockerSpeakerScreen() override;

  Result<std::string> capture() override;
  Result<void> send_key(std::string_view key) override;
  bool wait_for_restart(std::chrono::milliseconds timeout, std::stop_token stop) override;

 private:
  Result<std::string> tmux(const std::vector<std::string>& argv);

  containers::ContainerRuntime& m_runtime;
  std::string m_container;
  std::string m_session;
  std::mutex m_mutex;
  std::condition_variable_any m_wake;
  bool m_started = false;
  std::unique_ptr<containers::Subscription> m_events;
};

}  // namespace harmony::bridge
