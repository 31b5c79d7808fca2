#pragma once

#include <map>
#include <string>

namespace harmony::config {

// Where a value came from, for messages: "environment", "/config/.env:4", "harmony.yml:12".
struct Origin {
  std::string source;  // "environment", "default" or a file path
  int line = 0;        // 1-based; 0 when the source has no lines
  std::string describe() const;
};

struct Entry {
  std::string value;
  Origin origin;
};

// One source of settings: flat KEY → value. Nested YAML sections are flattened (the section
// names only group keys for readers), lists become comma-separated values.
struct Layer {
  std::string name;
  std::map<std::string, Entry> entries;
};

}  // namespace harmony::config
