#pragma once
// What every pass gets: the file system, the diagnostics sink, the timers and
// the degree of parallelism. `main` builds one and threads it through.
#include <cstddef>

#include "core/diagnostics.hpp"
#include "core/file_system.hpp"
#include "core/timers.hpp"

namespace cratescope {

struct Context {
  const FileSystem& files;
  Diagnostics& diagnostics;
  Timers& timers;
  size_t threads = 0;  // 0: all cores
};

}  // namespace cratescope
