#pragma once
// What the benchmark programs share.
#include <sys/resource.h>

namespace cratescope::bench {

inline double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace cratescope::bench
