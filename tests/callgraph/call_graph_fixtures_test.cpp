// The annotated fixture projects of tests/fixtures/callgraph/: every
// `// -> target` marker must be an edge from the call on that line, every
// `// -/> target` must not be a resolved (high or medium) edge (a target is
// `crate::path`, or `crate@version::path`); `[low]` accepts
// an edge found by method name or trait dispatch, and after `-/>` rules
// those out too (no edge at all); `[medium]` wants the best edge there to be
// of medium confidence, no more. Markers the engine does not
// satisfy yet are listed in KNOWN_GAPS.txt, and a listed gap that starts to
// pass fails too, so that the list stays true.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "callgraph/callgraph_support.hpp"

namespace fs = std::filesystem;
using namespace cratescope;

namespace {

const fs::path kCases = fs::path(CRATESCOPE_FIXTURES) / "callgraph";

std::vector<std::string> case_names() {
  std::vector<std::string> out;
  if (!fs::is_directory(kCases)) return out;
  for (const auto& entry : fs::directory_iterator(kCases))
    if (entry.is_directory() && fs::exists(entry.path() / "Cargo.toml")) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Marker {
  std::string file;  // absolute
  uint32_t line = 0;
  std::string target;
  bool must_exist = true;
  bool low_ok = false;
  bool medium_only = false;
  std::string key() const {
    return fs::path(file).lexically_relative(kCases).generic_string() + ":" + std::to_string(line) +
           (must_exist ? " -> " : " -/> ") + target;
  }
};

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

std::vector<Marker> markers_in(const fs::path& dir) {
  std::vector<Marker> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".rs") continue;
    std::ifstream in(entry.path());
    std::string text;
    for (uint32_t line = 1; std::getline(in, text); ++line) {
      size_t at = text.find("// -/> ");
      bool must_exist = at == std::string::npos;
      if (must_exist) at = text.find("// -> ");
      if (at == std::string::npos) continue;
      std::string list = text.substr(at + (must_exist ? 6 : 7));
      std::stringstream parts(list);
      for (std::string part; std::getline(parts, part, ',');) {
        part = trim(part);  // `// -> a, -/> b` switches to must-not for b
        if (part.starts_with("-/>")) {
          must_exist = false;
          part = trim(part.substr(3));
        } else if (part.starts_with("->")) {
          must_exist = true;
          part = trim(part.substr(2));
        }
        Marker m{fs::canonical(entry.path()).generic_string(), line, part, must_exist, false};
        if (size_t bracket = m.target.find('['); bracket != std::string::npos) {
          m.low_ok = m.target.find("[low]") != std::string::npos;
          m.medium_only = m.target.find("[medium]") != std::string::npos;
          m.target = trim(m.target.substr(0, bracket));
        }
        if (!m.target.empty()) out.push_back(m);
      }
    }
  }
  return out;
}

std::set<std::string> known_gaps() {
  std::set<std::string> out;
  std::ifstream in(kCases / "KNOWN_GAPS.txt");
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.insert(trim(line));
  return out;
}

// (file, line) -> callees with the best confidence seen there.
using SiteCallees = std::map<std::pair<std::string, uint32_t>, std::map<std::string, callgraph::Confidence>>;

SiteCallees callees_by_site(const callgraph_test::BuiltGraph& built) {
  SiteCallees out;
  const auto& graph = built.graph;
  for (callgraph::FunctionId f = 0; f < graph.functions.size(); ++f) {
    for (const callgraph::Edge& e : graph.out(f)) {
      if (e.kind == callgraph::EdgeKind::trait_impl) continue;  // not a call site
      std::string file = graph.files[e.file];
      std::error_code ec;
      fs::path canonical = fs::canonical(file, ec);
      auto& at = out[{ec ? file : canonical.generic_string(), e.position.line}];
      auto add = [&](callgraph::FunctionId to) {
        // A marker names `crate::path`, or `crate@version::path` where two
        // versions of a crate are in the graph.
        std::string name = callgraph_test::plain_name(graph, built.project->graph, to);
        const auto& package = built.project->graph.packages[graph.functions[to].package];
        std::string versioned = name;
        versioned.insert(versioned.find("::") == std::string::npos ? versioned.size() : versioned.find("::"),
                         "@" + package.version.to_string());
        for (const std::string& key : {name, versioned}) {
          auto [it, inserted] = at.emplace(key, e.confidence);
          if (!inserted && e.confidence < it->second) it->second = e.confidence;
        }
      };
      if (e.kind == callgraph::EdgeKind::method_name) graph.for_each_method_callee(f, e, add);
      else add(e.to);
    }
  }
  return out;
}

class CallGraphFixture : public ::testing::TestWithParam<std::string> {};

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CallGraphFixture);

TEST_P(CallGraphFixture, HasExactlyTheMarkedEdges) {
  fs::path dir = kCases / GetParam();
  auto built = callgraph_test::build_graph_of(dir.string());
  ASSERT_TRUE(built->error.empty()) << built->error;
  std::vector<Marker> markers = markers_in(dir);
  ASSERT_FALSE(markers.empty()) << "a fixture without markers checks nothing";
  SiteCallees sites = callees_by_site(*built);
  std::set<std::string> gaps = known_gaps();
  for (const Marker& m : markers) {
    const auto& callees = sites[{m.file, m.line}];
    auto found = callees.find(m.target);
    bool resolved = found != callees.end() && found->second != callgraph::Confidence::low;
    bool any = found != callees.end();
    bool holds = m.must_exist ? (resolved || (any && m.low_ok)) : m.low_ok ? !any : !resolved;
    if (m.medium_only) holds = any && found->second == callgraph::Confidence::medium;
    bool listed = gaps.contains(m.key());
    if (holds && listed) ADD_FAILURE() << m.key() << ": listed in KNOWN_GAPS.txt but now holds; remove it";
    if (!holds && !listed) {
      std::string seen;
      for (const auto& [name, confidence] : callees) seen += " " + name + "(" + std::string(to_string(confidence)) + ")";
      ADD_FAILURE() << m.key() << (m.low_ok ? " [low]" : m.medium_only ? " [medium]" : "") << "; edges on that line:" << (seen.empty() ? " none" : seen);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CallGraphFixture, ::testing::ValuesIn(case_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(CallGraphFixtures, Exist) { EXPECT_GE(case_names().size(), 1u) << kCases; }

}  // namespace
