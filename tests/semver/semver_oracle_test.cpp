// Differential test: our semver module against the real `semver` crate.
// tests/semver/oracle is built once per process, offline, against Debian's
// crate directory; every case must parse (or fail) the same way, match the
// same way and print the same way.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "semver/semver_case_generator.hpp"
#include "semver/version.hpp"
#include "support/test_support.hpp"

namespace cratescope::semver {
namespace {

namespace fs = std::filesystem;
using cratescope::testing::CommandResult;
using cratescope::testing::read_text;
using cratescope::testing::find_cargo;
using cratescope::testing::run_command;
using cratescope::testing::shell_quote;
using cratescope::testing::source_dir;
using testing::Case;
using testing::CaseGenerator;

const fs::path debian_registry = "/usr/share/cargo/registry";

bool registry_has_semver_1() {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(debian_registry, error)) {
    if (entry.path().filename().string().rfind("semver-1.", 0) == 0) return true;
  }
  return false;
}

// A name no other test process uses (ctest -j runs them side by side).
fs::path unique_sibling(const fs::path& path) {
  return path.string() + "." + std::to_string(getpid()) + ".tmp";
}

// Writes `content` unless the file already holds it, so cargo's mtime-based
// fingerprints see no change and the second build is a no-op. The rename
// keeps a concurrent reader from seeing half a file.
void write_if_changed(const fs::path& path, const std::string& content) {
  std::error_code ignored;
  if (fs::exists(path, ignored) && read_text(path) == content) return;
  fs::create_directories(path.parent_path());
  const fs::path temporary = unique_sibling(path);
  std::ofstream(temporary, std::ios::binary) << content;
  fs::rename(temporary, path);
}

struct Oracle {
  fs::path binary;          // set when built
  std::string skip_reason;  // set when the tools are missing
  std::string failure;      // set when the build failed for another reason
};

Oracle build_oracle() {
  Oracle oracle;
  const std::string cargo = find_cargo();
  if (cargo.empty()) {
    oracle.skip_reason = "cargo not found (PATH, $HOME/.cargo/bin, /root/.cargo/bin)";
    return oracle;
  }
  if (run_command(shell_quote(cargo) + " --version", true).exit_code != 0) {
    oracle.skip_reason = "cargo at " + cargo + " does not run (no toolchain installed?)";
    return oracle;
  }
  if (!registry_has_semver_1()) {
    oracle.skip_reason = "the semver 1.x crate is not in " + debian_registry.string() +
                         " (run ../shared/scripts/install-crate-corpus.sh)";
    return oracle;
  }

  // A scratch copy inside the build directory, next to this test binary:
  // the source tree stays clean (no Cargo.lock, no target/).
  const fs::path work = fs::read_symlink("/proc/self/exe").parent_path() / "semver-oracle";
  const fs::path source = source_dir() / "tests/semver/oracle";
  write_if_changed(work / "Cargo.toml", read_text(source / "Cargo.toml"));
  write_if_changed(work / "src/main.rs", read_text(source / "src/main.rs"));
  write_if_changed(work / ".cargo/config.toml",
                   "[source.crates-io]\nreplace-with = \"debian\"\n\n"
                   "[source.debian]\ndirectory = \"" + debian_registry.string() + "\"\n\n"
                   "[net]\noffline = true\n");

  const std::string command = "cd " + shell_quote(work.string()) + " && " + shell_quote(cargo) +
                              " build --release --offline --quiet --target-dir " +
                              shell_quote((work / "target").string());
  CommandResult built = run_command(command, true);
  if (built.exit_code != 0) {
    oracle.failure = "building the oracle failed:\n" + command + "\n" + built.output;
    return oracle;
  }
  oracle.binary = work / "target/release/semver-oracle";
  return oracle;
}

const Oracle& oracle() {
  static const Oracle built = build_oracle();
  return built;
}

// Skips when the tools are missing; fails when they are there but the build breaks.
#define REQUIRE_ORACLE()                                                     \
  do {                                                                       \
    if (!oracle().skip_reason.empty()) GTEST_SKIP() << oracle().skip_reason; \
    ASSERT_TRUE(oracle().failure.empty()) << oracle().failure;               \
  } while (0)

// Our answer in the oracle's format (see oracle/src/main.rs).
std::string our_answer(const Case& c) {
  auto req = VersionReq::parse(c.req);
  if (!req) return "err-req|" + req.error();
  auto version = Version::parse(c.version);
  if (!version) return "err-ver|" + version.error();
  return std::string("ok|") + (req->matches(*version) ? "true" : "false") + "|" + req->to_string() + "|" +
         version->to_string();
}

std::vector<std::string> oracle_answers(const std::vector<Case>& cases) {
  const fs::path input = unique_sibling(oracle().binary.parent_path() / "cases.tsv");
  {
    std::ofstream out(input, std::ios::binary);
    for (const Case& c : cases) out << c.req << '\t' << c.version << '\n';
  }
  CommandResult run = run_command(shell_quote(oracle().binary.string()) + " < " + shell_quote(input.string()));
  fs::remove(input);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  std::vector<std::string> answers;
  std::istringstream lines(run.output);
  for (std::string line; std::getline(lines, line);) answers.push_back(line);
  return answers;
}

// Error texts differ by design (ours name the column); only the kind of
// result must agree for errors, and everything must agree for matches.
std::string comparable(const std::string& answer) {
  if (answer.rfind("err-", 0) == 0) return answer.substr(0, answer.find('|'));
  return answer;
}

struct Tally {
  size_t total = 0, matched = 0, matched_prerelease = 0, req_errors = 0, version_errors = 0;
  size_t prerelease_rule_rejections = 0;  // in range, refused only for being a pre-release
};

bool rejected_only_by_prerelease_rule(const Case& c) {
  auto req = VersionReq::parse(c.req);
  auto version = Version::parse(c.version);
  if (!req || !version || !version->is_prerelease()) return false;
  for (const Comparator& comparator : req->comparators) {
    if (!comparator.matches_ignoring_prerelease_rule(*version)) return false;
  }
  return true;
}

// Compares every case; returns what the oracle said, so each test can check
// that its cases still cover what they are meant to.
Tally expect_agreement(const std::vector<Case>& cases, const char* label) {
  Tally tally;
  const std::vector<std::string> expected = oracle_answers(cases);
  EXPECT_EQ(expected.size(), cases.size()) << "the oracle answered a different number of lines";
  if (expected.size() != cases.size()) return tally;
  size_t disagreements = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string ours = our_answer(cases[i]);
    ++tally.total;
    if (expected[i].rfind("ok|true", 0) == 0) {
      ++tally.matched;
      if (Version::parse(cases[i].version)->is_prerelease()) ++tally.matched_prerelease;
    }
    if (expected[i].rfind("ok|false", 0) == 0 && rejected_only_by_prerelease_rule(cases[i])) {
      ++tally.prerelease_rule_rejections;
    }
    if (expected[i].rfind("err-req", 0) == 0) ++tally.req_errors;
    if (expected[i].rfind("err-ver", 0) == 0) ++tally.version_errors;
    if (comparable(ours) != comparable(expected[i]) && ++disagreements <= 25) {
      ADD_FAILURE() << "req \"" << cases[i].req << "\", version \"" << cases[i].version << "\"\n  crate: "
                    << expected[i] << "\n  ours:  " << ours;
    }
  }
  EXPECT_EQ(disagreements, 0u) << "disagreements in " << label;
  std::cout << "[ oracle   ] " << label << ": " << tally.total << " cases, " << tally.matched << " match ("
            << tally.matched_prerelease << " pre-releases), " << tally.prerelease_rule_rejections
            << " refused by the pre-release rule, " << tally.req_errors << " bad requirements, "
            << tally.version_errors << " bad versions\n";
  return tally;
}

