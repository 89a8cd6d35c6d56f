// The graph built from Cargo.lock + manifests must agree with Cargo's own
// resolution (`cargo metadata`, saved in each real fixture) on how every
// package is reached: runtime, tests only, build time only.
#include <gtest/gtest.h>

#include <regex>

#include "load/project_graph.hpp"
#include "support/test_support.hpp"

using namespace cratescope;
using namespace cratescope::load;

namespace {

const char* kRegistry = "/usr/share/cargo/registry";

std::string reach_text(const Reach& r) {
  return std::string(r.runtime ? "R" : "-") + (r.test ? "T" : "-") + (r.build_time ? "B" : "-");
}

}  // namespace

class RealProjects : public ::testing::TestWithParam<std::string> {};

TEST_P(RealProjects, LockfileGraphAgreesWithCargoMetadata) {
  if (!std::filesystem::is_directory(kRegistry))
    GTEST_SKIP() << "Debian's crate corpus is not installed (../shared/scripts/install-crate-corpus.sh)";
  auto dir = cratescope::testing::fixtures_dir() / "real" / GetParam();
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers, 1};
  auto ws = load_workspace(dir, ctx);
  ASSERT_TRUE(ws);
  SourceLocator locator(files);
  locator.add_root(kRegistry);
  auto from_lock = build_graph_from_lockfile(*ws, locator, ctx);
  ASSERT_TRUE(from_lock);

  std::string json = cratescope::testing::read_text(dir / "metadata.json");
  json = std::regex_replace(json, std::regex("@FIXTURE@"), dir.string());
  json = std::regex_replace(json, std::regex("@REGISTRY@"), kRegistry);
  auto from_cargo = build_graph_from_metadata(json, "metadata.json", &*ws->lockfile, ctx);
  ASSERT_TRUE(from_cargo);
  EXPECT_EQ(diagnostics.error_count(), 0u);
  EXPECT_EQ(from_lock->members.size(), from_cargo->members.size());

  size_t compared = 0, with_checksum = 0;
  for (size_t i = 0; i < from_cargo->packages.size(); ++i) {
    const auto& p = from_cargo->packages[i];
    auto j = from_lock->find(p.name, p.version);
    ASSERT_TRUE(j) << p.display() << " is in cargo's resolve but not in the lockfile graph";
    EXPECT_EQ(from_lock->packages[*j].proc_macro, p.proc_macro) << p.display();
    // Both carry Cargo.lock's checksum (what a .crate from Cargo's cache is checked against).
    EXPECT_EQ(from_lock->packages[*j].checksum, p.checksum) << p.display();
    if (p.checksum.size() == 64) ++with_checksum;  // (Debian writes "Could not get crate checksum" for some)
    // Cargo's resolve says every package's features (the default selection,
    // as the metadata was made); ours are resolved from the manifests.
    EXPECT_TRUE(p.features.has_value()) << p.display();
    EXPECT_EQ(from_lock->packages[*j].features, p.features) << p.display();
    if (!from_cargo->reach(i).reached()) continue;
    ++compared;
    // Cargo's resolve holds only the features in use; the lockfile graph may
    // have more edges (optional dependencies), so it can reach more, never less.
    const Reach &cargo = from_cargo->reach(i), &ours = from_lock->reach(*j);
    EXPECT_TRUE((!cargo.runtime || ours.runtime) && (!cargo.test || ours.test) && (!cargo.build_time || ours.build_time))
        << p.display() << ": cargo " << reach_text(cargo) << ", ours " << reach_text(ours);
  }
  EXPECT_GT(compared, 10u);
  EXPECT_GT(with_checksum, 10u);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RealProjects, ::testing::Values("cli-tool", "web-server", "workspace", "big"));
