#include "sources/project_sources.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "load/workspace.hpp"
#include "sources/crate_builder.hpp"
#include "sources/crate_checksum.hpp"
#include "sources/git_checkout.hpp"
#include "support/test_support.hpp"

using namespace cratescope;
using namespace cratescope::sources;

namespace {

std::string manifest(const std::string& name, const std::string& version) {
  return "[package]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n";
}

load::GraphPackage package(const std::string& name, const std::string& version, const std::string& source = {},
                           const std::string& manifest_path = {}) {
  load::GraphPackage p;
  p.name = name;
  p.version = *semver::Version::parse(version);
  if (!source.empty()) p.source = load::SourceId::parse(source);
  p.manifest_path = manifest_path;
  return p;
}

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kCommit = "abc1234def5678abc1234def5678abc1234def56";

// A project at /proj with one package of every kind of source, in memory.
class ProjectSourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    files_.add_file("/proj/Cargo.toml", manifest("app", "0.1.0"));
    files_.add_file("/proj/vendor/vend/Cargo.toml", manifest("vend", "1.0.0"));
    files_.add_file("/home/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/reg-2.0.0/Cargo.toml", manifest("reg", "2.0.0"));
    files_.add_file("/home/.cargo/registry/cache/index.crates.io-1949cf8c6b5b557f/packed-3.0.0.crate",
                    cratescope::testing::build_crate({{"packed-3.0.0/Cargo.toml", manifest("packed", "3.0.0")},
                                          {"packed-3.0.0/src/lib.rs", "pub fn packed() {}\n"},
                                          {"packed-3.0.0/link", "", AE_IFLNK, "/etc"}}));
    files_.add_file("/usr/share/cargo/registry/deb-4.0.0/Cargo.toml", manifest("deb", "4.0.0"));
    // Build metadata is dropped from Debian's directory names.
    files_.add_file("/usr/share/cargo/registry/sys-0.14.1/Cargo.toml", manifest("sys", "0.14.1+1.5.0"));
    files_.add_file("/home/.cargo/git/checkouts/tools-0123456789abcdef/abc1234/Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n");
    files_.add_file("/home/.cargo/git/checkouts/tools-0123456789abcdef/abc1234/crates/gitdep/Cargo.toml",
                    manifest("gitdep", "0.5.0"));
    files_.add_file("/home/.cargo/git/checkouts/tools-0123456789abcdef/fff0000/crates/gitdep/Cargo.toml",
                    manifest("gitdep", "0.4.0"));
    files_.add_file("/proj/libs/local/Cargo.toml", manifest("local", "0.2.0"));

    graph_.root = "/proj";
    graph_.packages = {
        package("app", "0.1.0", {}, "/proj/Cargo.toml"),
        package("vend", "1.0.0", kCratesIo),
        package("reg", "2.0.0", kCratesIo),
        package("packed", "3.0.0", "sparse+https://index.crates.io/"),
        package("deb", "4.0.0", kCratesIo),
        package("sys", "0.14.1+1.5.0", kCratesIo),
        package("gitdep", "0.5.0", "git+https://github.com/Org/Tools.git?branch=main#" + kCommit),
        package("local", "0.2.0", {}, "/proj/libs/local/Cargo.toml"),
        package("absent", "9.9.9", kCratesIo),
        package("gitdep", "0.6.0", "git+https://github.com/org/tools#" + kCommit),
        package("othergit", "1.0.0", "git+https://example.com/other#1111111222222233333334444444555555566666"),
        package("nomanifest", "0.1.0"),
    };
    search_ = {"/proj", "/home/.cargo", {"/usr/share/cargo/registry"}};
  }
  MemoryFileSystem files_;
  load::ProjectGraph graph_;
  SourceSearch search_;
};

}  // namespace

