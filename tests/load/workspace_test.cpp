#include "load/workspace.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "load_test_support.hpp"

namespace cratescope::load {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> package_names(const std::vector<Manifest>& manifests) {
  std::vector<std::string> names;
  for (const Manifest& manifest : manifests) names.push_back(manifest.package ? manifest.package->name : "<virtual>");
  return names;
}

const Manifest& member(const Workspace& workspace, const std::string& name) {
  for (const Manifest& manifest : workspace.members)
    if (manifest.package && manifest.package->name == name) return manifest;
  throw std::runtime_error("no member " + name);
}

const DependencySpec& dependency(const Manifest& manifest, const std::string& name) {
  for (const DependencySpec& spec : manifest.dependencies)
    if (spec.name == name) return spec;
  throw std::runtime_error("no dependency " + name);
}

// Diagnostics with the fixtures directory shown as "fixtures".
std::vector<std::string> relative_diagnostics(const Diagnostics& diagnostics) {
  std::vector<std::string> lines;
  std::string prefix = testing::fixtures_dir().lexically_normal().generic_string();
  for (std::string line : testing::diagnostic_lines(diagnostics)) {
    for (size_t at; (at = line.find(prefix)) != std::string::npos;) line.replace(at, prefix.size(), "fixtures");
    lines.push_back(line);
  }
  return lines;
}

class OnDisk : public ::testing::Test {
 protected:
  std::optional<Workspace> load(const fs::path& relative) {
    return load_workspace(testing::fixtures_dir() / "workspaces" / relative, ctx);
  }
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers};
};

TEST_F(OnDisk, GlobsExcludeAndPathDependencies) {
  auto workspace = load("globbed");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(relative_diagnostics(diagnostics), IsEmpty());
  EXPECT_EQ(workspace->root, (testing::fixtures_dir() / "workspaces" / "globbed").lexically_normal());
  EXPECT_FALSE(workspace->root_manifest.package);
  // crates/* (sorted, minus the excluded one), tools/cli, then the path
  // dependency inside the root that no entry lists.
  EXPECT_THAT(package_names(workspace->members), ElementsAre("core-lib", "globbed-macros", "net", "cli", "zlib"));
  EXPECT_THAT(package_names(workspace->path_dependencies), ElementsAre("shared"));
  ASSERT_TRUE(workspace->lockfile);
  EXPECT_EQ(workspace->lockfile->version, 3);
  EXPECT_EQ(workspace->lockfile->packages.size(), 4u);
}

TEST_F(OnDisk, PackageFieldsAreInherited) {
  auto workspace = load("globbed");
  ASSERT_TRUE(workspace);
  const PackageInfo& core = *member(*workspace, "core-lib").package;
  EXPECT_EQ(core.version, "1.2.0");
  EXPECT_EQ(core.edition, "2021");
  EXPECT_EQ(core.license, "Apache-2.0");
  EXPECT_THAT(core.authors, ElementsAre("The Globbed Team"));
  EXPECT_EQ(core.build_script, "build.rs");  // found next to the manifest
  const PackageInfo& net = *member(*workspace, "net").package;
  EXPECT_EQ(net.version, "0.3.0");
  EXPECT_EQ(net.repository, "https://github.com/example/globbed");
  EXPECT_FALSE(net.build_script);
  const PackageInfo& macros = *member(*workspace, "globbed-macros").package;
  EXPECT_TRUE(macros.proc_macro);
  EXPECT_FALSE(macros.build_script);
}

TEST_F(OnDisk, DependenciesAreMergedWithTheWorkspaceEntries) {
  auto workspace = load("globbed");
  ASSERT_TRUE(workspace);
  const Manifest& core = member(*workspace, "core-lib");
  const DependencySpec& serde = dependency(core, "serde");
  EXPECT_TRUE(serde.inherited);
  EXPECT_EQ(serde.requirement_text, "1.0.190");
  ASSERT_TRUE(serde.requirement);
  EXPECT_THAT(serde.features, ElementsAre("derive", "rc"));
  EXPECT_TRUE(serde.optional);                // from the member
  EXPECT_TRUE(serde.default_features);        // the workspace turned them off, the member back on
  EXPECT_EQ(serde.position, (TextPosition{9, 1}));
  EXPECT_EQ(dependency(core, "anyhow").requirement_text, "1.0");
  EXPECT_EQ(dependency(core, "libc").target, "cfg(unix)");
  EXPECT_EQ(dependency(core, "cli").kind, DependencyKind::dev);
  EXPECT_EQ(dependency(core, "cc").kind, DependencyKind::build);

  // Paths from [workspace.dependencies] are rewritten relative to the member.
  EXPECT_EQ(dependency(member(*workspace, "net"), "core-lib").path, "../core");
  EXPECT_EQ(dependency(member(*workspace, "cli"), "core-lib").path, "../../crates/core");
  EXPECT_EQ(dependency(member(*workspace, "cli"), "core-lib").requirement_text, "1.2.0");

  const DependencySpec& http = dependency(member(*workspace, "net"), "http");
  EXPECT_EQ(http.package, "reqwest");
  EXPECT_FALSE(http.inherited);
}

