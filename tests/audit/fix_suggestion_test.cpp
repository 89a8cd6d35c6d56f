#include <gtest/gtest.h>

#include "audit/fix_suggestion.hpp"

using namespace cratescope;
using namespace cratescope::audit;

namespace {

advisory::VersionRange range(const std::string& text) {
  auto req = semver::VersionReq::parse(text);
  EXPECT_TRUE(req) << text;
  return {text, *req};
}

semver::Version v(const std::string& text) { return *semver::Version::parse(text); }

// member app requires `name` with `requirement`; the lock has `locked`.
load::ProjectGraph graph_with(const std::string& name, const std::string& locked, const std::string& requirement) {
  load::ProjectGraph graph;
  load::GraphPackage app;
  app.name = "app";
  app.is_member = true;
  load::GraphPackage dep;
  dep.name = name;
  dep.version = v(locked);
  dep.source = load::SourceId::parse("registry+https://github.com/rust-lang/crates.io-index");
  graph.packages = {app, dep};
  graph.members = {0};
  load::GraphEdge edge;
  edge.from = 0;
  edge.to = 1;
  edge.requirement = requirement;
  graph.edges = {edge};
  graph.finish();
  return graph;
}

}  // namespace

TEST(FixSuggestion, CandidatesAreTheLowestVersionOfEachPatchedRange) {
  advisory::Advisory a;
  a.patched = {range(">= 1.2.3, < 1.3.0"), range(">= 1.3.4")};
  auto candidates = fix_candidates(a, v("1.2.0"), nullptr);
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0], v("1.2.3"));
  EXPECT_EQ(candidates[1], v("1.3.4"));
  // Already past the first fixed series: only the later one helps.
  EXPECT_EQ(fix_candidates(a, v("1.3.1"), nullptr), std::vector<semver::Version>{v("1.3.4")});
}

TEST(FixSuggestion, CompatibleUpgradeGivesACargoUpdateCommand) {
  advisory::Advisory a;
  a.package = "smallvec";
  a.patched = {range(">= 0.6.10")};
  auto graph = graph_with("smallvec", "0.6.9", "0.6");
  auto fix = suggest_fix(graph, 1, a, nullptr);
  EXPECT_EQ(fix.kind, Fix::Kind::upgrade);
  EXPECT_EQ(fix.version, v("0.6.10"));
  EXPECT_EQ(fix.command, "cargo update -p smallvec@0.6.9 --precise 0.6.10");
}

TEST(FixSuggestion, IncompatibleUpgradeNamesTheBlockingRequirement) {
  advisory::Advisory a;
  a.package = "time";
  a.patched = {range(">= 0.2.23")};
  auto graph = graph_with("time", "0.1.43", "0.1");
  auto fix = suggest_fix(graph, 1, a, nullptr);
  EXPECT_EQ(fix.kind, Fix::Kind::semver_incompatible);
  EXPECT_EQ(fix.blocking_requirement, "0.1");
  EXPECT_NE(fix.text.find("semver-incompatible"), std::string::npos);
  EXPECT_NE(fix.text.find("Cargo.toml"), std::string::npos);  // the blocker is a member
}

TEST(FixSuggestion, NoPatchedVersionSaysSo) {
  advisory::Advisory a;
  auto graph = graph_with("unmaintained", "1.0.0", "1");
  auto fix = suggest_fix(graph, 1, a, nullptr);
  EXPECT_EQ(fix.kind, Fix::Kind::no_fix);
}

TEST(FixSuggestion, TheIndexGivesRealReleasesAndSkipsYanked) {
  advisory::Advisory a;
  a.patched = {range(">= 0.6.10")};
  std::vector<IndexedVersion> released{{v("0.6.9"), false}, {v("0.6.10"), true}, {v("0.6.11"), false}, {v("1.0.0"), false}};
  auto candidates = fix_candidates(a, v("0.6.9"), &released);
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0], v("0.6.11"));
}
