// `cratescope capabilities` end to end: the real binary on fixture crates,
// a real project resolved against Debian's crate corpus, and --diff.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/audit_cli_support.hpp"
#include "support/test_support.hpp"

namespace cratescope::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path diff_fixture(const std::string& name) { return fixtures_dir() / "capability-diff" / name; }

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

json run_json(const std::string& arguments, int expected_exit = 0) {
  auto result = run_command(quoted(cratescope_binary()) + " " + arguments + " -f json 2>/dev/null");
  EXPECT_EQ(result.exit_code, expected_exit) << arguments;
  return json::parse(result.output, nullptr, false);
}

bool corpus_installed() { return fs::exists("/usr/share/cargo/registry/mio-0.8.4/Cargo.toml"); }

std::set<std::string> capabilities_of(const json& package) {
  std::set<std::string> out;
  for (auto& [name, count] : package["capabilities"].items()) out.insert(name);
  return out;
}

TEST(CapabilitiesCli, OneCrateDirectory) {
  json report = run_json("capabilities --crate " + quoted(diff_fixture("demo-1.1.0")));
  ASSERT_FALSE(report.is_discarded());
  ASSERT_EQ(report["packages"].size(), 1u);
  const json& p = report["packages"][0];
  EXPECT_EQ(p["name"], "demo");
  EXPECT_EQ(p["version"], "1.1.0");
  EXPECT_EQ(capabilities_of(p), (std::set<std::string>{"ENV", "FS", "NET", "UNSAFE_PTR"}));
  EXPECT_EQ(p["unsafe"]["blocks"], 1);
  EXPECT_FALSE(p["forbids_unsafe"].get<bool>());
  bool found_net = false;
  for (const auto& f : p["findings"]) {
    if (f["capability"] != "NET") continue;
    found_net = true;
    EXPECT_EQ(f["evidence"], "std::net::TcpStream::connect");
    EXPECT_EQ(f["written"], "TcpStream::connect");
    EXPECT_EQ(f["location"]["file"], "src/lib.rs");
    EXPECT_EQ(f["location"]["line"], 8);
    EXPECT_EQ(f["function"], "crate::telemetry");
    EXPECT_TRUE(f["used"].is_null());  // needs the call graph: unknown, not false
  }
  EXPECT_TRUE(found_net);
}

