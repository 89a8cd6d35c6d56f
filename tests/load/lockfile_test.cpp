#include "load/lockfile.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "load_test_support.hpp"

namespace cratescope::load {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";

struct Parsed {
  std::optional<Lockfile> lockfile;
  Diagnostics diagnostics;
};

// Parses tests/fixtures/lockfiles/<name>, reporting paths as "<name>".
std::unique_ptr<Parsed> parse_fixture(const std::string& name) {
  auto parsed = std::make_unique<Parsed>();
  std::string text = testing::read_text(testing::fixtures_dir() / "lockfiles" / name);
  parsed->lockfile = parse_lockfile(text, name, parsed->diagnostics);
  return parsed;
}

std::unique_ptr<Parsed> parse_text(const std::string& text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->lockfile = parse_lockfile(text, "Cargo.lock", parsed->diagnostics);
  return parsed;
}

const LockedPackage& package(const Lockfile& lockfile, const std::string& name, const std::string& version) {
  for (const LockedPackage& p : lockfile.packages)
    if (p.name == name && p.version.to_string() == version) return p;
  throw std::runtime_error("no package " + name + " " + version);
}

std::string resolved_name(const Lockfile& lockfile, const LockedDependency& dependency) {
  int index = lockfile.resolve(dependency);
  if (index < 0) return "<none>";
  const LockedPackage& p = lockfile.packages[static_cast<size_t>(index)];
  return p.name + " " + p.version.to_string() + (p.source ? " (" + p.source->raw + ")" : "");
}

TEST(Lockfile, Version1ChecksumsComeFromMetadata) {
  auto parsed = parse_fixture("v1.lock");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  const Lockfile& lockfile = *parsed->lockfile;
  EXPECT_EQ(lockfile.version, 1);
  ASSERT_EQ(lockfile.packages.size(), 5u);
  EXPECT_TRUE(lockfile.metadata.empty());

  const LockedPackage& libc = package(lockfile, "libc", "0.2.66");
  EXPECT_EQ(libc.checksum, "d515b1f41455adea1313a4a2ac8a8a477634fbae63cc6100e3aebb207ce61558");
  ASSERT_TRUE(libc.source);
  EXPECT_EQ(libc.source->kind, SourceKind::registry);
  EXPECT_TRUE(libc.source->is_crates_io());
  EXPECT_EQ(libc.position, (TextPosition{11, 1}));
  EXPECT_EQ(libc.name_position, (TextPosition{12, 8}));

  const LockedPackage& app = lockfile.packages[0];
  EXPECT_EQ(app.name, "app");
  EXPECT_FALSE(app.source);
  EXPECT_EQ(app.checksum, "");
  ASSERT_EQ(app.dependencies.size(), 3u);
  EXPECT_EQ(app.dependencies[0].name, "libc");
  EXPECT_EQ(app.dependencies[0].version->to_string(), "0.2.66");
  EXPECT_EQ(app.dependencies[0].source->raw, kCratesIo);
  EXPECT_EQ(app.dependencies[0].position, (TextPosition{6, 2}));
  // A path package has no source, even in v1: resolved to the one without.
  EXPECT_EQ(resolved_name(lockfile, app.dependencies[1]), "util 0.1.0");
  EXPECT_EQ(resolved_name(lockfile, app.dependencies[2]), std::string("rand 0.7.2 (") + kCratesIo + ")");
}

TEST(Lockfile, Version1Replace) {
  auto parsed = parse_fixture("v1.lock");
  ASSERT_TRUE(parsed->lockfile);
  const LockedPackage& util = parsed->lockfile->packages[3];
  EXPECT_EQ(util.name, "util");
  EXPECT_FALSE(util.source);
  EXPECT_EQ(util.replace, "util 0.1.0 (git+https://github.com/example/util#0123456789abcdef0123456789abcdef01234567)");
  EXPECT_FALSE(parsed->lockfile->packages[4].replace);
}

TEST(Lockfile, Version2IsInferredWithoutMetadataChecksums) {
  auto parsed = parse_fixture("v2.lock");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  const Lockfile& lockfile = *parsed->lockfile;
  EXPECT_EQ(lockfile.version, 2);
  ASSERT_EQ(lockfile.packages.size(), 4u);
  EXPECT_EQ(package(lockfile, "cfg-if", "1.0.0").checksum,
            "baf1de4339761588bc0619e3cbc0120ee582ebb74b53b4efbf79117bd2da40fd");
  const LockedPackage& app = lockfile.packages[0];
  ASSERT_EQ(app.dependencies.size(), 3u);
  // Two versions of cfg-if: the entries carry the version, not the source.
  EXPECT_EQ(app.dependencies[0].version->to_string(), "0.1.10");
  EXPECT_FALSE(app.dependencies[0].source);
  EXPECT_EQ(resolved_name(lockfile, app.dependencies[0]), std::string("cfg-if 0.1.10 (") + kCratesIo + ")");
  EXPECT_EQ(resolved_name(lockfile, app.dependencies[1]), std::string("cfg-if 1.0.0 (") + kCratesIo + ")");
  EXPECT_FALSE(app.dependencies[2].version);
  EXPECT_EQ(resolved_name(lockfile, app.dependencies[2]), std::string("log 0.4.14 (") + kCratesIo + ")");
}

TEST(Lockfile, Version3WithGitAndPathPackages) {
  auto parsed = parse_fixture("v3.lock");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  const Lockfile& lockfile = *parsed->lockfile;
  EXPECT_EQ(lockfile.version, 3);
  const LockedPackage& tracing = package(lockfile, "tracing", "0.2.0");
  ASSERT_TRUE(tracing.source);
  EXPECT_EQ(tracing.source->kind, SourceKind::git);
  EXPECT_EQ(tracing.source->url, "https://github.com/tokio-rs/tracing");
  EXPECT_EQ(tracing.source->reference_kind, "branch");
  EXPECT_EQ(tracing.source->reference, "master");
  EXPECT_EQ(tracing.source->precise, "e603c2a254d157a25a7a1fbfd4da46ad7e05f555");
  EXPECT_FALSE(tracing.source->is_crates_io());
  EXPECT_EQ(tracing.checksum, "");  // git packages have none

  const LockedPackage& tool = package(lockfile, "tool", "0.3.0");
  ASSERT_EQ(tool.dependencies.size(), 3u);
  EXPECT_EQ(resolved_name(lockfile, tool.dependencies[2]), "tool-macros 0.3.0");
}

TEST(Lockfile, Version4SourcesOfEveryKind) {
  auto parsed = parse_fixture("v4.lock");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  const Lockfile& lockfile = *parsed->lockfile;
  EXPECT_EQ(lockfile.version, 4);

  const SourceId& anyhow = *package(lockfile, "anyhow", "1.0.86").source;
  EXPECT_EQ(anyhow.kind, SourceKind::sparse_registry);
  EXPECT_EQ(anyhow.url, "https://index.crates.io/");
  EXPECT_TRUE(anyhow.is_crates_io());

  const SourceId& internal = *package(lockfile, "internal-auth", "2.1.0-beta.3").source;
  EXPECT_EQ(internal.kind, SourceKind::sparse_registry);
  EXPECT_EQ(internal.url, "https://cargo.example.com/index/");
  EXPECT_FALSE(internal.is_crates_io());

  const SourceId& legacy = *package(lockfile, "legacy", "0.9.1").source;
  EXPECT_EQ(legacy.kind, SourceKind::registry);
  EXPECT_FALSE(legacy.is_crates_io());

  const SourceId& helper = *package(lockfile, "helper", "0.1.0").source;
  EXPECT_EQ(helper.reference_kind, "branch");
  EXPECT_EQ(helper.reference, "feature/new-api");  // percent-decoded
  EXPECT_EQ(helper.url, "https://github.com/example/helper");

  // Two git sources of the same name and version: entries name the source.
  const LockedPackage& service = package(lockfile, "service", "0.1.0");
  ASSERT_EQ(service.dependencies.size(), 6u);
  EXPECT_EQ(service.dependencies[3].source->reference_kind, "tag");
  EXPECT_EQ(service.dependencies[3].source->reference, "v0.13.0");
  EXPECT_EQ(lockfile.resolve(service.dependencies[3]), 5);
  EXPECT_EQ(service.dependencies[4].source->reference_kind, "rev");
  EXPECT_EQ(lockfile.resolve(service.dependencies[4]), 6);
  EXPECT_EQ(lockfile.resolve(service.dependencies[5]), 4);
}

TEST(Lockfile, NonHexChecksumsAreKeptVerbatim) {
  auto parsed = parse_fixture("debian.lock");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  EXPECT_EQ(parsed->lockfile->packages[0].checksum, "<none>");
  EXPECT_EQ(parsed->lockfile->packages[1].checksum, "debian-patched");
}

TEST(Lockfile, InvalidTomlIsReportedWhereTheParserStopped) {
  auto parsed = parse_fixture("bad_toml.lock");
  EXPECT_FALSE(parsed->lockfile);
  auto lines = testing::diagnostic_lines(parsed->diagnostics);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("bad_toml.lock:7:17: error: invalid TOML: Error while parsing array: encountered end-of-file"));
}

