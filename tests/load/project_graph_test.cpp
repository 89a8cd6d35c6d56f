#include <gtest/gtest.h>

#include "load/project_graph.hpp"

using namespace cratescope;
using namespace cratescope::load;

namespace {

// app (member) -> lib -> shared
//     app -(dev)-> testkit -> shared2
//     app -(build)-> cc
//     lib -> derive (proc-macro) -> syn
class GraphFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto name : {"app", "lib", "shared", "testkit", "shared2", "cc", "derive", "syn"}) {
      GraphPackage p;
      p.name = name;
      p.version = semver::Version(1, 0, 0);
      p.proc_macro = std::string(name) == "derive";
      if (std::string(name) != "app") p.source = SourceId::parse("registry+https://github.com/rust-lang/crates.io-index");
      graph.packages.push_back(p);
    }
    graph.packages[0].is_member = true;
    graph.members = {0};
    edge(0, 1, DependencyKind::normal);
    edge(1, 2, DependencyKind::normal);
    edge(0, 3, DependencyKind::dev);
    edge(3, 4, DependencyKind::normal);
    edge(0, 5, DependencyKind::build);
    edge(1, 6, DependencyKind::normal);
    edge(6, 7, DependencyKind::normal);
    edge(2, 1, DependencyKind::normal);  // a cycle must not loop
    graph.finish();
  }
  void edge(size_t from, size_t to, DependencyKind kind) {
    GraphEdge e;
    e.from = from;
    e.to = to;
    e.kind = kind;
    graph.edges.push_back(e);
  }
  ProjectGraph graph;
};

}  // namespace

TEST_F(GraphFixture, ReachSaysRuntimeTestOrBuildTime) {
  EXPECT_TRUE(graph.reach(2).runtime);
  EXPECT_FALSE(graph.reach(2).test);
  EXPECT_EQ(graph.reach(2).describe(), "runtime");

  EXPECT_TRUE(graph.reach(4).test);
  EXPECT_FALSE(graph.reach(4).runtime);
  EXPECT_EQ(graph.reach(4).describe(), "tests only");

  EXPECT_TRUE(graph.reach(5).build_time);
  EXPECT_EQ(graph.reach(5).describe(), "build time only");

  // A proc-macro and its dependencies run on the build machine.
  EXPECT_TRUE(graph.reach(7).build_time);
  EXPECT_FALSE(graph.reach(7).runtime);
  EXPECT_TRUE(graph.reach(7).via_proc_macro);
  EXPECT_EQ(graph.reach(7).members, std::vector<size_t>{0});
}

TEST_F(GraphFixture, ShortestPathsStartAtAMember) {
  auto paths = graph.paths_to(7);
  ASSERT_EQ(paths.size(), 1u);
  ASSERT_EQ(paths[0].size(), 3u);
  EXPECT_EQ(graph.edges[paths[0][0]].from, 0u);
  EXPECT_EQ(graph.edges[paths[0][2]].to, 7u);
  EXPECT_TRUE(graph.paths_to(0)[0].empty());
}

TEST_F(GraphFixture, DevDependenciesOfDependenciesAreNotFollowed) {
  edge(1, 3, DependencyKind::dev);  // lib's own dev-dependency: never built for app
  graph.finish();
  EXPECT_FALSE(graph.reach(3).runtime);
  EXPECT_TRUE(graph.reach(3).test);
}