TEST(CapabilitiesCli, ForbidUnsafeIsShownAndTextHasTheTable) {
  auto result = run_cratescope("capabilities --color never " + quoted(diff_fixture("demo-1.0.0")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("🔒 demo 1.0.0  FS"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("src/lib.rs:6:5  std::fs::read_to_string"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("\x1b["), std::string::npos);  // no colour in a pipe
}

TEST(CapabilitiesCli, UnsafeIsAnAlias) {
  auto result = run_cratescope("unsafe --color never " + quoted(diff_fixture("demo-1.1.0")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("☢ demo 1.1.0"), std::string::npos) << result.output;
}

TEST(CapabilitiesCli, FailOn) {
  std::string crate = quoted(diff_fixture("demo-1.1.0"));
  EXPECT_EQ(run_cratescope("capabilities " + crate + " --fail-on NET").exit_code, 1);
  EXPECT_EQ(run_cratescope("capabilities " + crate + " --fail-on EXEC").exit_code, 0);
  EXPECT_EQ(run_cratescope("capabilities " + crate + " --fail-on unsafe").exit_code, 1);
  auto bad = run_cratescope("capabilities " + crate + " --fail-on sockets");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("unknown value `sockets`"), std::string::npos) << bad.output;
  EXPECT_EQ(run_cratescope("capabilities /nonexistent/dir").exit_code, 2);
  auto empty = run_cratescope("capabilities --crate " + quoted(fixtures_dir() / "advisories"));
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.output.find("no crate here"), std::string::npos) << empty.output;
}

TEST(CapabilitiesCli, SarifIsValid) {
  fs::path out = fs::path(::testing::TempDir()) / "capabilities.sarif";
  auto result = run_cratescope("capabilities -f sarif -o " + quoted(out) + " " + quoted(diff_fixture("demo-1.1.0")));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto valid = validate_sarif(out);
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
  json sarif = json::parse(read_text(out));
  std::set<std::string> rules;
  for (const auto& r : sarif["runs"][0]["results"]) rules.insert(r["ruleId"]);
  EXPECT_TRUE(rules.contains("capability/NET"));
  EXPECT_TRUE(rules.contains("unsafe/block-without-safety-comment"));
}

TEST(CapabilitiesCli, CrateFileIsReadSafely) {
  fs::path dir = fs::path(::testing::TempDir()) / "crate-file-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // cargo's layout: demo-1.1.0/... inside demo-1.1.0.crate
  auto tar = run_command("tar -czf " + quoted(dir / "demo-1.1.0.crate") + " -C " + quoted(diff_fixture("")) + " demo-1.1.0");
  ASSERT_EQ(tar.exit_code, 0);
  json report = run_json("capabilities " + quoted(dir / "demo-1.1.0.crate"));
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["packages"][0]["source"], "crate-file");
  EXPECT_EQ(capabilities_of(report["packages"][0]), (std::set<std::string>{"ENV", "FS", "NET", "UNSAFE_PTR"}));
  std::ofstream(dir / "broken-0.1.0.crate") << "not a gzip file";
  EXPECT_EQ(run_cratescope("capabilities " + quoted(dir / "broken-0.1.0.crate")).exit_code, 2);
}

TEST(CapabilitiesCli, DiffOfTwoCrateVersions) {
  std::string args = "capabilities --diff " + quoted(diff_fixture("demo-1.0.0")) + " " + quoted(diff_fixture("demo-1.1.0"));
  json report = run_json(args);
  ASSERT_FALSE(report.is_discarded());
  ASSERT_EQ(report["crates"].size(), 1u);
  const json& d = report["crates"][0];
  EXPECT_EQ(d["new_capabilities"], json({"NET", "ENV", "UNSAFE_PTR"}));
  EXPECT_TRUE(d["forbid_unsafe_dropped"].get<bool>());
  EXPECT_EQ(d["added"].size(), 3u);  // NET, ENV, the deref; the moved fs read is not a change
  EXPECT_EQ(d["removed"].size(), 0u);
  EXPECT_EQ(d["added_unsafe"].size(), 1u);
  auto text = run_cratescope(args + " --color never");
  EXPECT_NE(text.output.find("NEW CAPABILITY: NET ENV UNSAFE_PTR"), std::string::npos) << text.output;
  EXPECT_EQ(run_cratescope(args + " --fail-on new-capability").exit_code, 1);
  // The other way round the update only removes: nothing new.
  std::string back = "capabilities --diff " + quoted(diff_fixture("demo-1.1.0")) + " " + quoted(diff_fixture("demo-1.0.0"));
  EXPECT_EQ(run_cratescope(back + " --fail-on new-capability").exit_code, 0);
}

TEST(CapabilitiesCli, DiffOfTwoLockfiles) {
  if (!corpus_installed()) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  json report = run_json("capabilities --diff " + quoted(diff_fixture("lockfiles/old.lock")) + " " +
                         quoted(diff_fixture("lockfiles/new.lock")));
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["summary"]["unchanged"], 1);  // scopeguard
  std::map<std::string, json> by_name;
  for (const auto& c : report["crates"]) by_name[c["name"]] = c;
  ASSERT_EQ(by_name.size(), 4u);
  EXPECT_EQ(by_name["mio"]["old_version"], "0.6.23");
  EXPECT_EQ(by_name["mio"]["new_version"], "0.8.4");
  EXPECT_EQ(by_name["mio"]["status"], "compared");
  EXPECT_TRUE(by_name["arrayvec"]["old_version"].is_null());
  EXPECT_EQ(by_name["arrayvec"]["status"], "compared");
  EXPECT_EQ(by_name["not-in-any-registry"]["status"], "unknown");
  EXPECT_TRUE(by_name["not-in-any-registry"]["added"].empty());  // no guess without the source
  EXPECT_FALSE(by_name["arrayvec"]["added_unsafe"].empty());      // all of a new dependency is added
}

