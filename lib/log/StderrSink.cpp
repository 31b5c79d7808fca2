#include "log/StderrSink.hpp"

#include <fmt/format.h>

namespace harmony::log {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
}

}  // namespace

StderrSink::StderrSink(std::string program, std::FILE* stream)
    : m_program(std::move(program)), m_stream(stream) {}

std::string StderrSink::format(const Record& record) const {
  std::string line = m_program;
  line += ": ";
  if (record.level != Level::info) {
    line += to_string(record.level);
    line += ": ";
  }
  append_escaped(line, record.message);
  if (!record.fields.empty()) {
    line += " (";
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) {
        line += ", ";
      }
      line += record.fields[i].key;
      line += '=';
      append_escaped(line, record.fields[i].value);
    }
    line += ')';
  }
  return line;
}

void StderrSink::write(const Record& record) noexcept {
  try {
    std::string line = format(record);
    line += '\n';
    std::lock_guard lock(m_mutex);
    std::fwrite(line.data(), 1, line.size(), m_stream);
    std::fflush(m_stream);
  } catch (...) {
    // See log::write: a record may be lost, the process keeps running.
  }
}

}  // namespace harmony::log
