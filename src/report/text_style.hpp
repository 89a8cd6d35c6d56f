#pragma once
// What the text reports share: ANSI colour (only when asked: terminals),
// counting words and joining lists.
#include <string>
#include <string_view>
#include <vector>

namespace cratescope::report {

enum class Tone { plain, bold, red, bold_red, yellow, cyan, green, dim };

// With colour off, text passes through untouched so the output contains no
// escape byte at all.
class Painter {
 public:
  explicit Painter(bool enabled) : enabled_(enabled) {}
  std::string operator()(std::string_view text, Tone tone) const;

 private:
  bool enabled_;
};

// "1 package", "3 packages"
std::string plural(size_t n, std::string_view one, std::string_view many);
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace cratescope::report