TEST_F(ProjectSourcesTest, FindsEveryKindOfSourceAndListsTheMissingOnes) {
  auto sources = ProjectSources::locate(graph_, files_, search_);
  ASSERT_EQ(sources.packages().size(), graph_.packages.size());
  auto origin = [&](size_t i) { return std::string(to_string(sources.at(i).origin)); };
  EXPECT_EQ(origin(0), "path");
  EXPECT_EQ(sources.at(0).dir, "/proj");
  EXPECT_EQ(origin(1), "vendor");
  EXPECT_EQ(sources.at(1).dir, "/proj/vendor/vend");
  EXPECT_EQ(origin(2), "registry-src");
  EXPECT_EQ(sources.at(2).dir, "/home/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/reg-2.0.0");
  EXPECT_EQ(origin(3), "crate-file");
  EXPECT_EQ(sources.at(3).crate_file, "/home/.cargo/registry/cache/index.crates.io-1949cf8c6b5b557f/packed-3.0.0.crate");
  EXPECT_TRUE(sources.at(3).dir.empty());
  EXPECT_EQ(origin(4), "directory-registry");
  EXPECT_EQ(sources.at(4).dir, "/usr/share/cargo/registry/deb-4.0.0");
  EXPECT_EQ(origin(5), "directory-registry");
  EXPECT_EQ(sources.at(5).dir, "/usr/share/cargo/registry/sys-0.14.1");
  EXPECT_EQ(origin(6), "git-checkout");
  EXPECT_EQ(sources.at(6).dir, "/home/.cargo/git/checkouts/tools-0123456789abcdef/abc1234/crates/gitdep");
  EXPECT_EQ(origin(7), "path");
  EXPECT_EQ(sources.at(7).dir, "/proj/libs/local");

  EXPECT_EQ(sources.missing(), (std::vector<size_t>{8, 9, 10, 11}));
  EXPECT_EQ(sources.at(8).reason,
            "not found in /proj/vendor, /home/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f, "
            "/home/.cargo/registry/cache/index.crates.io-1949cf8c6b5b557f, /usr/share/cargo/registry");
  EXPECT_EQ(sources.at(9).reason,
            "the checkout of https://github.com/org/tools at abc1234 has no package gitdep 0.6.0");
  EXPECT_EQ(sources.at(10).reason,
            "no checkout of https://example.com/other at 1111111 in /home/.cargo/git/checkouts");
  EXPECT_EQ(sources.at(11).reason, "a path package whose manifest is unknown");
  EXPECT_EQ(sources.count(SourceOrigin::directory_registry), 2u);
  EXPECT_EQ(sources.count(SourceOrigin::missing), 4u);
}

TEST_F(ProjectSourcesTest, ExtractsCrateFilesOnDemandOnce) {
  auto sources = ProjectSources::locate(graph_, files_, search_);
  auto root = sources.extract(3);
  ASSERT_TRUE(root) << root.error();
  EXPECT_EQ(root->filename(), "packed-3.0.0");
  EXPECT_TRUE(std::filesystem::is_regular_file(*root / "src/lib.rs"));
  EXPECT_EQ(sources.at(3).dir, *root);
  ASSERT_EQ(sources.at(3).warnings.size(), 1u);
  EXPECT_EQ(sources.at(3).warnings[0], sources.at(3).crate_file.string() + ": skipped 'packed-3.0.0/link': symbolic link (to '/etc')");
  auto again = sources.extract(3);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *root);
  // Said as a diagnostic on the .crate (commands call this after extracting).
  Diagnostics diagnostics;
  sources.report_warnings(3, diagnostics);
  ASSERT_EQ(diagnostics.warning_count(), 1u);
  EXPECT_EQ(diagnostics.all().front().location.file, sources.at(3).crate_file.string());
  EXPECT_EQ(diagnostics.all().front().message, "skipped 'packed-3.0.0/link': symbolic link (to '/etc')");
  // Other packages: their directory as found; missing ones: the reason.
  EXPECT_EQ(*sources.extract(1), "/proj/vendor/vend");
  EXPECT_EQ(sources.extract(11).error(), "a path package whose manifest is unknown");
}