TEST_F(OnDisk, StartingInsideAMemberFindsTheRoot) {
  auto workspace = load("globbed/crates/net/src");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(relative_diagnostics(diagnostics), IsEmpty());
  EXPECT_EQ(workspace->root.filename(), "globbed");
  EXPECT_EQ(workspace->members.size(), 5u);
}

TEST_F(OnDisk, RootPackageIsAMember) {
  auto workspace = load("root-package/sub/Cargo.toml");
  ASSERT_TRUE(workspace);
  EXPECT_EQ(workspace->root.filename(), "root-package");
  EXPECT_THAT(package_names(workspace->members), ElementsAre("app", "sub"));
  EXPECT_EQ(workspace->root_manifest.package->name, "app");
  EXPECT_FALSE(workspace->lockfile);
  const DependencySpec& rand = dependency(member(*workspace, "sub"), "rand");
  EXPECT_EQ(rand.requirement_text, "0.8");
  // `default-features = false` in a member alone does not count, as in Cargo.
  EXPECT_TRUE(rand.default_features);
  EXPECT_THAT(relative_diagnostics(diagnostics),
              ElementsAre("fixtures/workspaces/root-package/sub/Cargo.toml:6:1: warning: `default-features = false` is "
                          "ignored for `rand`: the [workspace.dependencies] entry does not turn default features off"));
}

TEST_F(OnDisk, ExcludedPackageIsItsOwnWorkspace) {
  auto workspace = load("globbed/crates/experimental");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(relative_diagnostics(diagnostics), IsEmpty());
  EXPECT_EQ(workspace->root.filename(), "experimental");
  EXPECT_THAT(package_names(workspace->members), ElementsAre("experimental"));
}

class InMemory : public ::testing::Test {
 protected:
  std::optional<Workspace> load(const fs::path& start) { return load_workspace(start, ctx); }
  MemoryFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers};
};

TEST_F(InMemory, MissingMemberIsReportedAtItsEntry) {
  files.add_file("/ws/Cargo.toml", "[workspace]\nmembers = [\"a\", \"gone\", \"libs/*\"]\n");
  files.add_file("/ws/a/Cargo.toml", "[package]\nname = \"a\"\n");
  auto workspace = load("/ws");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(package_names(workspace->members), ElementsAre("a"));
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/ws/Cargo.toml:2:17: error: workspace member `gone` has no Cargo.toml (/ws/gone/Cargo.toml)",
                          "/ws/Cargo.toml:2:25: error: workspace member pattern `libs/*` matches no directory"));
  EXPECT_EQ(diagnostics.all()[0].source_line, "members = [\"a\", \"gone\", \"libs/*\"]");
}

TEST_F(InMemory, GlobbedDirectoryWithoutManifest) {
  files.add_file("/ws/Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n");
  files.add_file("/ws/crates/a/Cargo.toml", "[package]\nname = \"a\"\n");
  files.add_file("/ws/crates/docs/README.md", "not a crate");
  files.add_file("/ws/crates/.hidden/Cargo.toml", "[package]\nname = \"hidden\"\n");
  auto workspace = load("/ws/Cargo.toml");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(package_names(workspace->members), ElementsAre("a"));
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/ws/Cargo.toml:2:12: error: workspace member `crates/docs` has no Cargo.toml "
                          "(/ws/crates/docs/Cargo.toml)"));
}

TEST_F(InMemory, PathDependencyCyclesTerminate) {
  files.add_file("/p/a/Cargo.toml", "[package]\nname = \"a\"\n[dependencies]\nb = { path = \"../b\" }\n");
  files.add_file("/p/b/Cargo.toml", "[package]\nname = \"b\"\n[dev-dependencies]\na = { path = \"../a\" }\nc = { path = \"../c\" }\n");
  files.add_file("/p/c/Cargo.toml", "[package]\nname = \"c\"\n[dependencies]\nb = { path = \"../b\" }\nd = { path = \"../d\" }\n");
  auto workspace = load("/p/a");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(package_names(workspace->members), ElementsAre("a"));
  EXPECT_THAT(package_names(workspace->path_dependencies), ElementsAre("b", "c"));
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/p/c/Cargo.toml:5:1: error: path dependency `d` has no Cargo.toml (/p/d/Cargo.toml)"));
}

