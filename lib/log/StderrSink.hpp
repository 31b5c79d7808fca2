#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "log/Log.hpp"

namespace harmony::log {

// Human-readable lines: `program: warning: message (KEY=value, ...)`. Writes to `stream`
// (stderr by default); one fwrite per record under a lock so lines never interleave.
class StderrSink final : public Sink {
 public:
  explicit StderrSink(std::string program, std::FILE* stream = stderr);
  void write(const Record& record) noexcept override;

  // The line a record becomes, without the trailing newline. Control characters in the
  // message or values are escaped so untrusted text cannot forge extra lines.
  std::string format(const Record& record) const;

 private:
  std::string m_program;
  std::FILE* m_stream;
  std::mutex m_mutex;
};

}  // namespace harmony::log
