// End to end on real advisories and real crate sources (Debian's corpus):
// each project of tests/fixtures/reachability/ states in EXPECTED.toml the
// verdict the audit must give for an advisory's function, and for reachable
// ones the first and last hop of the call path.
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include "advisory/database.hpp"
#include "audit/audit.hpp"
#include "audit/reachability.hpp"
#include "callgraph/callgraph_support.hpp"
#include "callgraph/reachability.hpp"
#include "callgraph/vulnerable_functions.hpp"
#include "cli/project_loader.hpp"

#include <fstream>

namespace fs = std::filesystem;
using namespace cratescope;

namespace {

const fs::path kCases = fs::path(CRATESCOPE_FIXTURES) / "reachability";
const fs::path kAdvisoryDb = fs::path(CRATESCOPE_SHARED_DIR) / "data" / "advisory-db";

bool corpus_installed() { return fs::exists("/usr/share/cargo/registry/mio-0.8.4/Cargo.toml"); }

std::vector<std::string> case_names() {
  std::vector<std::string> out;
  if (!fs::is_directory(kCases)) return out;
  for (const auto& entry : fs::directory_iterator(kCases))
    if (fs::exists(entry.path() / "EXPECTED.toml")) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

const advisory::Database& database() {
  static Diagnostics diagnostics;
  static Timers timers;
  static RealFileSystem files;
  static Context context{files, diagnostics, timers, 2};
  static std::optional<advisory::Database> db = advisory::load_database(kAdvisoryDb, {}, context);
  return *db;
}

class ReachabilityFixture : public ::testing::TestWithParam<std::string> {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ReachabilityFixture);

TEST_P(ReachabilityFixture, GivesTheExpectedVerdicts) {
  if (!corpus_installed()) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  fs::path dir = kCases / GetParam();
  toml::table expected = toml::parse_file((dir / "EXPECTED.toml").string());
  auto built = callgraph_test::build_graph_of(dir.string());
  ASSERT_TRUE(built->error.empty()) << built->error;
  Diagnostics diagnostics;
  Timers timers;
  Context context{built->files, diagnostics, timers, 2};
  audit::AuditOptions options;
  audit::AuditResult result = audit::run_audit(built->project->graph, database(), {}, nullptr, options, context);
  auto graph = std::make_shared<callgraph::CallGraph>(std::move(built->graph));
  audit::add_reachability(result, graph);

  const toml::array* verdicts = expected["verdict"].as_array();
  ASSERT_TRUE(verdicts && !verdicts->empty()) << "EXPECTED.toml has no [[verdict]]";
  for (const auto& node : *verdicts) {
    const toml::table& v = *node.as_table();
    std::string id = v["advisory"].value_or(""), function = v["function"].value_or("");
    std::string want = v["verdict"].value_or("");
    SCOPED_TRACE(id + " " + function);
    const audit::Finding* finding = nullptr;
    for (const auto& f : result.findings)
      if (f.advisory && f.advisory->id == id) finding = &f;
    ASSERT_NE(finding, nullptr) << "the audit did not report " << id;
    ASSERT_TRUE(finding->reachability);
    const callgraph::PackageVerdict& verdict = *finding->reachability;
    const callgraph::FunctionVerdict* fv = nullptr;
    for (const auto& f : verdict.functions)
      if (f.function == function) fv = &f;
    callgraph::Verdict got = fv ? fv->verdict : verdict.verdict;
    std::string reason = fv ? fv->reason : verdict.reason;
    EXPECT_EQ(to_string(got), want) << "reason: " << reason;
    if (want != "reachable" || !fv || !fv->path) continue;
    EXPECT_EQ(to_string(fv->path->context), v["context"].value_or("normal"));
    if (const toml::array* hops = v["path"].as_array(); hops && !hops->empty()) {
      const auto& path = fv->path->hops;
      EXPECT_EQ(callgraph_test::plain_name(*graph, built->project->graph, path.front().function), hops->front().value_or(""));
      EXPECT_EQ(callgraph_test::plain_name(*graph, built->project->graph, path.back().function), hops->back().value_or(""));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ReachabilityFixture, ::testing::ValuesIn(case_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ReachabilityFixtures, Exist) { EXPECT_GE(case_names().size(), 1u) << kCases; }

}  // namespace

namespace {

std::vector<std::string> edge_lines(const callgraph::CallGraph& graph) {
  std::vector<std::string> out;
  for (callgraph::FunctionId f = 0; f < graph.functions.size(); ++f)
    for (const callgraph::Edge& e : graph.out(f))
      out.push_back(graph.display(f) + " -> " + std::to_string(e.to) + " " + std::string(to_string(e.kind)) + " " +
                    to_string(graph.location(e)));
  std::sort(out.begin(), out.end());
  return out;
}

callgraph::CallGraph graph_with_cache(const fs::path& project, const fs::path& cache) {
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 2};
  auto loaded = cli::load_project(project.string(), false, context);
  EXPECT_TRUE(loaded);
  auto sources = sources::ProjectSources::locate(loaded->graph, files, sources::SourceSearch::defaults(loaded->graph.root));
  callgraph::BuildOptions options;
  options.cache_dir = cache;
  return callgraph::build_call_graph(context, loaded->graph, sources, options);
}

TEST(UnitCache, ReadsBackTheSameGraphAndTreatsDamagedFilesAsMisses) {
  if (!corpus_installed()) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  fs::path project = kCases / "tar-method-call";
  fs::path cache = fs::path(::testing::TempDir()) / "cratescope-unit-cache";
  fs::remove_all(cache);
  std::vector<std::string> cold = edge_lines(graph_with_cache(project, cache));
  ASSERT_FALSE(cold.empty());
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(cache)) files += entry.path().extension() == ".unit";
  EXPECT_GE(files, 2u);  // tar and its registry dependencies; never the path package itself
  EXPECT_EQ(edge_lines(graph_with_cache(project, cache)), cold);
  // Truncated and garbage files are misses: the crates are modelled again.
  for (const auto& entry : fs::directory_iterator(cache)) fs::resize_file(entry.path(), fs::file_size(entry.path()) / 2);
  EXPECT_EQ(edge_lines(graph_with_cache(project, cache)), cold);
  for (const auto& entry : fs::directory_iterator(cache)) {
    std::ofstream(entry.path(), std::ios::trunc) << "CSCGUNIT garbage";
  }
  EXPECT_EQ(edge_lines(graph_with_cache(project, cache)), cold);
  fs::remove_all(cache);
}

}  // namespace

namespace {

TEST(VulnerableFunctions, StdTraitImplsAreUnknownNotUnreachable) {
  if (!corpus_installed()) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  auto built = callgraph_test::build_graph_of((kCases / "tar-not-called").string());
  ASSERT_TRUE(built->error.empty()) << built->error;
  const callgraph::CallGraph& graph = built->graph;
  std::vector<uint32_t> tar = graph.packages_named("tar");
  ASSERT_EQ(tar.size(), 1u);
  callgraph::Reachability reach(graph, callgraph::workspace_roots(graph));
  // `impl Debug for GnuSparseHeader`: `{:?}` in std's formatting machinery
  // could call it for the project; no path in the graph is not proof.
  auto debug = callgraph::reach_vulnerable_functions(graph, reach, tar[0], {"tar::GnuSparseHeader::fmt"});
  ASSERT_EQ(debug.functions.size(), 1u);
  EXPECT_EQ(debug.functions[0].verdict, callgraph::Verdict::unknown);
  EXPECT_NE(debug.functions[0].reason.find("implements Debug"), std::string::npos) << debug.functions[0].reason;
  auto unpack = callgraph::reach_vulnerable_functions(graph, reach, tar[0], {"tar::Entry::unpack_in"});
  EXPECT_EQ(unpack.verdict, callgraph::Verdict::not_reachable) << unpack.functions[0].reason;
  auto missing = callgraph::reach_vulnerable_functions(graph, reach, tar[0], {"tar::no_such_fn"});
  EXPECT_EQ(missing.verdict, callgraph::Verdict::unknown);
  EXPECT_NE(missing.functions[0].reason.find("not found in the source of tar@0.4.38"), std::string::npos);
}

}  // namespace
