#include "callgraph/reachability.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace cratescope::callgraph {

namespace {

constexpr uint32_t kUnreached = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kRoot = kUnreached - 1;
constexpr ReachContext kContexts[] = {ReachContext::normal, ReachContext::test, ReachContext::build};

bool resolved(const Edge& e) { return e.confidence != Confidence::low; }

}  // namespace

std::string_view to_string(ReachContext context) {
  switch (context) {
    case ReachContext::normal: return "normal";
    case ReachContext::test: return "test";
    case ReachContext::build: return "build";
  }
  return "?";
}

std::vector<Root> workspace_roots(const CallGraph& graph) {
  std::vector<Root> roots;
  for (FunctionId f = 0; f < graph.functions.size(); ++f) {
    const Function& fn = graph.functions[f];
    if (!graph.members[fn.package]) continue;
    const Target& target = graph.targets[fn.target];
    if (fn.test_only) {
      roots.push_back({f, ReachContext::test});
      continue;
    }
    switch (target.kind) {
      case model::TargetKind::lib:
        if (fn.is_pub || !fn.trait_name.empty() || fn.kind == model::ItemKind::proc_macro)
          roots.push_back({f, ReachContext::normal});
        break;
      case model::TargetKind::bin:
        if (fn.path == "crate::main") roots.push_back({f, ReachContext::normal});
        break;
      case model::TargetKind::build_script:
        if (fn.path == "crate::main") roots.push_back({f, ReachContext::build});
        break;
      default: roots.push_back({f, ReachContext::test});
    }
  }
  return roots;
}

std::vector<Root> dependency_build_roots(const CallGraph& graph) {
  std::vector<Root> roots;
  for (FunctionId f = 0; f < graph.functions.size(); ++f) {
    const Function& fn = graph.functions[f];
    if (graph.members[fn.package] || fn.test_only) continue;
    model::TargetKind kind = graph.targets[fn.target].kind;
    if ((kind == model::TargetKind::build_script && fn.path == "crate::main") ||
        (kind == model::TargetKind::lib && fn.kind == model::ItemKind::proc_macro))
      roots.push_back({f, ReachContext::build});
  }
  return roots;
}

// Parents of every function reached: the caller and the edge it came by.
// For method_name edges the edge's `to` is a name, so the callee is the node.
struct Reachability::Search {
  std::vector<uint32_t> parent;       // kUnreached, kRoot or a FunctionId
  std::vector<uint32_t> parent_edge;  // global edge index
};

Reachability::Reachability(const CallGraph& graph, std::vector<Root> roots)
    : graph_(graph), roots_(std::move(roots)), searches_(6) {}

const Reachability::Search& Reachability::search(bool resolved_only, ReachContext context) const {
  auto& slot = searches_[(resolved_only ? 0 : 3) + static_cast<size_t>(context)];
  if (slot) return *slot;
  auto s = std::make_unique<Search>();
  size_t n = graph_.functions.size();
  s->parent.assign(n, kUnreached);
  s->parent_edge.assign(n, 0);
  std::vector<FunctionId> queue;
  for (const Root& r : roots_)
    if (r.context == context && s->parent[r.function] == kUnreached) {
      s->parent[r.function] = kRoot;
      queue.push_back(r.function);
    }
  // A method name is expanded once per calling package (what it can see differs).
  std::unordered_set<uint64_t> expanded;
  for (size_t head = 0; head < queue.size(); ++head) {
    FunctionId at = queue[head];
    auto reach = [&](FunctionId to, const Edge& e) {
      if (s->parent[to] != kUnreached) return;
      s->parent[to] = at;
      s->parent_edge[to] = graph_.edge_index(e);
      queue.push_back(to);
    };
    for (const Edge& e : graph_.out(at)) {
      if (resolved_only && !resolved(e)) continue;
      if (e.kind != EdgeKind::method_name) {
        reach(e.to, e);
        continue;
      }
      uint64_t key = (uint64_t{e.to} << 32) | (uint64_t{graph_.functions[at].package} << 8) |
                     static_cast<uint8_t>(e.arity + 1);
      if (!expanded.insert(key).second) continue;
      graph_.for_each_method_callee(at, e, [&](FunctionId callee) { reach(callee, e); });
    }
  }
  slot = std::move(s);
  return *slot;
}

CallPath Reachability::path_to(const Search& search, FunctionId target) const {
  CallPath path;
  for (FunctionId at = target;;) {
    Hop hop;
    hop.function = at;
    uint32_t parent = search.parent[at];
    if (parent != kRoot) {
      const Edge& e = graph_.edge_at(search.parent_edge[at]);
      hop.call_site = graph_.location(e);
      hop.kind = e.kind;
      hop.confidence = e.confidence;
      if (e.confidence == Confidence::low) path.confidence = Confidence::low;
      else if (e.confidence == Confidence::medium && path.confidence == Confidence::high) path.confidence = Confidence::medium;
    }
    path.hops.push_back(hop);
    if (parent == kRoot) break;
    at = parent;
  }
  std::reverse(path.hops.begin(), path.hops.end());
  return path;
}

Reachability::~Reachability() = default;

std::optional<CallPath> Reachability::shortest_path(const std::vector<FunctionId>& targets) const {
  for (bool resolved_only : {true, false})
    for (ReachContext context : kContexts) {
      const Search& s = search(resolved_only, context);
      std::optional<CallPath> best;
      for (FunctionId t : targets) {
        if (s.parent[t] == kUnreached) continue;
        CallPath p = path_to(s, t);
        if (!best || p.hops.size() < best->hops.size()) best = std::move(p);
      }
      if (best) {
        best->context = context;
        return best;
      }
    }
  return std::nullopt;
}

std::vector<CallPath> Reachability::shortest_paths(FunctionId target) const {
  std::vector<CallPath> out;
  for (bool resolved_only : {true, false})
    for (ReachContext context : kContexts) {
      const Search& s = search(resolved_only, context);
      if (s.parent[target] == kUnreached) continue;
      CallPath p = path_to(s, target);
      p.context = context;
      bool repeat = std::any_of(out.begin(), out.end(), [&](const CallPath& q) {
        if (q.hops.size() != p.hops.size()) return false;
        for (size_t i = 0; i < q.hops.size(); ++i)
          if (q.hops[i].function != p.hops[i].function) return false;
        return true;
      });
      if (!repeat) out.push_back(std::move(p));
    }
  return out;
}

}  // namespace cratescope::callgraph