// What an update adds that is no site in the code (a dropped
// #![forbid(unsafe_code)], a version pinned to another sha256) is a SARIF
// result too, located where a viewer can show it.
TEST(CapabilitiesCli, DiffSarifLocatesWhatIsNoSite) {
  fs::path dir = fs::path(::testing::TempDir()) / "diff-sarif-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto results_of = [](const fs::path& file) {
    std::map<std::string, json> out;
    json log = json::parse(read_text(file));
    for (const auto& r : log["runs"][0]["results"]) out[r["ruleId"]] = r;
    return out;
  };
  auto crates = run_cratescope("capabilities -f sarif -o " + quoted(dir / "crates.sarif") + " --diff " +
                               quoted(diff_fixture("demo-1.0.0")) + " " + quoted(diff_fixture("demo-1.1.0")));
  ASSERT_EQ(crates.exit_code, 0) << crates.output;
  EXPECT_EQ(validate_sarif(dir / "crates.sarif").exit_code, 0) << validate_sarif(dir / "crates.sarif").output;
  auto dropped = results_of(dir / "crates.sarif");
  ASSERT_TRUE(dropped.contains("unsafe/forbid-dropped"));
  const json& at = dropped["unsafe/forbid-dropped"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  EXPECT_TRUE(at.get<std::string>().ends_with("/demo-1.1.0/src/lib.rs")) << at;

  const std::string head = "version = 3\n\n[[package]]\nname = \"scopeguard\"\nversion = \"1.1.0\"\n"
                           "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
  std::ofstream(dir / "old.lock") << head << "checksum = \"" << std::string(64, 'a') << "\"\n";
  std::ofstream(dir / "new.lock") << head << "checksum = \"" << std::string(64, 'b') << "\"\n";
  auto locks = run_cratescope("capabilities -f sarif -o " + quoted(dir / "locks.sarif") + " --diff " +
                              quoted(dir / "old.lock") + " " + quoted(dir / "new.lock"));
  ASSERT_EQ(locks.exit_code, 0) << locks.output;
  EXPECT_EQ(validate_sarif(dir / "locks.sarif").exit_code, 0) << validate_sarif(dir / "locks.sarif").output;
  auto repinned = results_of(dir / "locks.sarif");
  ASSERT_TRUE(repinned.contains("supply-chain/checksum-changed")) << read_text(dir / "locks.sarif");
  const json& result = repinned["supply-chain/checksum-changed"];
  EXPECT_EQ(result["level"], "error");
  EXPECT_TRUE(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().ends_with(
      "/diff-sarif-test/new.lock"));
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 4);  // name = "scopeguard"
  EXPECT_NE(result["message"]["text"].get<std::string>().find(std::string(64, 'a') + " -> " + std::string(64, 'b')),
            std::string::npos);
}

// --target and the feature options count what that build compiles; without
// them every platform's and feature's code counts.
TEST(CapabilitiesCli, TargetAndFeaturesCountTheBuild) {
  std::string project = quoted(fixtures_dir() / "capability-build");
  auto packages_of = [](const json& report) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& p : report["packages"]) out[p["name"]] = capabilities_of(p);
    return out;
  };
  using Packages = std::map<std::string, std::set<std::string>>;
  json everything = run_json("capabilities " + project);
  EXPECT_EQ(packages_of(everything),
            (Packages{{"app", {"FS", "NET", "EXEC", "ENV"}}, {"winonly", {"EXEC"}}}));
  EXPECT_TRUE(everything["build"].is_null());

  json linux = run_json("capabilities " + project + " --target x86_64-unknown-linux-gnu");
  EXPECT_EQ(packages_of(linux), (Packages{{"app", {"FS", "ENV"}}}));
  EXPECT_EQ(linux["build"]["counted"], "x86_64-unknown-linux-gnu, default features");
  EXPECT_EQ(linux["build"]["packages_not_built"], 1);

  json windows = run_json("capabilities " + project + " --target x86_64-pc-windows-msvc");
  EXPECT_EQ(packages_of(windows), (Packages{{"app", {"EXEC", "ENV"}}, {"winonly", {"EXEC"}}}));

  json with_net = run_json("capabilities " + project + " --target x86_64-unknown-linux-gnu --features net");
  EXPECT_EQ(packages_of(with_net), (Packages{{"app", {"FS", "NET", "ENV"}}}));

  auto text = run_cratescope("capabilities --color never " + project + " --target x86_64-unknown-linux-gnu");
  EXPECT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("Counted for the build x86_64-unknown-linux-gnu, default features"), std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("so is what it does not build: 1 locked package"), std::string::npos) << text.output;

  // One crate has no feature resolution: only the platform narrows it.
  json one = run_json("capabilities --crate " + project + " --target x86_64-pc-windows-msvc");
  EXPECT_EQ(packages_of(one), (Packages{{"app", {"NET", "EXEC", "ENV"}}}));
  EXPECT_EQ(one["build"]["counted"], "x86_64-pc-windows-msvc, features unknown");
  // A triple nothing is known of is said, for a crate as for a project.
  for (const std::string& mode : {std::string("--crate "), std::string()}) {
    auto odd = run_cratescope("capabilities " + mode + project + " --target bogus-thing");
    EXPECT_EQ(odd.exit_code, 0) << odd.output;
    EXPECT_NE(odd.output.find("warning: target `bogus-thing`"), std::string::npos) << mode << odd.output;
  }
}

