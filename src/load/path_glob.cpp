#include "load/path_glob.hpp"

#include <algorithm>
#include <set>

namespace cratescope::load {

namespace {

// `**` can walk a whole tree; a workspace never needs more than this.
constexpr int kMaxRecursiveDepth = 12;

// Matches the bracket expression starting at pattern[0] == '['; returns the
// length of the expression, or 0 when it is not closed (then '[' is literal).
size_t match_bracket(std::string_view pattern, char c, bool& matched) {
  size_t i = 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool found = false;
  bool first = true;
  for (; i < pattern.size() && (pattern[i] != ']' || first); first = false) {
    char low = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      found |= c >= low && c <= pattern[i + 2];
      i += 3;
    } else {
      found |= c == low;
      ++i;
    }
  }
  if (i >= pattern.size()) return 0;
  matched = found != negate;
  return i + 1;
}

std::vector<std::string_view> split_components(std::string_view pattern) {
  std::vector<std::string_view> parts;
  while (!pattern.empty()) {
    size_t slash = pattern.find('/');
    std::string_view part = pattern.substr(0, slash);
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) break;
    pattern = pattern.substr(slash + 1);
  }
  return parts;
}

bool is_hidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

void add_subdirectories_recursively(const fs::path& dir, const FileSystem& files, int depth, std::set<fs::path>& out) {
  out.insert(dir);
  if (depth >= kMaxRecursiveDepth) return;
  for (const fs::path& entry : files.list_directory(dir))
    if (!is_hidden(entry) && files.is_directory(entry)) add_subdirectories_recursively(entry, files, depth + 1, out);
}

}  // namespace

bool has_glob_characters(std::string_view pattern) { return pattern.find_first_of("*?[") != std::string_view::npos; }

// Iterative matching with one backtrack point for the last '*': linear in
// practice and never exponential.
bool glob_match(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0;
  size_t star = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_n = n;
      continue;
    }
    if (p < pattern.size()) {
      bool matched = false;
      size_t length = 1;
      if (pattern[p] == '?') {
        matched = true;
      } else if (pattern[p] == '[') {
        length = match_bracket(pattern.substr(p), name[n], matched);
        if (length == 0) {
          length = 1;
          matched = name[n] == '[';
        }
      } else {
        matched = pattern[p] == name[n];
      }
      if (matched) {
        p += length;
        ++n;
        continue;
      }
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    n = ++star_n;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<fs::path> expand_directory_glob(const fs::path& base, std::string_view pattern, const FileSystem& files) {
  std::set<fs::path> current{base};
  for (std::string_view component : split_components(pattern)) {
    std::set<fs::path> next;
    for (const fs::path& dir : current) {
      if (component == "**") {
        add_subdirectories_recursively(dir, files, 0, next);
      } else if (component == "..") {
        next.insert(dir.parent_path());
      } else if (!has_glob_characters(component)) {
        if (files.is_directory(dir / component)) next.insert(dir / component);
      } else {
        for (const fs::path& entry : files.list_directory(dir)) {
          std::string name = entry.filename().string();
          if (is_hidden(entry) && component[0] != '.') continue;
          if (glob_match(component, name) && files.is_directory(entry)) next.insert(entry);
        }
      }
    }
    current = std::move(next);
  }
  return {current.begin(), current.end()};
}

}  // namespace cratescope::load