TEST_F(InMemory, PackageOutsideTheMembersIsLoadedAlone) {
  files.add_file("/ws/Cargo.toml", "[workspace]\nmembers = [\"a\"]\n");
  files.add_file("/ws/a/Cargo.toml", "[package]\nname = \"a\"\n");
  files.add_file("/ws/stray/Cargo.toml", "[package]\nname = \"stray\"\n");
  auto workspace = load("/ws/stray");
  ASSERT_TRUE(workspace);
  EXPECT_EQ(workspace->root, "/ws/stray");
  EXPECT_THAT(package_names(workspace->members), ElementsAre("stray"));
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/ws/stray/Cargo.toml:1:1: warning: this package is not a member of the workspace at "
                          "/ws/Cargo.toml (Cargo would refuse to build it); loading it on its own"));
}

TEST_F(InMemory, PackageWorkspaceKeyPointsAtTheRoot) {
  files.add_file("/repo/ws/Cargo.toml", "[workspace]\nmembers = [\"../elsewhere/pkg\"]\n[workspace.package]\nedition = \"2018\"\n");
  files.add_file("/repo/elsewhere/pkg/Cargo.toml",
                 "[package]\nname = \"pkg\"\nworkspace = \"../../ws\"\nedition.workspace = true\n");
  auto workspace = load("/repo/elsewhere/pkg");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(testing::diagnostic_lines(diagnostics), IsEmpty());
  EXPECT_EQ(workspace->root, "/repo/ws");
  ASSERT_EQ(workspace->members.size(), 1u);
  EXPECT_EQ(workspace->members[0].package->edition, "2018");
}

TEST_F(InMemory, InheritanceErrors) {
  files.add_file("/ws/Cargo.toml", "[workspace]\nmembers = [\"a\"]\n[workspace.dependencies]\nlog = \"0.4\"\n");
  files.add_file("/ws/a/Cargo.toml",
                 "[package]\nname = \"a\"\nlicense.workspace = true\n[dependencies]\nserde.workspace = true\n"
                 "log = { workspace = true, default-features = false }\n");
  auto workspace = load("/ws/a");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/ws/a/Cargo.toml:6:1: warning: `default-features = false` is ignored for `log`: the "
                          "[workspace.dependencies] entry does not turn default features off",
                          "/ws/a/Cargo.toml:5:1: error: dependency `serde` is inherited but [workspace.dependencies] "
                          "has no `serde`",
                          "/ws/a/Cargo.toml:3:1: error: `license.workspace = true` but [workspace.package] has no "
                          "`license`"));
  const DependencySpec& serde = dependency(workspace->members[0], "serde");
  EXPECT_TRUE(serde.inherited);
  EXPECT_EQ(serde.requirement_text, "*");
}

TEST_F(InMemory, NoManifestAnywhere) {
  files.add_file("/empty/readme.txt", "");
  EXPECT_FALSE(load("/empty"));
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/empty: error: could not find Cargo.toml here or in any parent directory"));
}

TEST_F(InMemory, BrokenLockfileIsReportedAndLeftOut) {
  files.add_file("/p/Cargo.toml", "[package]\nname = \"p\"\nversion = \"0.1.0\"\n");
  files.add_file("/p/Cargo.lock", "version = 9\n");
  auto workspace = load("/p");
  ASSERT_TRUE(workspace);
  EXPECT_FALSE(workspace->lockfile);
  EXPECT_THAT(testing::diagnostic_lines(diagnostics),
              ElementsAre("/p/Cargo.lock:1:11: error: unknown lockfile version 9 (cratescope understands versions 1 to 4)"));
}

TEST_F(InMemory, BrokenMemberManifestDoesNotStopTheOthers) {
  files.add_file("/ws/Cargo.toml", "[workspace]\nmembers = [\"*\"]\nexclude = [\"target\"]\n");
  files.add_file("/ws/a/Cargo.toml", "[package\nname = \"a\"\n");
  files.add_file("/ws/b/Cargo.toml", "[package]\nname = \"b\"\n");
  files.add_file("/ws/target/debug/x", "");
  auto workspace = load("/ws");
  ASSERT_TRUE(workspace);
  EXPECT_THAT(package_names(workspace->members), ElementsAre("b"));
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_THAT(testing::diagnostic_lines(diagnostics)[0], ::testing::StartsWith("/ws/a/Cargo.toml:1:9: error: invalid TOML"));
}

}  // namespace
}  // namespace cratescope::load
