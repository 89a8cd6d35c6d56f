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

TEST(ScanProject, AMemberLeavesThePackagesInItsDirectoryAndCargoSumsAreNoSecrets) {
  // A vendored project: `cargo vendor`'s checksum files map file names to
  // sha256 sums, and `"src/to_tokens.rs": "<64 hex>"` reads like a token.
  const std::string sum = "99bb6f467289c32af6c1f7af0d45cc6ac7b31e2436774e616770152a49e6ac0f";
  MemoryFileSystem files;
  files.add_file("/proj/Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\n");
  files.add_file("/proj/src/main.rs", "fn main() {}\n");
  files.add_file("/proj/vendor/quote/Cargo.toml", "[package]\nname = \"quote\"\nversion = \"1.0.0\"\n");
  files.add_file("/proj/vendor/quote/src/lib.rs", "pub fn quote() {}\n");
  files.add_file("/proj/vendor/quote/.cargo-checksum.json",
                 "{\"files\":{\"src/to_tokens.rs\":\"" + sum + "\",\"src/secret_key.rs\":\"" + sum + "\"},\"package\":\"" +
                     sum + "\"}");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  ScanOptions member;
  member.skip_build_output = true;
  CrateScan app = scan_crate(context, fixture_rules(), "/proj", member);
  SCOPED_TRACE(describe(app));
  EXPECT_EQ(app.files, 2u);  // Cargo.toml and src/main.rs: vendor/quote is scanned as itself
  CrateScan quote = scan_crate(context, fixture_rules(), "/proj/vendor/quote");
  SCOPED_TRACE(describe(quote));
  EXPECT_EQ(quote.files, 3u);
  for (const auto& f : quote.findings) EXPECT_NE(f.category, "secret") << f.rule_id << " " << to_string(f.location);
  EXPECT_EQ(to_string(quote.verdict), std::string("clean"));
}

}  // namespace
}  // namespace cratescope::scan
