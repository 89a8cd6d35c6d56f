#include "load/manifest.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "load_test_support.hpp"

namespace cratescope::load {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Parsed {
  std::optional<Manifest> manifest;
  Diagnostics diagnostics;
};

std::unique_ptr<Parsed> parse_fixture(const std::string& name) {
  auto parsed = std::make_unique<Parsed>();
  std::string text = testing::read_text(testing::fixtures_dir() / "manifests" / name);
  parsed->manifest = parse_manifest(text, name, parsed->diagnostics);
  return parsed;
}

const DependencySpec& dependency(const Manifest& manifest, const std::string& name) {
  for (const DependencySpec& spec : manifest.dependencies)
    if (spec.name == name) return spec;
  throw std::runtime_error("no dependency " + name);
}

TEST(Manifest, PackageSection) {
  auto parsed = parse_fixture("full.toml");
  ASSERT_TRUE(parsed->manifest);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  const PackageInfo& package = *parsed->manifest->package;
  EXPECT_EQ(package.name, "netfetch");
  EXPECT_EQ(package.version, "0.4.2");
  EXPECT_EQ(package.edition, "2021");
  EXPECT_EQ(package.license, "MIT OR Apache-2.0");
  EXPECT_EQ(package.repository, "https://github.com/example/netfetch");
  EXPECT_THAT(package.authors, ElementsAre("Ada <ada@example.com>", "Brian"));
  EXPECT_EQ(package.build_script, "tools/build.rs");
  EXPECT_FALSE(package.proc_macro);
  EXPECT_TRUE(package.inherited_fields.empty());
  EXPECT_FALSE(parsed->manifest->workspace);
}

TEST(Manifest, DependencyForms) {
  auto parsed = parse_fixture("full.toml");
  ASSERT_TRUE(parsed->manifest);
  const Manifest& manifest = *parsed->manifest;
  ASSERT_EQ(manifest.dependencies.size(), 16u);

  const DependencySpec& serde = dependency(manifest, "serde");
  EXPECT_EQ(serde.package, "serde");
  EXPECT_EQ(serde.requirement_text, "1.0.190");
  ASSERT_TRUE(serde.requirement);
  EXPECT_TRUE(serde.requirement->matches(semver::Version(1, 0, 200)));
  EXPECT_EQ(serde.kind, DependencyKind::normal);
  EXPECT_EQ(serde.target, "");
  EXPECT_EQ(serde.position, (TextPosition{14, 1}));
  EXPECT_TRUE(serde.default_features);
  EXPECT_FALSE(serde.default_features_declared);

  const DependencySpec& json = dependency(manifest, "json");
  EXPECT_EQ(json.package, "serde_json");  // renamed
  EXPECT_EQ(json.requirement_text, "^1.0");
  EXPECT_TRUE(json.optional);

  const DependencySpec& tokio = dependency(manifest, "tokio");
  EXPECT_FALSE(tokio.default_features);
  EXPECT_TRUE(tokio.default_features_declared);
  EXPECT_THAT(tokio.features, ElementsAre("rt", "net"));

  const DependencySpec& helper = dependency(manifest, "helper");
  EXPECT_EQ(helper.path, "../helper");
  EXPECT_EQ(helper.requirement_text, "*");
  EXPECT_FALSE(helper.requirement);

  EXPECT_EQ(dependency(manifest, "quirk").git, "https://github.com/example/quirk");
  EXPECT_EQ(dependency(manifest, "quirk").branch, "next");
  EXPECT_EQ(dependency(manifest, "pinned").rev, "9f2c1e0");
  EXPECT_EQ(dependency(manifest, "tagged").tag, "v2.0.0");
  EXPECT_FALSE(dependency(manifest, "tagged").default_features);  // old spelling
  EXPECT_EQ(dependency(manifest, "private").registry, "internal");

  const DependencySpec& log = dependency(manifest, "log");  // [dependencies.log]
  EXPECT_EQ(log.requirement_text, "0.4");
  EXPECT_THAT(log.features, ElementsAre("std"));
  EXPECT_EQ(log.position, (TextPosition{23, 15}));
}

TEST(Manifest, KindsAndTargets) {
  auto parsed = parse_fixture("full.toml");
  ASSERT_TRUE(parsed->manifest);
  const Manifest& manifest = *parsed->manifest;
  EXPECT_EQ(dependency(manifest, "proptest").kind, DependencyKind::dev);
  EXPECT_EQ(dependency(manifest, "old-style").kind, DependencyKind::dev);
  EXPECT_EQ(dependency(manifest, "cc").kind, DependencyKind::build);
  EXPECT_EQ(dependency(manifest, "old-build").kind, DependencyKind::build);
  EXPECT_EQ(dependency(manifest, "old-build").requirement_text, "*");

  const DependencySpec& libc = dependency(manifest, "libc");
  EXPECT_EQ(libc.target, "cfg(unix)");
  EXPECT_EQ(libc.kind, DependencyKind::normal);
  EXPECT_EQ(libc.position, (TextPosition{40, 1}));
  const DependencySpec& winapi = dependency(manifest, "winapi");
  EXPECT_EQ(winapi.target, "cfg(windows)");
  EXPECT_EQ(winapi.kind, DependencyKind::dev);
  const DependencySpec& embed = dependency(manifest, "embed-resource");
  EXPECT_EQ(embed.target, "x86_64-pc-windows-msvc");
  EXPECT_EQ(embed.kind, DependencyKind::build);
  EXPECT_STREQ(to_string(DependencyKind::build), "build");
  EXPECT_STREQ(to_string(DependencyKind::dev), "dev");
  EXPECT_STREQ(to_string(DependencyKind::normal), "normal");
}

TEST(Manifest, FeaturesPatchesAndReplace) {
  auto parsed = parse_fixture("full.toml");
  ASSERT_TRUE(parsed->manifest);
  const Manifest& manifest = *parsed->manifest;
  EXPECT_THAT(manifest.features.at("default"), ElementsAre("json"));
  EXPECT_THAT(manifest.features.at("tls"), ElementsAre("tokio/net", "dep:private"));
  ASSERT_EQ(manifest.patches.size(), 3u);
  EXPECT_EQ(manifest.patches.at("crates-io").at(0).git, "https://github.com/serde-rs/serde");
  EXPECT_EQ(manifest.patches.at("https://github.com/example/quirk").at(0).path, "../quirk");
  const DependencySpec& replaced = manifest.patches.at(Manifest::kReplaceKey).at(0);
  EXPECT_EQ(replaced.name, "log:0.4.20");
  EXPECT_EQ(replaced.package, "log");
  EXPECT_EQ(replaced.path, "../log");
}

TEST(Manifest, VirtualWorkspace) {
  auto parsed = parse_fixture("virtual.toml");
  ASSERT_TRUE(parsed->manifest);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  EXPECT_FALSE(parsed->manifest->package);
  const WorkspaceInfo& workspace = *parsed->manifest->workspace;
  EXPECT_THAT(workspace.members, ElementsAre("crates/*", "tools/cli"));
  EXPECT_THAT(workspace.member_positions, ElementsAre(TextPosition{3, 12}, TextPosition{3, 24}));
  EXPECT_THAT(workspace.exclude, ElementsAre("crates/experimental"));
  EXPECT_THAT(workspace.default_members, ElementsAre("crates/core"));
  EXPECT_EQ(workspace.package_fields.at("version"), "1.2.0");
  EXPECT_EQ(workspace.package_fields.at("license"), "Apache-2.0");
  EXPECT_EQ(workspace.package_fields.count("publish"), 0u);
  EXPECT_THAT(workspace.package_lists.at("authors"), ElementsAre("The Team"));
  ASSERT_EQ(workspace.dependencies.size(), 3u);
  EXPECT_EQ(workspace.dependencies[0].name, "anyhow");  // toml++ orders keys
  EXPECT_EQ(workspace.dependencies[1].path, "crates/core");
  EXPECT_THAT(workspace.dependencies[2].features, ElementsAre("derive"));
}

TEST(Manifest, InheritedFieldsAreRecorded) {
  auto parsed = parse_fixture("inherits.toml");
  ASSERT_TRUE(parsed->manifest);
  EXPECT_THAT(testing::diagnostic_lines(parsed->diagnostics), IsEmpty());
  const PackageInfo& package = *parsed->manifest->package;
  EXPECT_EQ(package.version, "0.0.0");
  ASSERT_EQ(package.inherited_fields.size(), 4u);
  EXPECT_EQ(package.inherited_fields.at("version"), (TextPosition{3, 1}));
  EXPECT_EQ(package.inherited_fields.at("edition"), (TextPosition{4, 1}));
  const DependencySpec& serde = dependency(*parsed->manifest, "serde");
  EXPECT_TRUE(serde.inherited);
  EXPECT_TRUE(serde.optional);
  EXPECT_THAT(serde.features, ElementsAre("rc"));
  EXPECT_TRUE(dependency(*parsed->manifest, "anyhow").inherited);
  EXPECT_EQ(dependency(*parsed->manifest, "anyhow").position, (TextPosition{10, 1}));
}

TEST(Manifest, WrongTypesAreReportedAtTheValue) {
  auto parsed = parse_fixture("broken_types.toml");
  ASSERT_TRUE(parsed->manifest);
  EXPECT_THAT(
      testing::diagnostic_lines(parsed->diagnostics),
      ElementsAre("broken_types.toml:4:11: error: package `edition` must be a string, found integer",
                  "broken_types.toml:5:11: error: package `authors` must be an array, found string",
                  "broken_types.toml:6:9: error: package `build` must be a path or a boolean, found integer",
                  "broken_types.toml:9:5: error: dependency `a` must be a version string or a table, found integer",
                  "broken_types.toml:10:17: error: `version` of dependency `b` must be a string, found integer",
                  ::testing::StartsWith("broken_types.toml:11:17: error: invalid version requirement `>=1.0, <2.0, "
                                        "nonsense` for dependency `c`: "),
                  "broken_types.toml:12:19: error: `workspace` cannot be false (dependency `d`)",
                  "broken_types.toml:13:1: error: dependency `e` names more than one of `branch`, `tag` and `rev`",
                  "broken_types.toml:14:24: error: each element of `features` of dependency `f` must be a string, found "
                  "integer",
                  "broken_types.toml:20:16: error: [dependencies] must be a table, found integer",
                  "broken_types.toml:17:11: error: feature `default` must be an array, found string"));
}

TEST(Manifest, InvalidTomlAndUtf8) {
  auto bad = parse_fixture("bad_toml.toml");
  EXPECT_FALSE(bad->manifest);
  auto lines = testing::diagnostic_lines(bad->diagnostics);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], ::testing::StrEq("bad_toml.toml:3:8: error: invalid TOML: Error while parsing key-value pair: "
                                                    "cannot redefine existing string 'name'"));

  auto non_utf8 = parse_fixture("non_utf8.toml");
  EXPECT_FALSE(non_utf8->manifest);
  EXPECT_THAT(testing::diagnostic_lines(non_utf8->diagnostics),
              ElementsAre("non_utf8.toml:3:22: error: the file is not valid UTF-8 (byte 0xc3); TOML files must be UTF-8"));
}