TEST_F(ProjectSourcesTest, ACrateFileMustBeTheOneCargoLockPins) {
  const std::string crate_file = "/home/.cargo/registry/cache/index.crates.io-1949cf8c6b5b557f/packed-3.0.0.crate";
  std::string bytes = *files_.read_file(crate_file);
  // The sum Cargo.lock would hold for these bytes (sha256, as `sha256sum` prints it).
  std::string sum = sha256_hex(bytes);
  ASSERT_TRUE(is_sha256_hex(sum));
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2's example
  for (std::string locked : {sum, [&] {
                               std::string upper = sum;  // written in capitals: the same sum
                               for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                               return upper;
                             }(),
                             std::string("debian-rewrote-this"), std::string()}) {
    graph_.packages[3].checksum = locked;
    auto sources = ProjectSources::locate(graph_, files_, search_);
    EXPECT_TRUE(sources.extract(3)) << locked;  // matches, or nothing that can be checked
  }
  std::string other = sum;
  other[0] = other[0] == '0' ? '1' : '0';
  graph_.packages[3].checksum = other;
  auto sources = ProjectSources::locate(graph_, files_, search_);
  auto root = sources.extract(3);
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error(), crate_file + ": sha256 " + sum + ", but Cargo.lock pins " + other +
                              " for packed 3.0.0: this is not the .crate the lockfile names (tampered with or "
                              "corrupt), so it is not analysed");
  EXPECT_TRUE(sources.at(3).dir.empty());
  EXPECT_EQ(sources.checksum_mismatch(3), root.error());  // as the scanner asks it
  EXPECT_FALSE(sources.checksum_mismatch(1));             // not a .crate
}

TEST_F(ProjectSourcesTest, AVendoredPackageMustBeWhatWasVendored) {
  // vendor/vend as `cargo vendor` leaves it (vendored_checksums_test.cpp has the cases).
  const std::string manifest_text = *files_.read_file("/proj/vendor/vend/Cargo.toml");
  files_.add_file("/proj/vendor/vend/.cargo-checksum.json",
                  "{\"files\":{\"Cargo.toml\":\"" + sha256_hex(manifest_text) + "\"},\"package\":null}");
  files_.add_file("/proj/vendor/vend/build.rs", "fn main() {}\n");  // added afterwards
  auto sources = ProjectSources::locate(graph_, files_, search_);
  ASSERT_EQ(sources.at(1).origin, SourceOrigin::vendor);
  EXPECT_EQ(*sources.extract(1), "/proj/vendor/vend");
  EXPECT_FALSE(sources.checksum_mismatch(1));
  Diagnostics diagnostics;
  sources.report_warnings(1, diagnostics);
  ASSERT_EQ(diagnostics.warning_count(), 1u);
  EXPECT_EQ(diagnostics.all().front().location.file, "/proj/vendor/vend/.cargo-checksum.json");
  EXPECT_EQ(diagnostics.all().front().message.rfind("1 file is not listed in .cargo-checksum.json", 0), 0u)
      << diagnostics.all().front().message;

  files_.add_file("/proj/vendor/vend/Cargo.toml", manifest_text + "build = \"build.rs\"\n");
  auto changed = ProjectSources::locate(graph_, files_, search_);
  auto refused = changed.extract(1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rfind("/proj/vendor/vend: not what was vendored for vend 1.0.0: Cargo.toml has changed", 0), 0u)
      << refused.error();
  EXPECT_FALSE(changed.extract(1));  // asked again: still refused
  EXPECT_EQ(changed.checksum_mismatch(1), refused.error());  // as the scanner asks it
  // Checked for every vendored package at once, in parallel, first: the same answer.
  auto all_at_once = ProjectSources::locate(graph_, files_, search_);
  all_at_once.check_vendored(2);
  auto again = all_at_once.extract(1);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), refused.error());
}

