#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/Result.hpp"

namespace harmony::files {

struct MoveOutcome {
  std::filesystem::path final_path;  // the target, or the target with a " (n)" suffix
  bool copied = false;               // true when source and target were on different filesystems
  std::uintmax_t bytes = 0;
};

// Moves a file into place so that a crash at any moment leaves either the old state or the
// complete new file, never a partial one under the final name, and never replaces a file that
// already exists (a " (1)", " (2)", … suffix is added before the extension instead).
//
// Same filesystem: renameat2(RENAME_NOREPLACE) (link+unlink where unsupported), then fsync of
// the file, the target directory and the source directory. Different filesystems (EXDEV): copy
// to "<target dir>/.<target name>.partial", fsync, rename into place without replacing, fsync
// the directory, then remove the source. The temp name is derived from the target, so retrying
// the same move replaces a partial copy left by a crash. Missing parent directories are created
// (and their parents fsynced). Errors are ErrorKind::filesystem naming the path and the call.
// The source is opened with O_NOFOLLOW and checked through that descriptor; a symlink is
// refused, and a source swapped between the check and the rename is put back and refused.
// Thread-compatible: concurrent moves to the same target are not coordinated.
class AtomicFileMover {
 public:
  Result<MoveOutcome> move(const std::filesystem::path& source,
                           const std::filesystem::path& target) const;
  // The same, but only into `target` itself: an existing target is an error (EEXIST), never a
  // suffixed name. For callers that recorded the exact destination before moving, so a resume
  // after a crash can tell its own file from one that was already there.
  Result<MoveOutcome> move_exact(const std::filesystem::path& source,
                                 const std::filesystem::path& target) const;

  // The temp name a cross-device move into `target` uses.
  static std::filesystem::path partial_path_for(const std::filesystem::path& target);
  // "<stem> (n)<ext>" next to `target`.
  static std::filesystem::path suffixed(const std::filesystem::path& target, int n);

 private:
  static Result<MoveOutcome> move_to(const std::filesystem::path& source,
                                     const std::filesystem::path& target, int max_suffix);
};

// fsync of a directory, so a rename or create inside it is durable.
Result<void> fsync_directory(const std::filesystem::path& directory);

// Creates `directory` and missing parents, fsyncing each parent that gained an entry.
Result<void> create_directories_durably(const std::filesystem::path& directory);

}  // namespace harmony::files
