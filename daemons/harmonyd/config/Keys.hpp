#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace harmony::harmonyd::config {

enum class Profile { container, local };

// One configuration key harmonyd reads. The table in Keys.cpp is the single source for the
// generated harmony.yml, docs/configuration.md and the unknown-key warning; a feature that
// adds a key adds one row there.
struct KeyDef {
  std::string section;
  std::string name;
  std::string default_value;                 // the container profile's default
  std::optional<std::string> local_default;  // when the local profile differs
  std::string comment;                       // one line, shown in harmony.yml
  bool environment_only = false;             // locates the files, so files cannot set it
};

const std::vector<KeyDef>& keys();
std::set<std::string> key_names();
const KeyDef* find_key(const std::string& name);
// The default of `key` under `profile` (relative local paths are not yet resolved).
std::string default_for(const KeyDef& key, Profile profile);

}  // namespace harmony::harmonyd::config
