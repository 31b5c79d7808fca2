#include "Settings.hpp"

#include <set>

#include <fmt/format.h>

#include "RuleSet.hpp"
#include "config/TreeReader.hpp"
#include "wire/Url.hpp"

namespace harmony::watchdog {
namespace {

using config::Node;
using config::TreeReader;

void read_policy(TreeReader& parent, PolicySettings& policy) {
  const Node* node = parent.child("policy");
  if (node == nullptr || !parent.ok()) {
    return;
  }
  TreeReader reader(*node, parent.source(), parent.path_of("policy"));
  reader.only({"grace", "debounce", "cooldown", "give_up"});
  reader.duration("grace", policy.grace);
  if (const Node* debounce = reader.child("debounce"); debounce != nullptr) {
    TreeReader inner(*debounce, reader.source(), reader.path_of("debounce"));
    inner.only({"count", "window"});
    inner.integer("count", policy.debounce_count, 1, 1000);
    inner.duration("window", policy.debounce_window);
    reader.adopt(inner);
  }
  if (const Node* cooldown = reader.child("cooldown"); cooldown != nullptr) {
    TreeReader inner(*cooldown, reader.source(), reader.path_of("cooldown"));
    inner.only({"initial", "cap", "reset_after"});
    inner.duration("initial", policy.cooldown_initial);
    inner.duration("cap", policy.cooldown_cap);
    inner.duration("reset_after", policy.cooldown_reset);
    if (inner.ok() && policy.cooldown_cap < policy.cooldown_initial) {
      inner.fail("cap", "must not be shorter than cooldown.initial");
    }
    reader.adopt(inner);
  }
  if (const Node* give_up = reader.child("give_up"); give_up != nullptr) {
    TreeReader inner(*give_up, reader.source(), reader.path_of("give_up"));
    inner.only({"restarts", "within"});
    inner.integer("restarts", policy.give_up_restarts, 1, 1000);
    inner.duration("within", policy.give_up_window);
    reader.adopt(inner);
  }
  parent.adopt(reader);
}

void read_timeouts(TreeReader& parent, TimeoutSettings& timeouts) {
  const Node* node = parent.child("timeouts");
  if (node == nullptr || !parent.ok()) {
    return;
  }
  TreeReader reader(*node, parent.source(), parent.path_of("timeouts"));
  reader.only({"stop", "kill", "start", "healthy", "stable", "dependent"});
  reader.duration("stop", timeouts.stop);
  reader.duration("kill", timeouts.kill);
  reader.duration("start", timeouts.start);
  reader.duration("healthy", timeouts.healthy);
  reader.duration("stable", timeouts.stable);
  reader.duration("dependent", timeouts.dependent);
  parent.adopt(reader);
}

void check_patterns(TreeReader& reader, std::string_view key,
                    const std::vector<std::string>& patterns, bool ignore_case) {
  for (const std::string& pattern : patterns) {
    if (auto problem = pattern_problem(pattern, ignore_case); !problem.empty()) {
      reader.fail(key, fmt::format("pattern '{}' does not compile: {}", pattern, problem));
      return;
    }
  }
}

void read_rules(TreeReader& parent, std::vector<RuleSettings>& rules) {
  const Node* node = parent.child("rules");
  if (node == nullptr || node->is_null() || !parent.ok()) {
    return;
  }
  if (!node->is_sequence()) {
    parent.fail("rules", "expected a list of rules (- reason: ..., patterns: [...])");
    return;
  }
  for (std::size_t i = 0; i < node->items.size() && parent.ok(); ++i) {
    const Node& item = node->items[i];
    TreeReader reader(item, parent.source(), parent.path_of(fmt::format("rules[{}]", i)));
    RuleSettings rule;
    rule.line = item.line;
    reader.only({"reason", "patterns", "unless", "ignore_case"});
    reader.string("reason", rule.reason, true);
    reader.strings("patterns", rule.patterns);
    reader.strings("unless", rule.unless);
    reader.boolean("ignore_case", rule.ignore_case);
    if (reader.ok() && rule.patterns.empty()) {
      reader.fail_at(item.line, "patterns", "is required (at least one RE2 pattern)");
    }
    check_patterns(reader, "patterns", rule.patterns, rule.ignore_case);
    check_patterns(reader, "unless", rule.unless, rule.ignore_case);
    parent.adopt(reader);
    rules.push_back(std::move(rule));
  }
}

void read_health(TreeReader& reader, TargetSettings& target) {
  std::string url;
  reader.string("health_url", url);
  if (url.empty() || !reader.ok()) {
    return;
  }
  if (auto parsed = wire::parse_http_url(url); !parsed) {
    reader.fail("health_url", parsed.error().message);
    return;
  }
  HealthUrlSettings health;
  health.url = url;
  if (const Node* node = reader.child("health"); node != nullptr) {
    TreeReader inner(*node, reader.source(), reader.path_of("health"));
    inner.only({"interval", "timeout", "failures"});
    inner.duration("interval", health.interval);
    inner.duration("timeout", health.timeout);
    inner.integer("failures", health.failures, 1, 100);
    reader.adopt(inner);
  }
  target.health = std::move(health);
}

void read_mdns(TreeReader& parent, TargetSettings& target) {
  const Node* node = parent.child("mdns");
  if (node == nullptr || node->is_null() || !parent.ok()) {
    return;
  }
  TreeReader reader(*node, parent.source(), parent.path_of("mdns"));
  MdnsSettings mdns;
  reader.only({"type", "name", "env_file"});
  reader.string("type", mdns.type, true);
  reader.string("name", mdns.name);
  reader.string("env_file", mdns.env_file);
  if (reader.ok() && mdns.name.empty() == mdns.env_file.empty()) {
    reader.fail_at(node->line, "", "give exactly one of `name` or `env_file`");
  }
  parent.adopt(reader);
  target.mdns = std::move(mdns);
}

TargetSettings read_target(const Node& node, const std::string& source, std::size_t index,
                           TreeReader& top) {
  TreeReader reader(node, source, fmt::format("targets[{}]", index));
  TargetSettings target;
  reader.only({"name", "unit", "container", "process", "process_interval", "events", "health_url",
               "health", "rules", "dependents", "mdns", "policy", "timeouts"});
  reader.string("name", target.name, true);
  reader.string("unit", target.unit, true);
  reader.string("container", target.container, true);
  reader.string("process", target.process);
  reader.duration("process_interval", target.process_interval);
  reader.strings("events", target.events);
  reader.strings("dependents", target.dependents);
  if (reader.ok() && !target.process.empty()) {
    if (auto problem = pattern_problem(target.process, false); !problem.empty()) {
      reader.fail("process",
                  fmt::format("pattern '{}' does not compile: {}", target.process, problem));
    }
  }
  for (const std::string& event : target.events) {
    if (reader.ok() && event != "die" && event != "oom" && event != "health_status: unhealthy") {
      reader.fail("events", fmt::format("'{}' is not one of die, oom, "
                                        "'health_status: unhealthy'",
                                        event));
    }
  }
  read_health(reader, target);
  read_rules(reader, target.rules);
  read_mdns(reader, target);
  read_policy(reader, target.policy);
  read_timeouts(reader, target.timeouts);
  top.adopt(reader);
  return target;
}

void read_http(TreeReader& top, HttpSettings& http) {
  const Node* node = top.child("http");
  if (node == nullptr || node->is_null() || !top.ok()) {
    return;
  }
  TreeReader reader(*node, top.source(), "http");
  reader.only({"host", "port"});
  reader.string("host", http.host);
  reader.integer("port", http.port, 0, 65535);
  if (reader.ok() && http.host != "127.0.0.1" && http.host != "::1" && http.host != "localhost") {
    reader.fail("host", fmt::format("'{}' is not a loopback address; the endpoint has no "
                                    "authentication, use 127.0.0.1",
                                    http.host));
  }
  top.adopt(reader);
}

Result<Settings> settings_from_tree(const Node& tree, const std::string& source_name) {
  Settings settings;
  settings.config_file = source_name;
  TreeReader top(tree, source_name, "");
  top.only({"log_level", "http", "targets"});
  std::string level;
  top.string("log_level", level);
  if (top.ok() && !level.empty() && !log::parse_level(level, settings.log_level)) {
    top.fail("log_level", fmt::format("'{}' is not one of debug, info, notice, warning, error, "
                                      "critical",
                                      level));
  }
  read_http(top, settings.http);
  const Node* targets = top.child("targets");
  if (top.ok() && (targets == nullptr || !targets->is_sequence() || targets->items.empty())) {
    top.fail_at(
        targets == nullptr ? tree.line : targets->line, "targets",
        "expected a list with at least one target (- name: ..., unit: ..., container: ...)");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; top.ok() && i < targets->items.size(); ++i) {
    TargetSettings target = read_target(targets->items[i], source_name, i, top);
    if (top.ok() && !names.insert(target.name).second) {
      top.fail_at(targets->items[i].line, fmt::format("targets[{}].name", i),
                  fmt::format("'{}' is used by two targets", target.name));
    }
    settings.targets.push_back(std::move(target));
  }
  if (!top.ok()) {
    return *top.error();
  }
  return settings;
}

}  // namespace

Result<Settings> parse_settings(const std::string& yaml_text, const std::string& source_name) {
  auto tree = config::parse_yaml_tree(yaml_text, source_name);
  if (!tree) {
    return std::move(tree).error();
  }
  return settings_from_tree(*tree, source_name);
}

Result<Settings> load_settings(const std::string& path) {
  auto tree = config::load_yaml_tree(path);
  if (!tree) {
    Error error = std::move(tree).error();
    error.kind = ErrorKind::config;  // a missing configuration file is a configuration error
    return error;
  }
  return settings_from_tree(*tree, path);
}

}  // namespace harmony::watchdog
