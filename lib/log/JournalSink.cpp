#include "log/JournalSink.hpp"

#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include <cstdlib>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "log/StderrSink.hpp"

namespace harmony::log {
namespace {

int syslog_priority(Level level) {
  switch (level) {
    case Level::debug:
      return 7;
    case Level::info:
      return 6;
    case Level::notice:
      return 5;
    case Level::warning:
      return 4;
    case Level::error:
      return 3;
    case Level::critical:
      return 2;
  }
  return 6;
}

// journald field names: uppercase letters, digits, underscore; not starting with '_'.
std::string field_name(std::string_view key) {
  std::string name;
  for (char c : key) {
    if (c >= 'a' && c <= 'z') {
      name += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      name += c;
    } else {
      name += '_';
    }
  }
  while (!name.empty() && name.front() == '_') {
    name.erase(0, 1);
  }
  return name.empty() ? std::string("FIELD") : name;
}

}  // namespace

JournalSink::JournalSink(std::string program) : m_program(std::move(program)) {}

void JournalSink::write(const Record& record) noexcept {
  try {
    std::vector<std::string> entries;
    entries.reserve(record.fields.size() + 3);
    entries.push_back("MESSAGE=" + record.message);
    entries.push_back(fmt::format("PRIORITY={}", syslog_priority(record.level)));
    entries.push_back("SYSLOG_IDENTIFIER=" + m_program);
    for (const Field& field : record.fields) {
      entries.push_back(field_name(field.key) + "=" + field.value);
    }
    std::vector<iovec> iov;
    iov.reserve(entries.size());
    for (std::string& entry : entries) {
      iov.push_back(iovec{entry.data(), entry.size()});
    }
    sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
  } catch (...) {
    // See log::write.
  }
}

bool journal_stream_matches(int fd) {
  const char* value = std::getenv("JOURNAL_STREAM");
  if (value == nullptr) {
    return false;
  }
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (std::sscanf(value, "%llu:%llu", &device, &inode) != 2) {
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    return false;
  }
  return st.st_dev == device && st.st_ino == inode;
}

std::unique_ptr<Sink> make_default_sink(std::string_view program) {
  if (journal_stream_matches(2)) {
    return std::make_unique<JournalSink>(std::string(program));
  }
  return std::make_unique<StderrSink>(std::string(program));
}

}  // namespace harmony::log
