#include "sources/entry_path.hpp"

namespace cratescope::sources {

namespace {
// Linux's NAME_MAX and PATH_MAX: longer names could be read into memory but
// not written to disk, and both modes must accept the same entries.
constexpr size_t kMaxComponent = 255;
constexpr size_t kMaxPath = 4000;
}  // namespace

std::string EntryPath::joined() const {
  std::string out;
  for (const auto& c : components) {
    if (!out.empty()) out += '/';
    out += c;
  }
  return out;
}

EntryPath normalize_entry_path(std::string_view raw) {
  EntryPath out;
  if (raw.empty()) {
    out.problem = "empty path";
    return out;
  }
  if (raw.front() == '/') {
    out.problem = "absolute path";
    return out;
  }
  if (raw.size() > kMaxPath) {
    out.problem = "path too long";
    return out;
  }
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('/', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view part = raw.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    // Even "a/../b", which stays inside, is refused: no legitimate crate has it.
    if (part == "..") {
      out.problem = "path escapes the crate directory";
      return out;
    }
    if (part.size() > kMaxComponent) {
      out.problem = "path too long";
      return out;
    }
    out.components.emplace_back(part);
  }
  if (out.components.empty()) out.problem = "empty path";
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  return out;
}

}  // namespace cratescope::sources
