// A package against its repository: a real git repository made here, a
// "package" copied from it with one file changed and one added, as a
// compromised publish would leave it.
#include <gtest/gtest.h>

#include <fstream>

#include "core/context.hpp"
#include "scan/crate_scan.hpp"
#include "support/test_support.hpp"

namespace cratescope::scan {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

TEST(Provenance, PackageFilesAgainstTheCommitTheyName) {
  fs::path root = fs::path(::testing::TempDir()) / "provenance-test";
  fs::remove_all(root);
  fs::path repo = root / "repo", package = root / "package";
  write(repo / "crate" / "Cargo.toml", "[package]\nname = \"honest\"\nversion = \"1.0.0\"\nedition = \"2021\"\n");
  write(repo / "crate" / "src" / "lib.rs", "pub fn f() {}\n");
  write(repo / "crate" / "build.rs", "fn main() {}\n");
  write(repo / "crate" / "tests" / "it.rs", "#[test] fn t() {}\n");
  auto git = testing::run_command("cd '" + repo.string() + "' && git init -q && git add -A && "
                                  "git -c user.name=t -c user.email=t@t commit -q -m init && git rev-parse HEAD");
  ASSERT_EQ(git.exit_code, 0) << git.output;
  std::string commit = git.output.substr(0, 40);

  fs::copy(repo / "crate", package, fs::copy_options::recursive);
  fs::remove_all(package / "tests");  // excluded from the package, as `exclude` does
  fs::rename(package / "Cargo.toml", package / "Cargo.toml.orig");
  write(package / "Cargo.toml", "# normalized by cargo\n[package]\nname = \"honest\"\nversion = \"1.0.0\"\n");
  write(package / ".cargo_vcs_info.json", R"({"git":{"sha1":")" + commit + R"("},"path_in_vcs":"crate"})");
  write(package / "build.rs", "fn main() { /* added at packaging time */ }\n");
  write(package / "src" / "extra.rs", "pub fn g() {}\n");

  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  static const ScanRules rules(PopularCrates::parse("serde\n"), nullptr, testing::scan_cache_dir());
  ScanOptions options;
  options.repository = repo.string();
  CrateScan scan = scan_crate(context, rules, package.string(), options);
  std::map<std::string, std::string> found;
  for (const auto& f : scan.findings)
    if (f.kind == FindingKind::provenance) found[f.location.file] = f.rule_id + "/" + std::string(to_string(f.severity));
  EXPECT_EQ(found["build.rs"], "file-differs-from-repository/high");
  EXPECT_EQ(found["src/extra.rs"], "file-not-in-repository/medium");
  EXPECT_FALSE(found.contains("src/lib.rs"));
  EXPECT_FALSE(found.contains("Cargo.toml.orig"));  // compared with the repository's Cargo.toml: the same
  EXPECT_FALSE(found.contains("Cargo.toml"));       // rewritten by cargo, never compared
  EXPECT_EQ(scan.verdict, Verdict::suspicious);
  auto left_out = std::find_if(scan.findings.begin(), scan.findings.end(),
                               [](const ScanFinding& f) { return f.rule_id == "files-not-packaged"; });
  ASSERT_NE(left_out, scan.findings.end());
  EXPECT_NE(left_out->excerpt.find("tests/it.rs"), std::string::npos) << left_out->excerpt;
  EXPECT_FALSE(counts_for_verdict(*left_out));

  // A commit the repository does not have.
  write(package / ".cargo_vcs_info.json", R"({"git":{"sha1":"0123456789012345678901234567890123456789"}})");
  CrateScan unknown = scan_crate(context, rules, package.string(), options);
  EXPECT_TRUE(std::any_of(unknown.findings.begin(), unknown.findings.end(),
                          [](const ScanFinding& f) { return f.rule_id == "vcs-commit-not-found"; }));

  // Not a repository: an error of the run, not a finding.
  options.repository = (root / "nothing").string();
  CrateScan no_clone = scan_crate(context, rules, package.string(), options);
  EXPECT_FALSE(no_clone.errors.empty());
}

}  // namespace
}  // namespace cratescope::scan
