#pragma once

#include <filesystem>
#include <string>

namespace harmony::fakes {

// Real, small audio files for tests, made with the Debian tools in
// scripts/packages.d/test-downloads.txt: sox synthesises a tone, flac/lame encode it.
// Each returns false (with the tool's output in `error`) when a tool is missing or fails;
// callers use HARMONY_REQUIRE(audio_tools_available(), ...).
bool audio_tools_available();
bool make_flac(const std::filesystem::path& path, double seconds, std::string* error = nullptr);
bool make_mp3(const std::filesystem::path& path, double seconds, int kbps,
              std::string* error = nullptr);

}  // namespace harmony::fakes
