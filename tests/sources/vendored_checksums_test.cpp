#include "sources/vendored_checksums.hpp"

#include <gtest/gtest.h>

#include <map>

#include "sources/crate_checksum.hpp"

using namespace cratescope;
using namespace cratescope::sources;

namespace {

const std::string kDir = "/proj/vendor/tiny";
const std::string kPackageSum = sha256_hex("the .crate");

// A package as `cargo vendor` leaves it: every file listed with its sha256.
class VendoredPackage : public ::testing::Test {
 protected:
  void SetUp() override {
    contents_ = {{"Cargo.toml", "[package]\nname = \"tiny\"\nversion = \"1.0.0\"\n"},
                 {"src/lib.rs", "pub fn tiny() {}\n"},
                 {"src/inner/mod.rs", "pub fn inner() {}\n"}};
    for (const auto& [name, text] : contents_) files_.add_file(kDir + "/" + name, text);
    write_checksums(contents_, kPackageSum);
  }

  void write_checksums(const std::map<std::string, std::string>& listed, const std::string& package) {
    std::string json = "{\"files\":{";
    bool first = true;
    for (const auto& [name, text] : listed) {
      json += std::string(first ? "" : ",") + "\"" + name + "\":\"" + sha256_hex(text) + "\"";
      first = false;
    }
    json += "},\"package\":" + (package.empty() ? std::string("null") : "\"" + package + "\"") + "}";
    files_.add_file(kDir + "/.cargo-checksum.json", json);
  }

  VendorCheck check(const std::string& locked = kPackageSum, const VendorCheckLimits& limits = {}) {
    return check_vendored_package(files_, kDir, "tiny 1.0.0", locked, limits);
  }

  // The package as vendored but for `name`, which is gone (its checksum stays listed).
  void remove_file(const std::string& name) {
    MemoryFileSystem fewer;
    for (const auto& [listed, text] : contents_)
      if (listed != name) fewer.add_file(kDir + "/" + listed, text);
    fewer.add_file(kDir + "/.cargo-checksum.json", *files_.read_file(kDir + "/.cargo-checksum.json"));
    files_ = fewer;
  }

  // The one warning of a check that found no mismatch (a test failure otherwise).
  static std::string only_warning(const VendorCheck& result) {
    EXPECT_FALSE(result.mismatch) << *result.mismatch;
    EXPECT_EQ(result.warnings.size(), 1u);
    return result.warnings.empty() ? std::string() : result.warnings.front();
  }

  MemoryFileSystem files_;
  std::map<std::string, std::string> contents_;
};

}  // namespace

TEST_F(VendoredPackage, AsVendoredNothingToSay) {
  VendorCheck result = check();
  EXPECT_FALSE(result.mismatch) << *result.mismatch;
  EXPECT_TRUE(result.warnings.empty()) << result.warnings.front();
  // Cargo.lock's sum in capitals is the same sum; a lock without a sha256
  // (Debian rewrites some) has nothing to compare.
  std::string upper = kPackageSum;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(check(upper).mismatch);
  EXPECT_FALSE(check("").mismatch);
  EXPECT_FALSE(check("Could not get crate checksum").mismatch);
}

TEST_F(VendoredPackage, AChangedFileIsAMismatchWithBothSums) {
  const std::string changed = "pub fn tiny() { std::process::Command::new(\"sh\"); }\n";
  files_.add_file(kDir + "/src/lib.rs", changed);
  VendorCheck result = check();
  ASSERT_TRUE(result.mismatch);
  EXPECT_EQ(*result.mismatch, kDir + ": not what was vendored for tiny 1.0.0: src/lib.rs has changed (listed " +
                                  sha256_hex(contents_["src/lib.rs"]) + ", now " + sha256_hex(changed) +
                                  "). Cargo refuses to build it, and it is not analysed");
}

TEST_F(VendoredPackage, ListedFileGoneAndOtherCrateAreMismatches) {
  remove_file("src/inner/mod.rs");
  VendorCheck result = check(sha256_hex("another .crate"));
  ASSERT_TRUE(result.mismatch);
  EXPECT_NE(result.mismatch->find("it was vendored from the .crate with sha256 " + kPackageSum +
                                  ", but Cargo.lock pins " + sha256_hex("another .crate")),
            std::string::npos)
      << *result.mismatch;
  EXPECT_NE(result.mismatch->find("src/inner/mod.rs is listed but gone"), std::string::npos) << *result.mismatch;
  // A git dependency is vendored with `"package": null`: only its files are checked.
  write_checksums({{"Cargo.toml", contents_["Cargo.toml"]}, {"src/lib.rs", contents_["src/lib.rs"]}}, "");
  EXPECT_FALSE(check(sha256_hex("another .crate")).mismatch);
}

TEST_F(VendoredPackage, AListedPathOutsideThePackageIsNeverRead) {
  files_.add_file("/proj/secret", "password");
  std::map<std::string, std::string> listed = contents_;
  listed["../../secret"] = "password";  // even with the right sum
  write_checksums(listed, kPackageSum);
  VendorCheck result = check();
  ASSERT_TRUE(result.mismatch);
  EXPECT_NE(result.mismatch->find("it lists '../../secret', a path outside the package"), std::string::npos)
      << *result.mismatch;
}