TEST(Lockfile, UnknownVersionIsAnError) {
  auto parsed = parse_fixture("unknown_version.lock");
  EXPECT_FALSE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre("unknown_version.lock:2:11: error: unknown lockfile version 5 (cratescope understands versions 1 to 4)"));
  auto diagnostics = parsed->diagnostics.all();
  EXPECT_EQ(diagnostics[0].source_line, "version = 5");
}

TEST(Lockfile, VersionMustBeAnInteger) {
  auto parsed = parse_fixture("version_string.lock");
  EXPECT_FALSE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre("version_string.lock:1:11: error: lockfile `version` must be an integer, found string"));
}

TEST(Lockfile, DuplicatePackagesMakeTheFileUnusable) {
  auto parsed = parse_fixture("duplicate.lock");
  EXPECT_FALSE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre(std::string("duplicate.lock:13:1: error: package `itoa 1.0.9 (") + kCratesIo +
                          ")` is listed twice (first at line 3)"));
}

TEST(Lockfile, NonUtf8IsReportedAtTheByte) {
  auto parsed = parse_fixture("non_utf8.lock");
  EXPECT_FALSE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre("non_utf8.lock:9:12: error: the file is not valid UTF-8 (byte 0xe9); TOML files must be UTF-8"));
}

TEST(Lockfile, BadEntriesAreReportedAndSkipped) {
  auto parsed = parse_fixture("bad_entries.lock");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre("bad_entries.lock:8:2: error: dependency entry of `good`: invalid version \"1.x\": "
                          "unexpected character 'x' while parsing minor version number at column 3",
                          "bad_entries.lock:9:2: error: a dependency entry of `good` must be a string, found integer",
                          "bad_entries.lock:10:2: error: malformed dependency entry `bad entry here (x)` of `good` "
                          "(expected \"name\", \"name version\" or \"name version (source)\")",
                          "bad_entries.lock:15:11: error: package `broken-version`: invalid version \"1.0\": "
                          "unexpected end of input while parsing patch version number at column 4",
                          "bad_entries.lock:17:1: error: package entry has no `name`",
                          "bad_entries.lock:21:8: error: package `name` must be a string, found integer",
                          "bad_entries.lock:24:1: error: package `no-version` has no `version`",
                          "bad_entries.lock:7:2: warning: dependency `missing` of `good` matches no single package of "
                          "the lockfile"));
  ASSERT_EQ(parsed->lockfile->packages.size(), 1u);
  EXPECT_EQ(parsed->lockfile->packages[0].dependencies.size(), 1u);
}