TEST(SemverOracle, AgreesOnGeneratedRequirementsAndVersions) {
  REQUIRE_ORACLE();
  CaseGenerator generator(20240611);
  std::vector<Case> cases;
  for (int i = 0; i < 800; ++i) {
    for (Case& c : generator.requirement_with_versions(8)) cases.push_back(std::move(c));
  }
  const Tally tally = expect_agreement(cases, "generated requirements");
  // Guard against a generator drifting into testing nothing interesting.
  EXPECT_GT(tally.matched, tally.total / 10);
  EXPECT_GT(tally.matched_prerelease, 50u);
  EXPECT_GT(tally.prerelease_rule_rejections, 50u);
  EXPECT_LT(tally.matched, tally.total / 2);
}

TEST(SemverOracle, AgreesOnMutatedInputs) {
  REQUIRE_ORACLE();
  CaseGenerator generator(7);
  std::vector<Case> cases;
  for (int i = 0; i < 3000; ++i) cases.push_back(generator.mutated());
  const Tally tally = expect_agreement(cases, "mutated inputs");
  EXPECT_GT(tally.req_errors, tally.total / 10);
  EXPECT_GT(tally.version_errors, tally.total / 10);
  EXPECT_GT(tally.total - tally.req_errors - tally.version_errors, tally.total / 10);
}

