#pragma once
#include <string>

namespace cratescope::cli {

enum class ColorMode { automatic, always, never };

// Colour only on a terminal, and never when NO_COLOR is set (no-color.org),
// unless the user insists with --color always.
bool use_color(ColorMode mode, int fd);
bool parse_color_mode(const std::string& text, ColorMode& mode);

}  // namespace cratescope::cli