TEST(Lockfile, CaretLineIsTheOffendingLine) {
  auto parsed = parse_text("version = 3\n[[package]]\nname = \"x\"\nversion = \"one\"\n");
  auto all = parsed->diagnostics.all();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].location.position, (TextPosition{4, 11}));
  EXPECT_EQ(all[0].source_line, "version = \"one\"");
  EXPECT_THAT(format_diagnostic(all[0], false), HasSubstr("  version = \"one\"\n            ^\n"));
}

TEST(Lockfile, PositionsCountBytesAfterMultibyteCharacters) {
  auto parsed = parse_text("# é\n[[package]]\nname = \"é\"\nversion = \"1.0.0\"\ndependencies = [\"ü\", \"x y z w\"]\n");
  auto lines = testing::diagnostic_lines(parsed->diagnostics);
  ASSERT_EQ(lines.size(), 2u);
  // '"x y z w"' starts at byte 23 of line 5 (code point 22: "ü" is two bytes).
  EXPECT_THAT(lines[0], ::testing::StartsWith("Cargo.lock:5:23: error: malformed dependency entry"));
  EXPECT_THAT(lines[1], ::testing::StartsWith("Cargo.lock:5:17: warning: dependency `ü` of `é`"));
}

TEST(Lockfile, MetadataChecksumsInAVersion3FileAreIgnored) {
  auto parsed = parse_text(
      "version = 3\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+https://x/\"\n"
      "[metadata]\n\"checksum a 1.0.0 (registry+https://x/)\" = \"abc\"\nother = \"kept\"\n");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_EQ(parsed->lockfile->packages[0].checksum, "");
  EXPECT_EQ(parsed->lockfile->metadata.at("other"), "kept");
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre("Cargo.lock:1:11: warning: [metadata] checksums in a version 3 lockfile are ignored (as Cargo "
                          "does: probably a bad merge)"));
}