TEST_F(ProjectSourcesTest, CorruptCrateFileIsAnErrorOnExtraction) {
  files_.add_file("/home/.cargo/registry/cache/index.crates.io-1949cf8c6b5b557f/packed-3.0.0.crate", "not gzip");
  auto sources = ProjectSources::locate(graph_, files_, search_);
  auto root = sources.extract(3);
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().rfind(sources.at(3).crate_file.string() + ": corrupt or truncated archive: ", 0), 0u) << root.error();
}

TEST_F(ProjectSourcesTest, NoSearchRoots) {
  auto sources = ProjectSources::locate(graph_, files_, {"/elsewhere", {}, {}});
  EXPECT_EQ(sources.at(2).reason, "not found in any source directory (none exists)");
  EXPECT_EQ(sources.at(6).reason, "no Cargo home to look for git checkouts in");
  EXPECT_EQ(sources.at(0).origin, SourceOrigin::path);
}

TEST_F(ProjectSourcesTest, LocalAndDirectorySourcesFromTheLockfile) {
  files_.add_file("/mirror/loc-1.0.0.crate", "bytes");
  files_.add_file("/dirsrc/dirdep-2.0.0/Cargo.toml", manifest("dirdep", "2.0.0"));
  graph_.packages = {package("loc", "1.0.0", "local-registry+file:///mirror"),
                     package("dirdep", "2.0.0", "directory+file:///dirsrc"),
                     package("pathdep", "0.2.0", "path+file:///proj/libs/local")};
  auto sources = ProjectSources::locate(graph_, files_, search_);
  EXPECT_EQ(sources.at(0).origin, SourceOrigin::crate_file);
  EXPECT_EQ(sources.at(0).crate_file, "/mirror/loc-1.0.0.crate");
  EXPECT_EQ(sources.at(1).origin, SourceOrigin::directory_registry);
  EXPECT_EQ(sources.at(1).dir, "/dirsrc/dirdep-2.0.0");
  EXPECT_EQ(sources.at(2).origin, SourceOrigin::path);
  EXPECT_EQ(sources.at(2).dir, "/proj/libs/local");
}

TEST(GitRepositoryIdent, AsCargoNamesCheckoutDirectories) {
  EXPECT_EQ(git_repository_ident("https://github.com/Org/Tools.git"), "tools");
  EXPECT_EQ(git_repository_ident("https://github.com/org/tools/"), "tools");
  EXPECT_EQ(git_repository_ident("https://example.com/"), "example.com");
  EXPECT_EQ(git_repository_ident(""), "_empty");
}

// The `big` real fixture against Debian's crate corpus: cargo resolved it
// offline from that corpus, so every registry package should be there.
TEST(ProjectSourcesReal, BigFixtureInDebianRegistry) {
  const char* kRegistry = "/usr/share/cargo/registry";
  if (!std::filesystem::is_directory(kRegistry))
    GTEST_SKIP() << "Debian's crate corpus is not installed (../shared/scripts/install-crate-corpus.sh)";
  auto dir = cratescope::testing::fixtures_dir() / "real" / "big";
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers, 1};
  auto ws = load::load_workspace(dir, ctx);
  ASSERT_TRUE(ws);
  load::SourceLocator locator(files);
  locator.add_root(kRegistry);
  auto graph = load::build_graph_from_lockfile(*ws, locator, ctx);
  ASSERT_TRUE(graph);
  ASSERT_EQ(graph->packages.size(), 204u);
  auto sources = ProjectSources::locate(*graph, files, {dir, {}, {kRegistry}});
  EXPECT_EQ(sources.count(SourceOrigin::path), 1u);
  EXPECT_EQ(sources.count(SourceOrigin::directory_registry), 203u);
  for (size_t i : sources.missing()) ADD_FAILURE() << graph->packages[i].display() << ": " << sources.at(i).reason;
  EXPECT_EQ(sources.at(*graph->find("big", *semver::Version::parse("0.1.0"))).dir, dir);
}