TEST(Manifest, NeitherPackageNorWorkspace) {
  Diagnostics diagnostics;
  auto manifest = parse_manifest("[dependencies]\nserde = \"1\"\n", "Cargo.toml", diagnostics);
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->dependencies.size(), 1u);
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("Cargo.toml: error: the manifest has neither a [package] nor a [workspace] table"));
}

TEST(Manifest, ProcMacroAndBuildFlags) {
  Diagnostics diagnostics;
  auto manifest = parse_manifest(
      "[package]\nname = \"m\"\nbuild = false\nworkspace = \"..\"\n[lib]\nproc-macro = true\n", "Cargo.toml", diagnostics);
  ASSERT_TRUE(manifest);
  EXPECT_THAT(testing::diagnostic_lines(diagnostics), IsEmpty());
  EXPECT_TRUE(manifest->package->proc_macro);
  EXPECT_TRUE(manifest->package->build_script_disabled);
  EXPECT_FALSE(manifest->package->build_script);
  EXPECT_EQ(manifest->package->workspace_root, "..");
  EXPECT_EQ(manifest->package->version, "0.0.0");

  auto missing_name = parse_manifest("[package]\nversion = \"1.0.0\"\n", "Cargo.toml", diagnostics);
  ASSERT_TRUE(missing_name);
  EXPECT_EQ(testing::diagnostic_lines(diagnostics).back(), "Cargo.toml:1:1: error: [package] has no `name`");
}

}  // namespace
}  // namespace cratescope::load