TEST(Lockfile, WrongTypesAtTheTopLevel) {
  auto parsed = parse_text("package = \"x\"\nmetadata = 1\n");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics),
              ElementsAre("Cargo.lock:2:12: error: [metadata] must be a table, found integer",
                          "Cargo.lock:1:11: error: [[package]] must be an array, found string"));
}

TEST(Lockfile, AncientRootTable) {
  auto parsed = parse_text("[root]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"a 1.0.0 (registry+https://x/)\"]\n"
                           "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+https://x/\"\n");
  ASSERT_TRUE(parsed->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  ASSERT_EQ(parsed->lockfile->packages.size(), 2u);
  EXPECT_EQ(parsed->lockfile->packages[0].name, "app");
  EXPECT_EQ(parsed->lockfile->resolve(parsed->lockfile->packages[0].dependencies[0]), 1);
}

TEST(Lockfile, DeeplyNestedInputIsRefusedNotFatal) {
  std::string deep_header = "[" + std::string("a") ;
  for (int i = 0; i < 50000; ++i) deep_header += ".a";
  deep_header += "]\n";
  auto parsed = parse_text(deep_header);
  EXPECT_FALSE(parsed->lockfile);
  EXPECT_EQ(parsed->diagnostics.error_count(), 1u);

  std::string deep_array = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  auto nested = parse_text(deep_array);
  EXPECT_FALSE(nested->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(nested->diagnostics)[0], HasSubstr("maximum nested value depth"));
}

TEST(Lockfile, ResolveFollowsCargosRules) {
  Lockfile lockfile;
  auto add = [&](std::string name, std::string version, std::optional<std::string> source) {
    LockedPackage p;
    p.name = std::move(name);
    p.version = *semver::Version::parse(version);
    if (source) p.source = SourceId::parse(*source);
    lockfile.packages.push_back(std::move(p));
  };
  add("a", "1.0.0", "registry+https://one/");
  add("a", "1.0.0", "registry+https://two/");
  add("b", "1.0.0", std::nullopt);
  add("b", "1.0.0", "registry+https://one/");
  add("c", "1.0.0", "registry+https://one/");
  add("c", "2.0.0", "registry+https://one/");
  auto dep = [](std::string name, std::optional<std::string> version = {}, std::optional<std::string> source = {}) {
    LockedDependency d;
    d.name = std::move(name);
    if (version) d.version = *semver::Version::parse(*version);
    if (source) d.source = SourceId::parse(*source);
    return d;
  };
  EXPECT_EQ(lockfile.resolve(dep("a")), -1);                                     // two sources: ambiguous
  EXPECT_EQ(lockfile.resolve(dep("a", "1.0.0", "registry+https://two/")), 1);
  EXPECT_EQ(lockfile.resolve(dep("b", "1.0.0")), 2);                             // the path package wins
  EXPECT_EQ(lockfile.resolve(dep("c")), -1);                                     // two versions
  EXPECT_EQ(lockfile.resolve(dep("c", "2.0.0")), 5);
  EXPECT_EQ(lockfile.resolve(dep("c", "3.0.0")), -1);
  EXPECT_EQ(lockfile.resolve(dep("zzz")), -1);
}

}  // namespace
}  // namespace cratescope::load
