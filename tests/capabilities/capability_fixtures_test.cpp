// Annotated fixture crates (tests/fixtures/capabilities/*, see its README):
// a `// ^ FS NET` comment says what must be reported on the line above it.
// Markers are exhaustive in both directions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "capabilities/crate_capabilities.hpp"
#include "support/test_support.hpp"

namespace cratescope::capabilities {
namespace {

namespace fs = std::filesystem;
using FactsByLine = std::map<std::string, std::multiset<std::string>>;

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) {
    while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

bool is_marker(const std::string& line) {
  size_t first = line.find_first_not_of(" \t");
  return first != std::string::npos && line.compare(first, 4, "// ^") == 0;
}

std::string unsafe_fact(const std::string& kind, bool safety, bool macro, bool test) {
  std::string fact = "unsafe " + kind;
  if (macro) fact += " macro";
  if (safety) fact += " safety";
  if (test) fact += " test";
  return fact;
}

// `// ^ unsafe block safety UNSAFE_PTR test` -> {"unsafe block safety test", "UNSAFE_PTR test"}
std::vector<std::string> marker_facts(const std::vector<std::string>& w) {
  bool test = std::find(w.begin(), w.end(), "test") != w.end();
  std::vector<std::string> out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == "unsafe" && i + 1 < w.size()) {
      std::string kind = w[++i];
      bool safety = false, macro = false;
      while (i + 1 < w.size() && (w[i + 1] == "safety" || w[i + 1] == "macro" || w[i + 1] == "SAFETY")) {
        (w[i + 1] == "macro" ? macro : safety) = true;
        ++i;
      }
      out.push_back(unsafe_fact(kind, safety, macro, test));
    } else if (capability_from_string(w[i]) && std::isupper(static_cast<unsigned char>(w[i][0]))) {
      out.push_back(w[i] + (test ? " test" : ""));
    }
  }
  return out;
}

FactsByLine read_markers(const fs::path& dir) {
  FactsByLine out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".rs") continue;
    std::string file = entry.path().lexically_normal().generic_string();
    std::ifstream in(entry.path());
    int code_line = 0;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (!is_marker(line)) {
        code_line = number;
        continue;
      }
      auto w = words(line.substr(line.find("// ^") + 4));
      for (auto& fact : marker_facts(w)) out[file + ":" + std::to_string(code_line)].insert(fact);
    }
  }
  return out;
}

FactsByLine render(const CrateCapabilities& c) {
  FactsByLine out;
  auto at = [](const SourceLocation& l) { return fs::path(l.file).lexically_normal().generic_string() + ":" + std::to_string(l.position.line); };
  for (const auto& f : c.findings)
    out[at(f.location)].insert(std::string(to_string(f.capability)) + (f.test_only || model::is_test_only(f.target) ? " test" : ""));
  for (const auto& r : c.unsafe_sites)
    out[at(r.site.location)].insert(unsafe_fact(std::string(model::to_string(r.site.kind)), r.site.has_safety_comment,
                                                r.site.in_macro_rules, r.site.test_only || model::is_test_only(r.target)));
  return out;
}

std::string describe(const FactsByLine& facts) {
  std::string out;
  for (const auto& [line, set] : facts)
    for (const auto& f : set) out += "  " + line + ": " + f + "\n";
  return out;
}

class CapabilityFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CapabilityFixture, ReportsExactlyTheMarkedSites) {
  fs::path dir = fs::path(testing::fixtures_dir()) / "capabilities" / GetParam();
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  AnalysisOptions options;
  options.include_tests = true;
  RuleMatcher rules;
  CrateCapabilities result = analyze_crate(context, dir.lexically_normal().generic_string(), options, rules);
  FactsByLine expected = read_markers(dir);
  FactsByLine actual = render(result);
  FactsByLine missing, unexpected;
  std::set<std::string> lines;
  for (const auto& [l, _] : expected) lines.insert(l);
  for (const auto& [l, _] : actual) lines.insert(l);
  for (const auto& l : lines) {
    std::multiset<std::string> e = expected[l], a = actual[l];
    for (const auto& f : e) {
      auto found = a.find(f);
      if (found == a.end()) missing[l].insert(f);
      else a.erase(found);
    }
    for (const auto& f : a) unexpected[l].insert(f);
  }
  EXPECT_TRUE(missing.empty()) << "marked but not reported:\n" << describe(missing);
  EXPECT_TRUE(unexpected.empty()) << "reported but not marked:\n" << describe(unexpected);
  EXPECT_FALSE(expected.empty()) << "a fixture without markers tests nothing";
}

std::vector<std::string> fixture_names() {
  std::vector<std::string> out;
  fs::path root = fs::path(testing::fixtures_dir()) / "capabilities";
  if (fs::is_directory(root))
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.is_directory()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CapabilityFixture, ::testing::ValuesIn(fixture_names()), test_name);

}  // namespace
}  // namespace cratescope::capabilities
