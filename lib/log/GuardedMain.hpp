#pragma once

namespace harmony::log {

using RunFunction = int (*)(int argc, char** argv);

// The body of every program's main(): calls `run` and turns anything that escapes it into a
// logged message and a sysexits code (ErrorException → its kind's code; anything else → 70),
// so no program ends in std::terminate or prints a stack trace.
//   int main(int argc, char** argv) noexcept { return harmony::log::guarded_main(run, argc, argv);
//   }
int guarded_main(RunFunction run, int argc, char** argv) noexcept;

}  // namespace harmony::log
