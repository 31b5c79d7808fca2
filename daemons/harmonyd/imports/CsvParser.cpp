// CSV imports: RFC 4180 records (quoted fields may hold commas, quotes and line breaks) under a
// header naming the columns in any order.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "imports/ImportParsers.hpp"
#include "imports/TextLines.hpp"

namespace harmony::harmonyd::imports {
namespace {

struct Record {
  std::size_t line = 0;  // where it starts
  std::string_view raw;  // its bytes, quotes included
  std::vector<std::string> fields;
  std::string problem;  // an unterminated quote or a stray one
};

// Splits `text` into records; a record's fields are unquoted. Stops with an error past
// `max_records`.
Result<std::vector<Record>> records(std::string_view text, std::size_t max_records) {
  std::vector<Record> out;
  std::size_t at = 0;
  std::size_t line = 1;
  while (at < text.size()) {
    if (out.size() == max_records) {
      return make_error(ErrorKind::invalid,
                        fmt::format("the import has more than {} rows; split it", max_records));
    }
    Record record;
    record.line = line;
    const std::size_t start = at;
    std::string field;
    bool quoted = false;
    bool was_quoted = false;
    while (at < text.size()) {
      const char c = text[at];
      if (quoted) {
        if (c == '"' && at + 1 < text.size() && text[at + 1] == '"') {
          field += '"';
          at += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field += c;
        }
        ++at;
        continue;
      }
      if (c == '\r' || c == '\n') {
        break;
      }
      if (c == '"' && trim(field).empty() && !was_quoted) {
        field.clear();
        quoted = was_quoted = true;
      } else if (c == ',') {
        record.fields.push_back(was_quoted ? field : std::string(trim(field)));
        field.clear();
        was_quoted = false;
      } else if (was_quoted) {
        if (c != ' ' && c != '\t' && record.problem.empty()) {
          record.problem = "text after a closing quote; double a quote inside a quoted field";
        }
      } else {
        field += c;
      }
      ++at;
    }
    if (quoted) {
      record.problem = "a quoted field is never closed";
    }
    record.fields.push_back(was_quoted ? field : std::string(trim(field)));
    record.raw = text.substr(start, at - start);
    if (at < text.size() && text[at] == '\r') {
      ++at;
    }
    if (at < text.size() && text[at] == '\n') {
      ++at;
    }
    ++line;
    out.push_back(std::move(record));
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool blank(const Record& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& f) { return trim(f).empty(); });
}

// "3:45", "1:02:03" or "225" (seconds, decimals allowed) in milliseconds.
std::optional<std::int64_t> duration_of(std::string_view text) {
  std::int64_t total = 0;
  std::size_t parts = 0;
  while (!text.empty()) {
    const auto colon = text.find(':');
    const auto part = text.substr(0, colon);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || (end != part.data() + part.size() && *end != '.') || value < 0 ||
        ++parts > 3 || value > 1'000'000) {
      return std::nullopt;
    }
    total = total * 60 + value;
    if (colon == std::string_view::npos) {
      break;
    }
    text = text.substr(colon + 1);
  }
  if (parts == 0 || total <= 0 || total > 86'400) {
    return std::nullopt;
  }
  return total * 1000;
}

std::optional<std::string> isrc_of(std::string_view text) {
  std::string isrc;
  for (const char c : text) {
    if (c == '-') {
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      return std::nullopt;
    }
    isrc.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return isrc.size() == 12 ? std::optional<std::string>(isrc) : std::nullopt;
}

// Checked field by field: a quoted field may hold a line break.
std::string fields_problem(const Record& record) {
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    std::string field = record.fields[i];
    std::replace(field.begin(), field.end(), '\n', ' ');
    std::replace(field.begin(), field.end(), '\r', ' ');
    if (auto problem = text_problem(field); !problem.empty()) {
      return fmt::format("field {} {}", i + 1, problem);
    }
  }
  return {};
}

constexpr std::array<std::string_view, 6> k_columns{"artist", "title",    "album",
                                                    "isrc",   "duration", "duration_ms"};

ImportLine row_line(const Record& record, const std::map<std::string, std::size_t>& columns,
                    std::size_t width) {
  ImportLine line;
  line.line = record.line;
  line.text = echo(record.raw);
  auto field = [&](const char* name) -> std::string_view {
    const auto it = columns.find(name);
    return it == columns.end() ? std::string_view() : trim(record.fields[it->second]);
  };
  if (!record.problem.empty()) {
    line.reason = record.problem;
  } else if (record.raw.size() > k_max_line_bytes) {
    line.reason = fmt::format("the row is {} bytes; at most {} are read", record.raw.size(),
                              k_max_line_bytes);
  } else if (record.fields.size() != width) {
    line.reason =
        fmt::format("the row has {} fields; the header has {}", record.fields.size(), width);
  } else if (auto problem = fields_problem(record); !problem.empty()) {
    line.reason = problem;
  } else if (field("artist").empty() || field("title").empty()) {
    line.reason = field("artist").empty() ? "the artist is empty" : "the title is empty";
  } else if (field("artist").size() > k_max_field_bytes ||
             field("title").size() > k_max_field_bytes ||
             field("album").size() > k_max_field_bytes) {
    line.reason =
        fmt::format("artist, title and album are at most {} bytes each", k_max_field_bytes);
  }
  if (!line.reason.empty()) {
    return line;
  }
  line.artist = std::string(field("artist"));
  line.title = std::string(field("title"));
  line.album = std::string(field("album"));
  if (const auto isrc = field("isrc"); !isrc.empty()) {
    const auto normalised = isrc_of(isrc);
    if (!normalised) {
      line.reason =
          fmt::format("the isrc '{}' is not 12 letters and digits", echo(isrc.substr(0, 20)));
      return line;
    }
    line.isrc = *normalised;
  }
  if (const auto duration = field("duration"); !duration.empty()) {
    line.duration_ms = duration_of(duration);
    if (!line.duration_ms) {
      line.reason =
          fmt::format("the duration '{}' is not m:ss or seconds", echo(duration.substr(0, 20)));
      return line;
    }
  } else if (const auto ms = field("duration_ms"); !ms.empty()) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(ms.data(), ms.data() + ms.size(), value);
    if (ec != std::errc() || end != ms.data() + ms.size() || value < 1 || value > 86'400'000) {
      line.reason = "the duration_ms is not a number of milliseconds up to 24 hours";
      return line;
    }
    line.duration_ms = value;
  }
  line.kind = LineKind::track;
  return line;
}

}  // namespace

