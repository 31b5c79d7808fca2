#include "alsa/SimpleMixer.hpp"

#include <alsa/asoundlib.h>
#include <poll.h>

#include <fmt/format.h>

namespace harmony::alsa {

struct SimpleMixer::Handle {
  snd_mixer_t* mixer = nullptr;
  snd_mixer_elem_t* elem = nullptr;
  ~Handle() {
    if (mixer != nullptr) {
      snd_mixer_close(mixer);
    }
  }
};

namespace {

Error open_error(const std::string& device, const char* call, int code) {
  return make_error(ErrorKind::unavailable,
                    fmt::format("ALSA mixer device '{}': {} failed: {}; check the device name "
                                "(`amixer -D {} scontrols`)",
                                device, call, snd_strerror(code), device),
                    code);
}

snd_mixer_elem_t* find_control(snd_mixer_t* mixer, const std::string& name) {
  snd_mixer_selem_id_t* id = nullptr;
  snd_mixer_selem_id_alloca(&id);
  snd_mixer_selem_id_set_index(id, 0);
  snd_mixer_selem_id_set_name(id, name.c_str());
  snd_mixer_elem_t* elem = snd_mixer_find_selem(mixer, id);
  return elem != nullptr && snd_mixer_selem_has_playback_volume(elem) != 0 ? elem : nullptr;
}

std::string list_controls(snd_mixer_t* mixer) {
  std::string names;
  for (snd_mixer_elem_t* e = snd_mixer_first_elem(mixer); e != nullptr;
       e = snd_mixer_elem_next(e)) {
    if (snd_mixer_selem_has_playback_volume(e) != 0) {
      names += names.empty() ? "" : ", ";
      names += snd_mixer_selem_get_name(e);
    }
  }
  return names.empty() ? "none" : names;
}

}  // namespace

SimpleMixer::SimpleMixer(std::unique_ptr<Handle> handle, std::string device)
    : m_handle(std::move(handle)), m_device(std::move(device)) {}

SimpleMixer::~SimpleMixer() = default;

Result<std::unique_ptr<SimpleMixer>> SimpleMixer::open(const std::string& device,
                                                       const std::string& control,
                                                       const std::vector<std::string>& candidates) {
  auto handle = std::make_unique<Handle>();
  if (int rc = snd_mixer_open(&handle->mixer, 0); rc < 0) {
    return open_error(device, "snd_mixer_open", rc);
  }
  if (int rc = snd_mixer_attach(handle->mixer, device.c_str()); rc < 0) {
    return open_error(device, "snd_mixer_attach", rc);
  }
  if (int rc = snd_mixer_selem_register(handle->mixer, nullptr, nullptr); rc < 0) {
    return open_error(device, "snd_mixer_selem_register", rc);
  }
  if (int rc = snd_mixer_load(handle->mixer); rc < 0) {
    return open_error(device, "snd_mixer_load", rc);
  }
  std::string chosen;
  const std::vector<std::string> wanted =
      control.empty() ? candidates : std::vector<std::string>{control};
  for (const std::string& name : wanted) {
    if ((handle->elem = find_control(handle->mixer, name)) != nullptr) {
      chosen = name;
      break;
    }
  }
  if (handle->elem == nullptr) {
    return make_error(ErrorKind::not_found,
                      fmt::format("ALSA mixer device '{}' has no playback volume control named {}; "
                                  "it has: {}. Set the mixer control in the configuration",
                                  device, fmt::join(wanted, " or "), list_controls(handle->mixer)));
  }
  std::unique_ptr<SimpleMixer> mixer(new SimpleMixer(std::move(handle), device));
  mixer->m_control = chosen;
  snd_mixer_elem_t* elem = mixer->m_handle->elem;
  snd_mixer_selem_get_playback_volume_range(elem, &mixer->m_range.min, &mixer->m_range.max);
  Range db;
  if (snd_mixer_selem_get_playback_dB_range(elem, &db.min, &db.max) == 0 && db.max > db.min) {
    mixer->m_db_range = db;
  }
  return mixer;
}

Error SimpleMixer::failure(const char* call, int code) const {
  return make_error(ErrorKind::unavailable,
                    fmt::format("ALSA mixer '{}' control '{}': {} failed: {}", m_device, m_control,
                                call, snd_strerror(code)),
                    code);
}

bool SimpleMixer::has_switch() const noexcept {
  return snd_mixer_selem_has_playback_switch(m_handle->elem) != 0;
}

Result<long> SimpleMixer::volume() const {
  long value = 0;
  if (int rc =
          snd_mixer_selem_get_playback_volume(m_handle->elem, SND_MIXER_SCHN_FRONT_LEFT, &value);
      rc < 0) {
    return failure("snd_mixer_selem_get_playback_volume", rc);
  }
  return value;
}

Result<void> SimpleMixer::set_volume(long raw) {
  if (int rc = snd_mixer_selem_set_playback_volume_all(m_handle->elem, raw); rc < 0) {
    return failure("snd_mixer_selem_set_playback_volume_all", rc);
  }
  return {};
}

Result<long> SimpleMixer::volume_db() const {
  long value = 0;
  if (int rc = snd_mixer_selem_get_playback_dB(m_handle->elem, SND_MIXER_SCHN_FRONT_LEFT, &value);
      rc < 0) {
    return failure("snd_mixer_selem_get_playback_dB", rc);
  }
  return value;
}

Result<void> SimpleMixer::set_volume_db(long centi_db, int direction) {
  if (int rc = snd_mixer_selem_set_playback_dB_all(m_handle->elem, centi_db, direction); rc < 0) {
    return failure("snd_mixer_selem_set_playback_dB_all", rc);
  }
  return {};
}

Result<void> SimpleMixer::set_switch(bool on) {
  if (!has_switch()) {
    return {};
  }
  if (int rc = snd_mixer_selem_set_playback_switch_all(m_handle->elem, on ? 1 : 0); rc < 0) {
    return failure("snd_mixer_selem_set_playback_switch_all", rc);
  }
  return {};
}

Result<bool> SimpleMixer::handle_events() {
  const int count = snd_mixer_poll_descriptors_count(m_handle->mixer);
  if (count <= 0) {
    return false;
  }
  std::vector<pollfd> fds(static_cast<std::size_t>(count));
  snd_mixer_poll_descriptors(m_handle->mixer, fds.data(), static_cast<unsigned int>(count));
  if (::poll(fds.data(), fds.size(), 0) <= 0) {
    return false;
  }
  unsigned short revents = 0;
  snd_mixer_poll_descriptors_revents(m_handle->mixer, fds.data(), static_cast<unsigned int>(count),
                                     &revents);
  if ((revents & (POLLIN | POLLPRI)) == 0) {
    return false;
  }
  if (int rc = snd_mixer_handle_events(m_handle->mixer); rc < 0) {
    return failure("snd_mixer_handle_events", rc);
  }
  return true;
}

}  // namespace harmony::alsa