TEST(SemverOracle, AgreesOnHandPickedEdgeCases) {
  REQUIRE_ORACLE();
  const std::vector<std::string> reqs = {
      "*", "x", "X", " * ", "*,", "*, 1", "1, *", "1 , x", "*.*", "x.y", "**", ">=*", "^*", "=x", "1.*", "1.x.x",
      "1.*.2", "1.x.3", "1.2.*", ">=1.*", "<1.*", "~1.*.*", "^0.*", "=1.2.*", "1.*-pre", "1.2.3-pre.*", "1.**",
      "", " ", ",", "1,", ",1", "1,,2", "1 2", ">= 1", "> =1", "=>1", "=<1", "!=1", "==1", "~>1", "~ 1", "^ 1",
      "1.", "1..2", "01", "1.02", "1.2.03", "1.2.3-", "1.2.3-01", "1.2.3-0", "1.2.3-a..b", "1.2.3-a.", "1.2.3+",
      "1.2.3+b", "1.2.3-a+b", "1.2.3+b-c.001", "1.2-pre", "1-pre", "1.2+b", "v1.2.3", "1.2.3 ,",
      "18446744073709551615", "18446744073709551616", "1.18446744073709551616", "0.0", "0", "^0.0.0", "~0",
      "<0.0.0-0", ">=0.0.0-0", "1.2.3 - 2.0.0", "1.2.3 || 2", "1.2.3, <2", "1.2.3,<2", "  1.2.3  ,  <2  ",
      "é", "1.é", "1.2.3-é"};
  const std::vector<std::string> versions = {
      "0.0.0", "1.0.0", "1.2.3", "1.2.3-pre", "1.2.3-0", "1.2.3-alpha.1", "2.0.0-0", "0.0.0-0", "1.2.2", "1.3.0",
      "18446744073709551615.18446744073709551615.18446744073709551615", "1.2.3+b", "1.2.3-99999999999999999999",
      "", "1", "1.2", "1.2.3.4", "01.2.3", "1.2.3-", "1.2.3+", "1.2.3-01", "1.2.3-a..b", " 1.2.3", "1.2.3 ",
      "v1.2.3", "1.2.3\t", "1.2.3-é", "18446744073709551616.0.0", "1.2.3-0a", "1.2.3+01.-"};
  std::vector<Case> cases;
  for (const auto& r : reqs) {
    for (const auto& v : versions) cases.push_back({r, v});
  }
  std::string many = ">=0.0.0";
  for (int i = 1; i < 32; ++i) many += ", >=0.0.0";
  cases.push_back({many, "1.0.0"});               // 32 comparators: the most allowed
  cases.push_back({many + ", >=0.0.0", "1.0.0"});  // 33: too many
  expect_agreement(cases, "hand-picked edge cases");
}

}  // namespace
}  // namespace cratescope::semver
