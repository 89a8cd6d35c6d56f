#pragma once
// Which functions the workspace can reach, and the shortest call path to
// them: from the roots (members' public API, `main`, tests, build scripts,
// proc-macro entry points) over the call graph's edges.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "callgraph/call_graph.hpp"

namespace cratescope::callgraph {

// Where a path starts: code that ships, test code, or code run at build time.
enum class ReachContext : uint8_t { normal, test, build };
std::string_view to_string(ReachContext context);

struct Root {
  FunctionId function = 0;
  ReachContext context = ReachContext::normal;
};
// Member libs: `pub` fns and methods, trait impl methods, proc-macro entry
// points; bins: `main`; build scripts: `main` (build); tests, examples,
// benches and #[cfg(test)] code: every fn (test).
std::vector<Root> workspace_roots(const CallGraph& graph);
// What a build runs of the dependencies besides what the workspace calls:
// every dependency's build script `main`, and its proc-macro entry points
// (taken as invoked: a derive leaves no call edge). Context build.
std::vector<Root> dependency_build_roots(const CallGraph& graph);

struct Hop {
  FunctionId function = 0;
  // The call that led here (none for the root).
  std::optional<SourceLocation> call_site;
  EdgeKind kind = EdgeKind::path;
  Confidence confidence = Confidence::high;
};

struct CallPath {
  std::vector<Hop> hops;  // root first
  ReachContext context = ReachContext::normal;
  // high: every edge resolved by path; low: some edge was matched by a
  // method's name alone or is a trait's dispatch to an impl.
  Confidence confidence = Confidence::high;
};

class Reachability {
 public:
  Reachability(const CallGraph& graph, std::vector<Root> roots);
  ~Reachability();

  // The shortest path to any of `targets`, preferring resolved edges over
  // name-only ones, then normal code over tests over build time.
  std::optional<CallPath> shortest_path(const std::vector<FunctionId>& targets) const;
  // For `why`: the shortest path in each context, by resolved edges and by
  // any edges, without repeats.
  std::vector<CallPath> shortest_paths(FunctionId target) const;

 private:
  struct Search;  // one breadth-first search: parents of every node reached
  const CallGraph& graph_;
  std::vector<Root> roots_;
  mutable std::vector<std::unique_ptr<Search>> searches_;  // by (resolved only?, context), computed on demand

  const Search& search(bool resolved_only, ReachContext context) const;
  CallPath path_to(const Search& search, FunctionId target) const;
};

}  // namespace cratescope::callgraph
