#include "Render.hpp"

#include <ctime>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "mdns/InstanceName.hpp"

namespace harmony::harmonyctl {
namespace {

using nlohmann::json;

std::int64_t seconds_of(std::chrono::system_clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

std::string clock_time(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

std::string ago(std::int64_t then, std::int64_t now) {
  const std::int64_t s = now > then ? now - then : 0;
  if (s < 120) {
    return fmt::format("{}s ago", s);
  }
  if (s < std::int64_t{2} * 3600) {
    return fmt::format("{}m ago", s / 60);
  }
  if (s < std::int64_t{2} * 86400) {
    return fmt::format("{}h ago", s / 3600);
  }
  return fmt::format("{}d ago", s / 86400);
}

std::string when(std::int64_t then, std::int64_t now) {
  return then <= 0 ? std::string("never")
                   : fmt::format("{} ({})", clock_time(then), ago(then, now));
}

std::string unit_line(const UnitFacts& u, std::int64_t now) {
  if (!u.status) {
    return fmt::format("  {:<30} unknown (systemd cannot be asked)\n", u.unit);
  }
  const systemd::UnitStatus& s = *u.status;
  if (s.load_state != "loaded") {
    return fmt::format("  {:<30} {}\n", u.unit, s.load_state);
  }
  std::string line = fmt::format("  {:<30} {} ({}) since {}", u.unit, s.active_state, s.sub_state,
                                 when(seconds_of(s.since), now));
  if (s.restarts > 0) {
    line += fmt::format(", {} automatic restart{}", s.restarts, s.restarts == 1 ? "" : "s");
  }
  if (!s.status_text.empty()) {
    line += fmt::format("\n  {:<30} \"{}\"", "", s.status_text);
  }
  return line + "\n";
}

std::string container_line(const ContainerFacts& c) {
  if (!c.error.empty()) {
    return fmt::format("container {:<22} unknown: {}\n", c.name, c.error);
  }
  if (!c.state) {
    return fmt::format("container {:<22} absent (no container is named exactly that)\n", c.name);
  }
  const auto& s = *c.state;
  return fmt::format("container {:<22} {}, health {}, {} restart{} by Docker\n", c.name, s.status,
                     s.health.empty() ? "not defined" : s.health, s.restart_count,
                     s.restart_count == 1 ? "" : "s");
}

std::string mdns_lines(const MdnsFacts& m) {
  if (!m.wanted) {
    return {};
  }
  const std::string label = fmt::format("mDNS {}", m.type);
  if (!m.survey) {
    return fmt::format("{:<32} unknown: {}\n", label, m.error);
  }
  const auto& instances = m.survey->instances;
  std::string text = fmt::format(
      "{:<32} '{}': {} instance{}{}{}\n", label, mdns::printable(m.friendly_name), instances.size(),
      instances.size() == 1 ? "" : "s", m.survey->collision() ? " — COLLISION" : "",
      m.survey->complete ? "" : " (partial answer)");
  for (const NameInstance& i : instances) {
    text += fmt::format("  {} ({}{})\n", mdns::printable(i.name),
                        i.local ? "this host" : "another host", i.renamed ? ", renamed" : "");
  }
  return text;
}

std::string watchdog_line(const WatchdogFacts& w, std::int64_t now) {
  if (!w.answered) {
    return fmt::format("{:<32} unknown: {}\n", "watchdog", w.error);
  }
  std::string line = fmt::format("{:<32} {}, {} restart{} today", "watchdog", w.state,
                                 w.restarts_today, w.restarts_today == 1 ? "" : "s");
  if (!w.last_reason.empty()) {
    line += fmt::format(", last incident {} at {}", w.last_reason, when(w.last_at, now));
  }
  return line + "\n";
}

std::string bridge_line(const BridgeFacts& b, std::int64_t now) {
  if (!b.wanted) {
    return {};
  }
  if (!b.present) {
    return fmt::format("{:<32} unknown: {}\n", "volume bridge", b.error);
  }
  std::string line = fmt::format("{:<32} {}, volume {}", "volume bridge", b.state,
                                 b.volume ? fmt::format("{}/38", *b.volume) : "unknown");
  if (!b.title.empty()) {
    line += fmt::format(", {} – {}", b.artist, b.title);
  }
  return line + fmt::format(", updated {}\n", when(b.timestamp, now));
}

}  // namespace

std::string render_text(const StatusReport& report) {
  const std::int64_t now = report.checked_at;
  std::string out = fmt::format("{} stack, {}\nunits\n", report.stack, clock_time(now));
  for (const UnitFacts& unit : report.units) {
    out += unit_line(unit, now);
  }
  out += container_line(report.container);
  out += mdns_lines(report.mdns);
  out += watchdog_line(report.watchdog, now);
  out += bridge_line(report.bridge, now);
  if (report.problems.empty()) {
    return out + "all well\n";
  }
  out += fmt::format("{} problem{}:\n", report.problems.size(),
                     report.problems.size() == 1 ? "" : "s");
  for (const Problem& p : report.problems) {
    out += fmt::format("  ✗ {}\n    → {}\n", p.what, p.next);
  }
  return out;
}

std::string render_json(const StatusReport& report) {
  json units = json::array();
  for (const UnitFacts& u : report.units) {
    json entry = {{"unit", u.unit}};
    if (u.status) {
      entry.update({{"load_state", u.status->load_state},
                    {"active_state", u.status->active_state},
                    {"sub_state", u.status->sub_state},
                    {"since", seconds_of(u.status->since)},
                    {"restarts", u.status->restarts},
                    {"status_text", u.status->status_text}});
    } else {
      entry["error"] = u.error;
    }
    units.push_back(std::move(entry));
  }
  json container = {{"name", report.container.name},
                    {"exists", report.container.state.has_value()}};
  if (const auto& s = report.container.state) {
    container.update({{"status", s->status},
                      {"health", s->health},
                      {"restart_count", s->restart_count},
                      {"exit_code", s->exit_code}});
  }
  if (!report.container.error.empty()) {
    container["error"] = report.container.error;
  }
  json doc = {{"stack", report.stack},
              {"checked_at", report.checked_at},
              {"exit_code", report.exit_code},
              {"units", units},
              {"container", container}};
  if (report.mdns.wanted) {
    json instances = json::array();
    if (report.mdns.survey) {
      for (const NameInstance& i : report.mdns.survey->instances) {
        instances.push_back({{"name", i.name}, {"local", i.local}, {"renamed", i.renamed}});
      }
    }
    doc["mdns"] = {{"type", report.mdns.type},
                   {"name", report.mdns.friendly_name},
                   {"instances", instances},
                   {"collision", report.mdns.survey && report.mdns.survey->collision()},
                   {"error", report.mdns.error}};
  }
  const WatchdogFacts& w = report.watchdog;
  doc["watchdog"] = {
      {"answered", w.answered},       {"state", w.state},     {"restarts_today", w.restarts_today},
      {"last_reason", w.last_reason}, {"last_at", w.last_at}, {"error", w.error}};
  if (report.bridge.wanted) {
    const BridgeFacts& b = report.bridge;
    doc["bridge"] = {{"present", b.present},
                     {"state", b.state},
                     {"artist", b.artist},
                     {"title", b.title},
                     {"volume", b.volume ? json(*b.volume) : json(nullptr)},
                     {"timestamp", b.timestamp},
                     {"error", b.error}};
  }
  json problems = json::array();
  for (const Problem& p : report.problems) {
    problems.push_back(
        {{"what", p.what}, {"next", p.next}, {"dependency_down", p.dependency_down}});
  }
  doc["problems"] = problems;
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace harmony::harmonyctl
