#pragma once

#include <string>

namespace harmony::testing {

// The value of one series (name with its labels, as exposed) in a Prometheus text exposition,
// e.g. metric_value(text, R"(harmony_download_jobs{state="done"})") → "1"; "" when absent.
inline std::string metric_value(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) {
    return "";
  }
  const auto begin = at + series.size() + 2;
  return text.substr(begin, text.find('\n', begin) - begin);
}

}  // namespace harmony::testing
