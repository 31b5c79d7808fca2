#include "fakes/AudioFiles.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <chrono>

#include "support/Process.hpp"

namespace harmony::fakes {
namespace {

namespace fs = std::filesystem;

bool run(const std::string& program, const std::vector<std::string>& args, std::string* error) {
  testing::Process process(program, args);
  const auto code = process.wait_for_exit(std::chrono::seconds(30));
  if (code == 0) {
    return true;
  }
  if (error != nullptr) {
    *error = fmt::format("{} exited with {}: {}", program, code.value_or(-1), process.output());
  }
  return false;
}

bool make_tone(const fs::path& wav, double seconds, std::string* error) {
  return run("/usr/bin/sox",
             {"-q", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.string(), "synth",
              fmt::format("{:.3f}", seconds), "sine", "440", "vol", "0.3"},
             error);
}

}  // namespace

bool audio_tools_available() {
  return ::access("/usr/bin/sox", X_OK) == 0 && ::access("/usr/bin/flac", X_OK) == 0 &&
         ::access("/usr/bin/lame", X_OK) == 0;
}

bool make_flac(const fs::path& path, double seconds, std::string* error) {
  const fs::path wav = path.string() + ".tone.wav";
  const bool ok =
      make_tone(wav, seconds, error) &&
      run("/usr/bin/flac", {"-s", "-f", "--fast", "-o", path.string(), wav.string()}, error);
  std::error_code ec;
  fs::remove(wav, ec);
  return ok;
}

bool make_mp3(const fs::path& path, double seconds, int kbps, std::string* error) {
  const fs::path wav = path.string() + ".tone.wav";
  const bool ok =
      make_tone(wav, seconds, error) &&
      run("/usr/bin/lame",
          {"--silent", "--cbr", "-b", std::to_string(kbps), wav.string(), path.string()}, error);
  std::error_code ec;
  fs::remove(wav, ec);
  return ok;
}

}  // namespace harmony::fakes
