#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "capabilities/capability_diff.hpp"
#include "capabilities/capability_policy.hpp"
#include "capabilities/lockfile_diff.hpp"
#include "sources/crate_builder.hpp"
#include "sources/crate_checksum.hpp"
#include "sources/temp_directory.hpp"

namespace cratescope::capabilities {
namespace {

CapabilityFinding finding(Capability c, std::string evidence, std::string function, uint32_t line) {
  CapabilityFinding f;
  f.capability = c;
  f.evidence = std::move(evidence);
  f.function = std::move(function);
  f.location = {"src/lib.rs", {line, 1}};
  return f;
}

CrateCapabilities crate(std::string version, std::vector<CapabilityFinding> findings) {
  CrateCapabilities c;
  c.name = "demo";
  c.version = std::move(version);
  c.findings = std::move(findings);
  return c;
}

TEST(CapabilityDiff, MovedCodeIsNotAChangeButANewPowerIs) {
  auto before = crate("1.0.0", {finding(Capability::fs, "std::fs::read", "crate::load", 10)});
  auto after = crate("1.1.0", {finding(Capability::fs, "std::fs::read", "crate::load", 42),
                               finding(Capability::net, "reqwest::blocking::get", "crate::phone_home", 50)});
  CrateDiff d = diff_crates(&before, &after);
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].evidence, "reqwest::blocking::get");
  EXPECT_TRUE(d.removed.empty());
  EXPECT_EQ(d.new_capabilities, std::vector<Capability>{Capability::net});
  EXPECT_TRUE(d.adds_something());
}

TEST(CapabilityDiff, CountsRepeatedSitesAsAMultiset) {
  auto before = crate("1.0.0", {finding(Capability::fs, "std::fs::read", "crate::f", 1)});
  auto after = crate("1.0.1", {finding(Capability::fs, "std::fs::read", "crate::f", 1),
                               finding(Capability::fs, "std::fs::read", "crate::f", 2)});
  CrateDiff d = diff_crates(&before, &after);
  EXPECT_EQ(d.added.size(), 1u);
  EXPECT_TRUE(d.new_capabilities.empty());
}

TEST(CapabilityDiff, ForbidDroppedAndRemovedCrate) {
  auto before = crate("1.0.0", {});
  before.forbids_unsafe = true;
  auto after = crate("2.0.0", {});
  EXPECT_TRUE(diff_crates(&before, &after).forbid_dropped);
  auto removed = diff_crates(&before, nullptr);
  EXPECT_EQ(removed.new_version, "");
  EXPECT_FALSE(removed.adds_something());
}

TEST(CapabilityPolicy, ParsesAndFails) {
  EXPECT_FALSE(parse_capability_policy("NET,bogus"));
  auto policy = parse_capability_policy("net, new-capability");
  ASSERT_TRUE(policy);
  EXPECT_TRUE(policy->held.contains(Capability::net));
  PackageCapabilities p;
  p.name = "demo";
  p.version = "1.0.0";
  p.result = crate("1.0.0", {finding(Capability::net, "std::net::TcpStream::connect", "crate::f", 3)});
  EXPECT_EQ(policy_failures(*policy, std::vector<PackageCapabilities>{p}).size(), 1u);
  auto none = parse_capability_policy("none");
  ASSERT_TRUE(none);
  EXPECT_TRUE(policy_failures(*none, std::vector<PackageCapabilities>{p}).empty());
}

load::LockedPackage locked(std::string name, std::string version) {
  load::LockedPackage p;
  p.name = std::move(name);
  p.version = *semver::Version::parse(version);
  p.source = load::SourceId::parse("registry+https://github.com/rust-lang/crates.io-index");
  return p;
}

TEST(LockfileDiff, PairsBySemverSeries) {
  load::Lockfile old_lock, new_lock;
  old_lock.packages = {locked("a", "1.0.0"), locked("b", "0.2.1"), locked("b", "1.4.0"), locked("gone", "1.0.0"),
                       locked("same", "3.0.0")};
  new_lock.packages = {locked("a", "1.2.0"), locked("b", "0.2.5"), locked("b", "1.4.0"), locked("fresh", "0.1.0"),
                       locked("same", "3.0.0")};
  auto pairs = pair_changed_packages(old_lock, new_lock);
  std::vector<std::string> described;
  for (const auto& p : pairs)
    described.push_back((p.old_package ? p.old_package->name + "@" + p.old_package->version.to_string() : "-") + " => " +
                        (p.new_package ? p.new_package->name + "@" + p.new_package->version.to_string() : "-"));
  EXPECT_EQ(described, (std::vector<std::string>{"a@1.0.0 => a@1.2.0", "b@0.2.1 => b@0.2.5", "- => fresh@0.1.0",
                                                 "gone@1.0.0 => -"}));
}

