#include "dbus/MprisPlayer.hpp"

#include <map>
#include <mutex>

#include <fmt/format.h>
#include <sdbus-c++/sdbus-c++.h>

namespace harmony::dbus {
namespace {

const std::string k_path = "/org/mpris/MediaPlayer2";
const std::string k_root = "org.mpris.MediaPlayer2";
const std::string k_player = "org.mpris.MediaPlayer2.Player";

std::unique_ptr<sdbus::IConnection> connect(const std::string& bus) {
  if (bus == "system") {
    return sdbus::createSystemBusConnection();
  }
  if (bus == "session") {
    return sdbus::createSessionBusConnection();
  }
  return sdbus::createSessionBusConnectionWithAddress(bus);
}

void call(const std::function<void()>& command) {
  if (command) {
    command();
  }
}

}  // namespace

struct MprisPlayer::Impl {
  std::string name;
  std::string identity;
  MprisCommands commands;
  std::mutex mutex;
  MprisStatus status;
  std::unique_ptr<sdbus::IConnection> connection;
  std::unique_ptr<sdbus::IObject> object;

  std::map<std::string, sdbus::Variant> metadata() {
    std::lock_guard lock(mutex);
    const MprisMetadata& m = status.metadata;
    std::map<std::string, sdbus::Variant> out;
    out["mpris:trackid"] = sdbus::Variant(sdbus::ObjectPath(m.track_id));
    out["xesam:title"] = sdbus::Variant(m.title);
    out["xesam:artist"] = sdbus::Variant(m.artists);
    out["xesam:album"] = sdbus::Variant(m.album);
    out["mpris:length"] = sdbus::Variant(m.length_us);
    return out;
  }

  template <typename T>
  T read(T MprisStatus::*field) {
    std::lock_guard lock(mutex);
    return status.*field;
  }

  void register_root() {
    object->registerMethod("Raise").onInterface(k_root).implementedAs([] {});
    object->registerMethod("Quit").onInterface(k_root).implementedAs([] {});
    object->registerProperty("Identity").onInterface(k_root).withGetter([this] {
      return identity;
    });
    object->registerProperty("CanQuit").onInterface(k_root).withGetter([] { return false; });
    object->registerProperty("CanRaise").onInterface(k_root).withGetter([] { return false; });
    object->registerProperty("HasTrackList").onInterface(k_root).withGetter([] { return false; });
    object->registerProperty("SupportedUriSchemes").onInterface(k_root).withGetter([] {
      return std::vector<std::string>{};
    });
    object->registerProperty("SupportedMimeTypes").onInterface(k_root).withGetter([] {
      return std::vector<std::string>{};
    });
  }

  void register_player() {
    object->registerMethod("PlayPause").onInterface(k_player).implementedAs([this] {
      call(commands.play_pause);
    });
    object->registerMethod("Play").onInterface(k_player).implementedAs(
        [this] { call(commands.play); });
    object->registerMethod("Pause").onInterface(k_player).implementedAs(
        [this] { call(commands.pause); });
    object->registerMethod("Stop").onInterface(k_player).implementedAs(
        [this] { call(commands.stop); });
    object->registerMethod("Next").onInterface(k_player).implementedAs(
        [this] { call(commands.next); });
    object->registerMethod("Previous").onInterface(k_player).implementedAs([this] {
      call(commands.previous);
    });
    object->registerMethod("Seek")
        .onInterface(k_player)
        .withInputParamNames("Offset")
        .implementedAs([](std::int64_t) {});
    object->registerMethod("SetPosition")
        .onInterface(k_player)
        .withInputParamNames("TrackId", "Position")
        .implementedAs([](const sdbus::ObjectPath&, std::int64_t) {});
    object->registerMethod("OpenUri")
        .onInterface(k_player)
        .withInputParamNames("Uri")
        .implementedAs([](const std::string&) {});
    object->registerProperty("PlaybackStatus").onInterface(k_player).withGetter([this] {
      return read(&MprisStatus::playback_status);
    });
    object->registerProperty("Metadata").onInterface(k_player).withGetter([this] {
      return metadata();
    });
    object->registerProperty("Volume").onInterface(k_player).withGetter(
        [this] { return read(&MprisStatus::volume); });
    object->registerProperty("Position").onInterface(k_player).withGetter([this] {
      return read(&MprisStatus::position_us);
    });
    for (const char* rate : {"Rate", "MinimumRate", "MaximumRate"}) {
      object->registerProperty(rate).onInterface(k_player).withGetter([] { return 1.0; });
    }
    for (const char* can : {"CanGoNext", "CanGoPrevious", "CanPlay", "CanPause", "CanControl"}) {
      object->registerProperty(can).onInterface(k_player).withGetter([] { return true; });
    }
    object->registerProperty("CanSeek").onInterface(k_player).withGetter([] { return false; });
  }
};

MprisPlayer::MprisPlayer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

MprisPlayer::~MprisPlayer() {
  // Stop the D-Bus thread before the object it calls into goes away.
  m_impl->connection->leaveEventLoop();
  m_impl->object.reset();
}

Result<std::unique_ptr<MprisPlayer>> MprisPlayer::start(const std::string& bus,
                                                        const std::string& player_name,
                                                        const std::string& identity,
                                                        MprisCommands commands) {
  auto impl = std::make_unique<Impl>();
  impl->name = k_root + "." + player_name;
  impl->identity = identity;
  impl->commands = std::move(commands);
  try {
    impl->connection = connect(bus);
    impl->connection->requestName(impl->name);
    impl->object = sdbus::createObject(*impl->connection, k_path);
    impl->register_root();
    impl->register_player();
    impl->object->finishRegistration();
    impl->connection->enterEventLoopAsync();
  } catch (const sdbus::Error& e) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("MPRIS: cannot serve '{}' on the {} bus: {} ({}); check the bus "
                                  "address and that the D-Bus policy lets this user own the name",
                                  impl->name, bus, e.getMessage(), e.getName()));
  }
  return std::unique_ptr<MprisPlayer>(new MprisPlayer(std::move(impl)));
}

void MprisPlayer::update(const MprisStatus& status) {
  std::vector<std::string> changed;
  {
    std::lock_guard lock(m_impl->mutex);
    MprisStatus& current = m_impl->status;
    if (status.playback_status != current.playback_status) {
      changed.emplace_back("PlaybackStatus");
    }
    if (status.metadata != current.metadata) {
      changed.emplace_back("Metadata");
    }
    if (status.volume != current.volume) {
      changed.emplace_back("Volume");
    }
    current = status;  // Position changes are not signalled (MPRIS: clients poll or use Seeked)
  }
  if (!changed.empty()) {
    try {
      m_impl->object->emitPropertiesChangedSignal(k_player, changed);
    } catch (const sdbus::Error&) {
      // A lost bus connection shows up on the next start; a signal is not worth failing over.
    }
  }
}

const std::string& MprisPlayer::bus_name() const noexcept {
  return m_impl->name;
}

}  // namespace harmony::dbus
