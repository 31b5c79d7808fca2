// An alsa-lib control plugin ("ctl_type hifiberry_standin") standing in for the mixer of a
// HiFiBerry DAC+ card where the kernel has no ALSA: the two controls of CardState.hpp, their
// values kept in a small file (CardState.hpp) that every process opening the card shares, and
// an inotify descriptor on that file as the poll descriptor, so a change made by another process
// (`amixer -D hifiberry sset Digital 50%`) reaches snd_mixer_handle_events() as the kernel's
// change events would. Its own writes come back as events too, as a kernel card's do.
//
//   ctl_type.hifiberry_standin { lib "/abs/path/libasound_module_ctl_hifiberry_standin.so" }
//   ctl.hifiberry { type hifiberry_standin state "/abs/path/state" }
//
// Not thread-safe (alsa-lib's handles are not either); one instance per snd_ctl_open.
#include <alsa/asoundlib.h>
#include <alsa/control_external.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

#include "CardState.hpp"

namespace harmony::fakes::alsa {
namespace {

constexpr const char* k_names[] = {"Digital Playback Volume", "Digital Playback Switch"};
constexpr unsigned int k_elements = 2;

// SND_CTL_TLVT_DB_SCALE, 2 words: minimum (centi-dB, as unsigned), step | mute flag.
constexpr unsigned int k_db_scale_mute = 0x10000;
const unsigned int k_tlv[] = {SND_CTL_TLVT_DB_SCALE, 2 * sizeof(unsigned int),
                              static_cast<unsigned int>(k_db_min_centi),
                              static_cast<unsigned int>(k_db_step_centi) | k_db_scale_mute};

struct StandIn {
  snd_ctl_ext_t ext{};
  std::string path;
  int inotify = -1;
  CardState notified;        // the state change events were last generated for
  unsigned int pending = 0;  // one bit per element with an event not read yet
};

StandIn& self(snd_ctl_ext_t* ext) {
  return *static_cast<StandIn*>(ext->private_data);
}

bool valid_key(snd_ctl_ext_key_t key) {
  return key < k_elements;
}

void on_close(snd_ctl_ext_t* ext) {
  StandIn* standin = &self(ext);
  if (standin->inotify >= 0) {
    ::close(standin->inotify);
  }
  delete standin;
}

int elem_count(snd_ctl_ext_t*) {
  return k_elements;
}

int elem_list(snd_ctl_ext_t*, unsigned int offset, snd_ctl_elem_id_t* id) {
  if (offset >= k_elements) {
    return -EINVAL;
  }
  snd_ctl_elem_id_set_interface(id, SND_CTL_ELEM_IFACE_MIXER);
  snd_ctl_elem_id_set_name(id, k_names[offset]);
  return 0;
}

snd_ctl_ext_key_t find_elem(snd_ctl_ext_t*, const snd_ctl_elem_id_t* id) {
  if (snd_ctl_elem_id_get_interface(id) != SND_CTL_ELEM_IFACE_MIXER ||
      snd_ctl_elem_id_get_index(id) != 0) {
    return SND_CTL_EXT_KEY_NOT_FOUND;
  }
  const char* name = snd_ctl_elem_id_get_name(id);
  for (unsigned int key = 0; key < k_elements; ++key) {
    if (std::strcmp(name, k_names[key]) == 0) {
      return key;
    }
  }
  return SND_CTL_EXT_KEY_NOT_FOUND;
}

int get_attribute(snd_ctl_ext_t*, snd_ctl_ext_key_t key, int* type, unsigned int* access,
                  unsigned int* count) {
  if (!valid_key(key)) {
    return -EINVAL;
  }
  const auto element = static_cast<Element>(key);
  *type = element == Element::volume ? SND_CTL_ELEM_TYPE_INTEGER : SND_CTL_ELEM_TYPE_BOOLEAN;
  *access =
      SND_CTL_EXT_ACCESS_READWRITE | (element == Element::volume ? SND_CTL_EXT_ACCESS_TLV_READ : 0);
  *count = 2;
  return 0;
}

int get_integer_info(snd_ctl_ext_t*, snd_ctl_ext_key_t key, long* min, long* max, long* step) {
  if (!valid_key(key)) {
    return -EINVAL;
  }
  *min = 0;
  *max = element_max(static_cast<Element>(key));
  *step = 1;
  return 0;
}

int read_integer(snd_ctl_ext_t* ext, snd_ctl_ext_key_t key, long* value) {
  if (!valid_key(key)) {
    return -EINVAL;
  }
  CardState state;
  if (int rc = load_card_state(self(ext).path, state); rc < 0) {
    return rc;
  }
  const auto& values = state[static_cast<Element>(key)];
  value[0] = values[0];
  value[1] = values[1];
  return 0;
}

int write_integer(snd_ctl_ext_t* ext, snd_ctl_ext_key_t key, long* value) {
  if (!valid_key(key)) {
    return -EINVAL;
  }
  return store_element(self(ext).path, static_cast<Element>(key), value);
}

// Drains the inotify queue; when the file was written, compares it with what was last notified
// and marks the elements that differ.
void collect_changes(StandIn& standin) {
  alignas(struct inotify_event) char buffer[4096];
  bool written = false;
  while (::read(standin.inotify, buffer, sizeof buffer) > 0) {
    written = true;
  }
  CardState now;
  if (!written || load_card_state(standin.path, now) < 0) {
    return;  // a malformed file raises no event; reading the value reports the error
  }
  for (unsigned int key = 0; key < k_elements; ++key) {
    const auto element = static_cast<Element>(key);
    if (now[element] != standin.notified[element]) {
      standin.pending |= 1U << key;
    }
  }
  standin.notified = now;
}

void subscribe_events(snd_ctl_ext_t* ext, int subscribe) {
  StandIn& standin = self(ext);
  standin.pending = 0;
  if (subscribe != 0) {
    (void)load_card_state(standin.path, standin.notified);
  }
}

int read_event(snd_ctl_ext_t* ext, snd_ctl_elem_id_t* id, unsigned int* event_mask) {
  StandIn& standin = self(ext);
  if (standin.pending == 0) {
    collect_changes(standin);
  }
  for (unsigned int key = 0; key < k_elements; ++key) {
    if ((standin.pending & (1U << key)) != 0) {
      standin.pending &= ~(1U << key);
      snd_ctl_elem_id_clear(id);
      snd_ctl_elem_id_set_interface(id, SND_CTL_ELEM_IFACE_MIXER);
      snd_ctl_elem_id_set_name(id, k_names[key]);
      *event_mask = SND_CTL_EVENT_MASK_VALUE;
      return 1;
    }
  }
  return -EAGAIN;
}

// The callbacks a kernel-like mixer needs; the rest (64-bit, enumerated, bytes) stay null.
snd_ctl_ext_callback_t make_callbacks() {
  snd_ctl_ext_callback_t callbacks{};
  callbacks.close = on_close;
  callbacks.elem_count = elem_count;
  callbacks.elem_list = elem_list;
  callbacks.find_elem = find_elem;
  callbacks.get_attribute = get_attribute;
  callbacks.get_integer_info = get_integer_info;
  callbacks.read_integer = read_integer;
  callbacks.write_integer = write_integer;
  callbacks.subscribe_events = subscribe_events;
  callbacks.read_event = read_event;
  return callbacks;
}
const snd_ctl_ext_callback_t k_callbacks = make_callbacks();

template <std::size_t N>
void copy_name(char (&field)[N], const char* text) {
  std::snprintf(field, N, "%s", text);
}

// The `state` path from the plugin's configuration, or an error SNDERR has reported.
int state_path(snd_config_t* conf, std::string& path) {
  snd_config_iterator_t it;
  snd_config_iterator_t next;
  snd_config_for_each(it, next, conf) {
    snd_config_t* node = snd_config_iterator_entry(it);
    const char* key = nullptr;
    if (snd_config_get_id(node, &key) < 0) {
      continue;
    }
    if (std::strcmp(key, "comment") == 0 || std::strcmp(key, "type") == 0 ||
        std::strcmp(key, "hint") == 0) {
      continue;
    }
    const char* value = nullptr;
    if (std::strcmp(key, "state") != 0 || snd_config_get_string(node, &value) < 0) {
      SNDERR("hifiberry_standin: unknown field or non-string value: %s", key);
      return -EINVAL;
    }
    path = value;
  }
  if (path.empty() || path.front() != '/' || path.size() >= PATH_MAX) {
    SNDERR("hifiberry_standin: `state` must be an absolute file path");
    return -EINVAL;
  }
  return 0;
}

int open_standin(snd_ctl_t** handle, const char* name, snd_config_t* conf, int mode) {
  auto* standin = new (std::nothrow) StandIn;
  if (standin == nullptr) {
    return -ENOMEM;
  }
  int rc = state_path(conf, standin->path);
  if (rc == 0) {
    rc = create_card_state(standin->path);
  }
  if (rc == 0) {
    standin->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (standin->inotify < 0 ||
        inotify_add_watch(standin->inotify, standin->path.c_str(), IN_CLOSE_WRITE) < 0) {
      rc = -errno;
      SNDERR("hifiberry_standin: watching %s failed: %s", standin->path.c_str(), strerror(errno));
    }
  }
  if (rc < 0) {
    if (standin->inotify >= 0) {
      ::close(standin->inotify);
    }
    delete standin;
    return rc;
  }
  snd_ctl_ext_t& ext = standin->ext;
  ext.version = SND_CTL_EXT_VERSION;
  ext.card_idx = 0;
  copy_name(ext.id, "sndrpihifiberry");
  copy_name(ext.driver, "HifiberryDacp");
  copy_name(ext.name, "snd_rpi_hifiberry_dacplus");
  copy_name(ext.longname, "HiFiBerry DAC+ stand-in (tests/fakes/alsa)");
  copy_name(ext.mixername, "pcm512x");
  ext.poll_fd = standin->inotify;
  ext.callback = &k_callbacks;
  ext.private_data = standin;
  ext.tlv.p = k_tlv;
  if (rc = snd_ctl_ext_create(&ext, name, mode); rc < 0) {
    ::close(standin->inotify);
    delete standin;
    return rc;
  }
  *handle = ext.handle;
  return 0;
}

}  // namespace
}  // namespace harmony::fakes::alsa

extern "C" {
SND_CTL_PLUGIN_DEFINE_FUNC(hifiberry_standin) {
  (void)root;
  return harmony::fakes::alsa::open_standin(handlep, name, conf, mode);
}
SND_CTL_PLUGIN_SYMBOL(hifiberry_standin)
}
