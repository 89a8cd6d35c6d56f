#include "report/text_style.hpp"

namespace cratescope::report {

namespace {

// ANSI SGR codes.
std::string_view code(Tone tone) {
  switch (tone) {
    case Tone::bold: return "\x1b[1m";
    case Tone::red: return "\x1b[31m";
    case Tone::bold_red: return "\x1b[1;31m";
    case Tone::yellow: return "\x1b[33m";
    case Tone::cyan: return "\x1b[36m";
    case Tone::green: return "\x1b[32m";
    case Tone::dim: return "\x1b[2m";
    case Tone::plain: break;
  }
  return "";
}

}  // namespace

std::string Painter::operator()(std::string_view text, Tone tone) const {
  if (!enabled_ || tone == Tone::plain) return std::string(text);
  return std::string(code(tone)) + std::string(text) + "\x1b[0m";
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
}

}  // namespace cratescope::report
