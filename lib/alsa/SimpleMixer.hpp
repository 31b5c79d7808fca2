#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.hpp"

namespace harmony::alsa {

struct Range {
  long min = 0;
  long max = 0;
};

// One playback control of an ALSA simple mixer (snd_mixer_selem_*), opened on a device such
// as "default", "hw:0" or "pulse". Values in dB are hundredths of a dB, as alsa-lib reports them.
// Every failing alsa-lib call becomes an Error naming the call, the device and the control, with
// the negative errno in native_code. Not thread-safe: one owner.
class SimpleMixer {
 public:
  // Opens `device` and picks `control` or, when it is empty, the first of `candidates` that the
  // device has with a playback volume. Not finding one is ErrorKind::not_found listing what the
  // device offers.
  static Result<std::unique_ptr<SimpleMixer>> open(const std::string& device,
                                                   const std::string& control,
                                                   const std::vector<std::string>& candidates);
  ~SimpleMixer();
  SimpleMixer(const SimpleMixer&) = delete;
  SimpleMixer& operator=(const SimpleMixer&) = delete;

  const std::string& device() const noexcept { return m_device; }
  const std::string& control() const noexcept { return m_control; }
  Range volume_range() const noexcept { return m_range; }
  // Empty when the control has no dB information (then callers map raw steps).
  std::optional<Range> db_range() const noexcept { return m_db_range; }
  bool has_switch() const noexcept;

  Result<long> volume() const;
  Result<void> set_volume(long raw);
  Result<long> volume_db() const;
  // `direction` rounds a dB value between steps: -1 down, 0 nearest, +1 up.
  Result<void> set_volume_db(long centi_db, int direction);
  Result<void> set_switch(bool on);

  // Reads pending change notifications without blocking; true when any arrived, after which
  // volume() returns the new value.
  Result<bool> handle_events();

 private:
  struct Handle;
  SimpleMixer(std::unique_ptr<Handle> handle, std::string device);
  Error failure(const char* call, int code) const;

  std::unique_ptr<Handle> m_handle;
  std::string m_device;
  std::string m_control;
  Range m_range;
  std::optional<Range> m_db_range;
};

}  // namespace harmony::alsa
