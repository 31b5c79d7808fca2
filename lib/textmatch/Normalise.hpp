#pragma once

#include <string>
#include <string_view>

namespace harmony::textmatch {

// Folds text for comparison: Unicode NFKC, case folding and accents stripped (utf8proc), then
// every character that is not a letter or a digit becomes a space and runs of spaces collapse
// to one, with none at either end. "Beyoncé – Halo (Live)" → "beyonce halo live".
// Input is untrusted: invalid UTF-8 bytes are dropped, never an error. Pure ASCII takes a fast
// path (NFKC and case folding of ASCII are plain lower-casing). Thread-safe.
std::string normalise(std::string_view text);

}  // namespace harmony::textmatch
