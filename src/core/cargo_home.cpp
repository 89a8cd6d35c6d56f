#include "core/cargo_home.hpp"

#include <cstdlib>

namespace cratescope {

std::filesystem::path default_cargo_home() {
  if (const char* home = std::getenv("CARGO_HOME"); home && *home) return home;
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cargo";
  return {};
}

}  // namespace cratescope
