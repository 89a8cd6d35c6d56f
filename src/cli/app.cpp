#include "cli/app.hpp"

#include <cstdio>

namespace cratescope::cli {

int run(int, char**) {
  std::puts("cratescope: not yet wired");
  return 2;
}

}  // namespace cratescope::cli