TEST(LockfileDiff, OneVersionPinnedToAnotherChecksumIsAChange) {
  const std::string sum_a(64, 'a'), sum_b(64, 'b');
  load::Lockfile old_lock, new_lock;
  old_lock.packages = {locked("moved", "1.0.0"), locked("same", "2.0.0"), locked("debian", "3.0.0")};
  new_lock.packages = {locked("moved", "1.0.0"), locked("same", "2.0.0"), locked("debian", "3.0.0")};
  old_lock.packages[0].checksum = sum_a;
  new_lock.packages[0].checksum = sum_b;
  old_lock.packages[1].checksum = sum_a;
  new_lock.packages[1].checksum = std::string(64, 'A');  // the same sum in capitals
  old_lock.packages[2].checksum = "Could not get crate checksum";  // as Debian writes
  new_lock.packages[2].checksum = sum_b;
  auto pairs = pair_changed_packages(old_lock, new_lock);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_TRUE(pairs[0].checksum_changed);
  EXPECT_EQ(pairs[0].old_package->name, "moved");
  EXPECT_EQ(pairs[0].new_package->version, pairs[0].old_package->version);
  // Said by the new-capability policy, the strong signal.
  CrateDiff d;
  d.name = "moved";
  d.old_version = d.new_version = "1.0.0";
  d.checksum_changed = sum_a + " -> " + sum_b;
  EXPECT_TRUE(d.changed());
  EXPECT_TRUE(d.adds_something());
  auto policy = parse_capability_policy("new-capability");
  ASSERT_TRUE(policy);
  auto failures = policy_failures(*policy, std::vector<CrateDiff>{d});
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("another checksum"), std::string::npos) << failures[0];
}

TEST(LockfileDiff, ACachedCrateThatIsNotTheLockedOneIsNotCompared) {
  // Both versions as .crate files in a Cargo home; the old lockfile pins a
  // sum the old .crate does not have.
  auto home = sources::TempDirectory::create();
  ASSERT_TRUE(home);
  std::filesystem::path cache = home->path() / "registry/cache/index.crates.io-1949cf8c6b5b557f";
  std::filesystem::create_directories(cache);
  auto write_crate = [&](const std::string& top, const std::string& lib) {
    std::string bytes = cratescope::testing::build_crate(
        {{top + "/Cargo.toml", "[package]\nname = \"a\"\nversion = \"" + top.substr(2) + "\"\n"},
         {top + "/src/lib.rs", lib}});
    std::ofstream(cache / (top + ".crate"), std::ios::binary) << bytes;
    return bytes;
  };
  std::string old_bytes = write_crate("a-1.0.0", "pub fn f() {}\n");
  std::string new_bytes = write_crate("a-1.1.0", "pub fn f() { std::process::Command::new(\"sh\"); }\n");
  load::Lockfile old_lock, new_lock;
  old_lock.packages = {locked("a", "1.0.0")};
  new_lock.packages = {locked("a", "1.1.0")};
  new_lock.packages[0].checksum = sources::sha256_hex(new_bytes);
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  RuleMatcher rules;
  sources::SourceSearch search{home->path() / "project", home->path(), {}};
  old_lock.packages[0].checksum = sources::sha256_hex(old_bytes);
  auto matching = diff_lockfiles(context, old_lock, new_lock, search, {}, rules);
  ASSERT_EQ(matching.crates.size(), 1u);
  EXPECT_TRUE(matching.crates[0].unknown.empty()) << matching.crates[0].unknown;
  EXPECT_FALSE(matching.crates[0].new_capabilities.empty());  // EXEC: the update is compared
  old_lock.packages[0].checksum = sources::sha256_hex("another .crate");
  auto tampered = diff_lockfiles(context, old_lock, new_lock, search, {}, rules);
  ASSERT_EQ(tampered.crates.size(), 1u);
  EXPECT_NE(tampered.crates[0].unknown.find("not the .crate the lockfile names"), std::string::npos)
      << tampered.crates[0].unknown;
  EXPECT_TRUE(tampered.crates[0].new_capabilities.empty());  // no guess
}

}  // namespace
}  // namespace cratescope::capabilities
