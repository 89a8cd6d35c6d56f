#include "cli/terminal.hpp"

#include <cstdlib>
#include <unistd.h>

namespace cratescope::cli {

bool use_color(ColorMode mode, int fd) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  if (const char* term = std::getenv("TERM"); term && std::string(term) == "dumb") return false;
  return isatty(fd) != 0;
}

bool parse_color_mode(const std::string& text, ColorMode& mode) {
  if (text == "auto") mode = ColorMode::automatic;
  else if (text == "always") mode = ColorMode::always;
  else if (text == "never") mode = ColorMode::never;
  else return false;
  return true;
}

}  // namespace cratescope::cli