TEST_F(VendoredPackage, AListedFileReachedThroughALinkOutOfThePackageIsNotRead) {
  // `cargo vendor` copies what links point to; a link was made by hand, and
  // one out of the package could make us read (and hash) any file.
  remove_file("src/lib.rs");
  files_.add_file("/home/user/.ssh/id_rsa", contents_["src/lib.rs"]);  // even with the right sum
  files_.add_symlink(kDir + "/src/lib.rs", "../../../../home/user/.ssh/id_rsa");
  VendorCheck result = check();
  ASSERT_TRUE(result.mismatch);
  EXPECT_NE(result.mismatch->find("src/lib.rs is reached through a symbolic link out of the package (to "
                                  "../../../../home/user/.ssh/id_rsa), which is not read"),
            std::string::npos)
      << *result.mismatch;
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0], kDir + ": 1 symbolic link (`cargo vendor` copies files and makes none, so it was made "
                                       "by hand; links out of the package are not read): src/lib.rs -> "
                                       "../../../../home/user/.ssh/id_rsa (out of the package)");
}

TEST_F(VendoredPackage, LinksInsideThePackageAreFollowedAndSaid) {
  files_.add_symlink(kDir + "/src/alias.rs", "lib.rs");
  std::map<std::string, std::string> listed = contents_;
  listed["src/alias.rs"] = contents_["src/lib.rs"];
  write_checksums(listed, kPackageSum);
  EXPECT_EQ(only_warning(check()), kDir + ": 1 symbolic link (`cargo vendor` copies files and makes none, so it was "
                                          "made by hand; links out of the package are not read): src/alias.rs -> lib.rs");
  // A linked directory is not walked into: what it holds is not the package's.
  files_.add_file("/elsewhere/x.rs", "\n");
  files_.add_symlink(kDir + "/src/more", "/elsewhere");
  VendorCheck result = check();
  EXPECT_FALSE(result.mismatch);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("2 symbolic links"), std::string::npos);
  EXPECT_NE(result.warnings[0].find("src/more -> /elsewhere (out of the package)"), std::string::npos);
}

TEST_F(VendoredPackage, UnlistedFilesAreWarnedAbout) {
  files_.add_file(kDir + "/build.rs", "fn main() { std::process::Command::new(\"curl\"); }\n");
  files_.add_file(kDir + "/src/extra.rs", "\n");
  EXPECT_EQ(only_warning(check()), kDir + "/.cargo-checksum.json: 2 files are not listed in .cargo-checksum.json, so "
                                       "Cargo never checks them (added after vendoring?): build.rs, src/extra.rs; "
                                       "Cargo runs an unlisted build.rs when Cargo.toml does not set `build`");
  VendorCheckLimits limits;
  limits.max_unlisted_shown = 1;
  EXPECT_NE(check(kPackageSum, limits).warnings.at(0).find(": build.rs and 1 more;"), std::string::npos);
  // `{"files":{}}`, the documented way to vendor by hand, lists nothing to compare with.
  files_.add_file(kDir + "/.cargo-checksum.json", "{\"files\":{}}");
  VendorCheck result = check();
  EXPECT_FALSE(result.mismatch);
  EXPECT_TRUE(result.warnings.empty());
}

TEST_F(VendoredPackage, WhatCannotBeCheckedIsSaidWithWhere) {
  files_.add_file(kDir + "/.cargo-checksum.json", "{\"files\":{\n  \"src/lib.rs\": 12,\n  \"a\" \"b\"}}");
  // At the last byte the parser read: the end of the string where `:` belongs.
  EXPECT_EQ(only_warning(check()), kDir + "/.cargo-checksum.json:3:9: not valid JSON (syntax error "
                                       "while parsing object separator - unexpected string literal; expected ':'), so the vendored files of "
                                       "tiny 1.0.0 are not checked");

  files_.add_file(kDir + "/.cargo-checksum.json", "{\"files\":{\"src/lib.rs\":12,\"Cargo.toml\":\"" +
                                                     sha256_hex(contents_["Cargo.toml"]) + "\"}}");
  // (then src/inner/mod.rs, which it does not list)
  EXPECT_EQ(check().warnings.at(0), kDir + "/.cargo-checksum.json: the sum listed for src/lib.rs is not a sha256, so it "
                                       "is not checked");

  // nlohmann throws out_of_range, not parse_error, for this (found by sources_vendored_fuzz).
  files_.add_file(kDir + "/.cargo-checksum.json", "{\"files\":{},\"package\":1e999}");
  EXPECT_EQ(check().warnings.at(0).rfind(kDir + "/.cargo-checksum.json: not readable JSON (", 0), 0u)
      << check().warnings.at(0);

  files_.add_file(kDir + "/.cargo-checksum.json", "[1, 2]");
  EXPECT_EQ(check().warnings.at(0),
            kDir + "/.cargo-checksum.json: no \"files\" object, so the vendored files of tiny 1.0.0 are not checked");

  MemoryFileSystem without;
  without.add_file(kDir + "/Cargo.toml", contents_["Cargo.toml"]);
  EXPECT_EQ(only_warning(check_vendored_package(without, kDir, "tiny 1.0.0", kPackageSum)), kDir + "/.cargo-checksum.json: missing, so the vendored files of tiny 1.0.0 "
                                          "cannot be checked (Cargo refuses to build from a vendor directory "
                                          "without it)");
}

TEST_F(VendoredPackage, AListedFileTooLargeToHashIsNotChecked) {
  VendorCheckLimits limits;
  limits.max_file_bytes = 20;  // Cargo.toml is longer
  std::string warning = only_warning(check(kPackageSum, limits));
  EXPECT_NE(warning.find("Cargo.toml"), std::string::npos) << warning;
  EXPECT_NE(warning.find(": not checked against .cargo-checksum.json"), std::string::npos) << warning;
}
