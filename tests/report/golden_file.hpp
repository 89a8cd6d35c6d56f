#pragma once
// Golden files: tests/report/golden/<name>. With CRATESCOPE_UPDATE_GOLDEN=1 the
// file is (re)written from the actual output; otherwise a difference fails
// with a line diff, so a reviewer sees what changed without a debugger.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cratescope::testing {

inline std::filesystem::path golden_dir() {
  return std::filesystem::path(CRATESCOPE_SOURCE_DIR) / "tests" / "report" / "golden";
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A unified-style diff from the longest common subsequence of lines (the
// files are small), with two lines of context around each change.
inline std::string line_diff(const std::string& expected, const std::string& actual) {
  auto a = split_lines(expected), b = split_lines(actual);
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Line {
    char mark;
    size_t line;  // 1-based, in the expected file for ' ' and '-', in the actual one for '+'
    std::string text;
  };
  std::vector<Line> script;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) script.push_back({' ', ++i, a[i - 1]}), ++j;
    else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) script.push_back({'+', ++j, b[j - 1]});
    else script.push_back({'-', ++i, a[i - 1]});
  }
  // Print each change with kContext unchanged lines around it; "@@" starts a group.
  constexpr size_t kContext = 2;
  std::vector<bool> shown(script.size(), false);
  for (size_t k = 0; k < script.size(); ++k) {
    if (script[k].mark == ' ') continue;
    size_t from = k >= kContext ? k - kContext : 0, to = std::min(script.size() - 1, k + kContext);
    for (size_t c = from; c <= to; ++c) shown[c] = true;
  }
  std::string out;
  for (size_t k = 0; k < script.size(); ++k) {
    if (!shown[k]) continue;
    if (k == 0 || !shown[k - 1]) out += "@@ line " + std::to_string(script[k].line) + "\n";
    out += std::string(1, script[k].mark) + " " + script[k].text + "\n";
  }
  return out;
}

// Compares `actual` with the golden file `name` (or rewrites it, see above).
inline void expect_matches_golden(const std::string& actual, const std::string& name) {
  const std::filesystem::path path = golden_dir() / name;
  const char* update = std::getenv("CRATESCOPE_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    std::cerr << "updated golden file " << path << "\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << "; create it with CRATESCOPE_UPDATE_GOLDEN=1";
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (expected == actual) return;
  ADD_FAILURE() << "output differs from golden file " << path << " (- expected, + actual):\n"
                << line_diff(expected, actual)
                << "If the change is intended, rerun with CRATESCOPE_UPDATE_GOLDEN=1 and review the diff.";
}

}  // namespace cratescope::testing
