// Every crate in tests/fixtures/scan/cases is scanned; its EXPECTED.toml says
// the verdict and the rules that must be among the findings that count.
// Malicious cases reconstruct RustSec `malicious` advisories harmlessly; clean
// cases are what honest crates do that looks similar.
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include "core/context.hpp"
#include "scan/crate_scan.hpp"
#include "support/test_support.hpp"

namespace cratescope::scan {
namespace {

namespace fs = std::filesystem;

struct ScanFixture {
  std::string name;
  fs::path dir;
};
void PrintTo(const ScanFixture& fixture, std::ostream* out) { *out << fixture.name; }

std::vector<ScanFixture> cases() {
  std::vector<ScanFixture> out;
  for (const auto& entry : fs::directory_iterator(testing::fixtures_dir() / "scan" / "cases"))
    if (entry.is_directory()) out.push_back({entry.path().filename().string(), entry.path()});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

const ScanRules& fixture_rules() {
  static const ScanRules rules(PopularCrates::parse(testing::read_text(testing::fixtures_dir() / "scan" / "popular.txt")),
                               nullptr, testing::scan_cache_dir());
  return rules;
}

std::string describe(const CrateScan& scan) {
  std::string out = "verdict " + std::string(to_string(scan.verdict)) + "\n";
  for (const auto& reason : scan.reasons) out += "  because " + reason + "\n";
  for (const auto& f : scan.findings)
    out += "  " + f.rule_id + " " + to_string(f.location) + (counts_for_verdict(f) ? "" : " (not counted)") + " | " +
           f.excerpt + "\n";
  return out;
}

class ScanFixtures : public ::testing::TestWithParam<ScanFixture> {};

TEST_P(ScanFixtures, VerdictAndRules) {
  const ScanFixture& fixture = GetParam();
  auto expected = toml::parse_file((fixture.dir / "EXPECTED.toml").string());
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  CrateScan scan = scan_crate(context, fixture_rules(), fixture.dir.string());
  SCOPED_TRACE(describe(scan));
  EXPECT_EQ(to_string(scan.verdict), expected["verdict"].value_or(std::string("?")));
  if (auto* rules = expected["rules"].as_array()) {
    for (const auto& rule : *rules) {
      std::string id = rule.value_or(std::string());
      bool found = std::any_of(scan.findings.begin(), scan.findings.end(),
                               [&](const ScanFinding& f) { return f.rule_id == id && counts_for_verdict(f); });
      EXPECT_TRUE(found) << "expected a counted finding of rule " << id;
    }
  }
  // Every malicious verdict explains itself with located evidence.
  if (scan.verdict != Verdict::clean) EXPECT_FALSE(scan.reasons.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, ScanFixtures, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<ScanFixture>& info) {
                           std::string name = info.param.name;
                           for (char& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace cratescope::scan