TEST(CapabilitiesCli, RealProjectAgainstTheCorpus) {
  if (!corpus_installed()) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  json report = run_json("capabilities " + quoted(fixtures_dir() / "real/cli-tool"));
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["summary"]["packages"], 34);
  EXPECT_EQ(report["summary"]["unknown"], 0);
  std::map<std::string, json> by_name;
  for (const auto& p : report["packages"]) by_name[p["name"]] = p;
  EXPECT_TRUE(by_name["cli-tool"]["member"].get<bool>());
  EXPECT_TRUE(by_name["clap"]["forbids_unsafe"].get<bool>());
  EXPECT_GT(by_name["libc"]["unsafe"]["extern_items"].get<int>(), 1000);
  EXPECT_TRUE(capabilities_of(by_name["libc"]).contains("FFI"));
  // A build script that runs rustc is build-time execution.
  EXPECT_TRUE(capabilities_of(by_name["serde"]).contains("BUILD_TIME_EXEC"));
  // Paths of a dependency are relative to its own directory.
  EXPECT_EQ(by_name["libc"]["findings"][0]["location"]["file"].get<std::string>().find('/') == 0, false);
}

// --reachable: the call graph tells which sites the workspace can call. Real
// tar 0.4.38 from the corpus: `Archive::_unpack` creates directories; one
// project unpacks (main -> extract -> Archive::unpack), the other never does.
json tar_site(const json& report, const std::string& function, const std::string& evidence) {
  for (const auto& p : report["packages"])
    if (p["name"] == "tar")
      for (const auto& f : p["findings"])
        if (f["function"] == function && f["evidence"] == evidence) return f;
  return json();
}

TEST(CapabilitiesCli, ReachableTellsWhichSitesTheWorkspaceCalls) {
  if (!fs::exists("/usr/share/cargo/registry/tar-0.4.38/Cargo.toml"))
    GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  const fs::path fixtures = fixtures_dir() / "reachability";
  json called = run_json("capabilities " + quoted(fixtures / "tar-method-call") + " --no-cache --reachable -p tar");
  json site = tar_site(called, "crate::archive::Archive::_unpack", "std::fs::create_dir_all");
  ASSERT_FALSE(site.is_null()) << called.dump().substr(0, 2000);
  EXPECT_EQ(site["used"], true);
  EXPECT_EQ(site["reachability"]["verdict"], "reachable");
  const json& hops = site["reachability"]["path"]["hops"];
  ASSERT_GE(hops.size(), 3u);
  EXPECT_EQ(hops.front()["function"], "tar-method-call@0.1.0[bin main]::main");
  EXPECT_EQ(hops.back()["function"], "tar@0.4.38::archive::Archive::_unpack");
  // A site of the same crate the project never gets to.
  json builder = tar_site(called, "crate::builder::append_dir_all", "std::fs::read_dir");
  ASSERT_FALSE(builder.is_null());
  EXPECT_EQ(builder["used"], false);
  EXPECT_EQ(builder["reachability"]["verdict"], "not_reachable");

  json not_called = run_json("capabilities " + quoted(fixtures / "tar-not-called") + " --reachable -p tar");
  site = tar_site(not_called, "crate::archive::Archive::_unpack", "std::fs::create_dir_all");
  ASSERT_FALSE(site.is_null());
  EXPECT_EQ(site["used"], false);
  EXPECT_FALSE(site["reachability"]["reason"].get<std::string>().empty());

  // A dependency's build script runs whenever the package is built: its
  // sites are called from its own `main`, at build time.
  json libc = run_json("capabilities " + quoted(fixtures / "tar-not-called") + " --reachable -p libc");
  bool build_site = false;
  for (const auto& p : libc["packages"])
    for (const auto& f : p["findings"]) {
      if (f["target"] != "build-script" || f["function"] != "crate::main") continue;
      build_site = true;
      EXPECT_EQ(f["used"], true) << f.dump();
      EXPECT_EQ(f["reachability"]["path"]["context"], "build");
      EXPECT_EQ(f["reachability"]["path"]["hops"][0]["function"], "libc@0.2.139[build-script]::main");
    }
  EXPECT_TRUE(build_site);

  // Text: a note on each site, the path with -v, and the counts.
  auto text = run_cratescope("capabilities " + quoted(fixtures / "tar-method-call") +
                             " --color never --reachable -v -p tar");
  EXPECT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("std::fs::create_dir_all  in crate::archive::Archive::_unpack  [called]"),
            std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("-> tar@0.4.38::archive::Archive::_unpack  called at"), std::string::npos);
  EXPECT_NE(text.output.find("Capability sites the build can run: "), std::string::npos);
}

TEST(CapabilitiesCli, ReachableNeedsAProject) {
  auto result = run_cratescope("capabilities --reachable --crate " + quoted(diff_fixture("demo-1.1.0")));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("--reachable needs a project"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace cratescope::testing