Result<ParsedImport> parse_csv(std::string_view input) {
  std::string_view text;
  HARMONY_TRY_ASSIGN(text, strip_bom(input));
  std::vector<Record> rows;
  HARMONY_TRY_ASSIGN(rows, records(text, k_max_lines + 1));
  const auto header =
      std::find_if(rows.begin(), rows.end(), [](const Record& r) { return !blank(r); });
  if (header == rows.end()) {
    return make_error(ErrorKind::invalid,
                      "the CSV is empty: it needs a header such as artist,title,album");
  }
  std::map<std::string, std::size_t> columns;
  std::string found;
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    const auto name = lower(trim(header->fields[i]));
    found += (found.empty() ? "" : ", ") + echo(name.substr(0, 40));
    if (std::find(k_columns.begin(), k_columns.end(), name) != k_columns.end() &&
        !columns.contains(name)) {
      columns[name] = i;
    }
  }
  if (!columns.contains("artist") || !columns.contains("title")) {
    return make_error(ErrorKind::invalid,
                      fmt::format("the CSV header (line {}) needs artist and title columns "
                                  "(album, isrc, duration optional, any order); it has: {}",
                                  header->line, found));
  }
  ParsedImport parsed;
  parsed.format = ImportFormat::csv;
  for (auto it = header + 1; it != rows.end(); ++it) {
    if (!blank(*it)) {
      parsed.lines.push_back(row_line(*it, columns, header->fields.size()));
    }
  }
  return parsed;
}

}  // namespace harmony::harmonyd::imports
