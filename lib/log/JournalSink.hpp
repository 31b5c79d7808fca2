#pragma once

#include <string>

#include "log/Log.hpp"

namespace harmony::log {

// Native journald records via sd_journal_send: MESSAGE, PRIORITY, SYSLOG_IDENTIFIER and every
// structured field, so `journalctl -u unit REASON=token_expired` works.
class JournalSink final : public Sink {
 public:
  explicit JournalSink(std::string program);
  void write(const Record& record) noexcept override;

 private:
  std::string m_program;
};

// True when JOURNAL_STREAM ("device:inode") names the file behind `fd`: systemd connected our
// output to the journal, so native records are better than text lines.
bool journal_stream_matches(int fd);

}  // namespace harmony::log
