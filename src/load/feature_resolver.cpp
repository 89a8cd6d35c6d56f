#include "load/feature_resolver.hpp"

#include <deque>

namespace cratescope::load {
namespace {

// A worklist over (package, feature) and (package) reached: every set only
// grows, so it ends; nothing recurses, so a long chain of features in a
// hostile manifest cannot exhaust the stack.
class FeatureResolver {
 public:
  explicit FeatureResolver(ProjectGraph& graph)
      : graph_(graph),
        on_(graph.packages.size()),
        activated_(graph.packages.size()),
        dep_prefixed_(graph.packages.size()),
        waiting_(graph.packages.size()),
        reached_(graph.packages.size(), false) {
    for (size_t p = 0; p < graph.packages.size(); ++p) {
      if (!known(p)) continue;
      for (const auto& [_, values] : *graph.packages[p].feature_table)
        for (const std::string& value : values)
          if (value.starts_with("dep:")) dep_prefixed_[p].insert(value.substr(4));
    }
  }

  void run() {
    for (GraphEdge& edge : graph_.edges)
      if (edge.optional && known(edge.from)) edge.feature_enabled = false;
    for (size_t member : graph_.members) select(member);
    while (!tasks_.empty()) {
      Task task = std::move(tasks_.front());
      tasks_.pop_front();
      if (task.feature.empty())
        reach(task.package);
      else
        enable(task.package, task.feature);
    }
    write_out();
  }

 private:
  struct Task {
    size_t package;
    std::string feature;  // empty: the package is reached
  };

  ProjectGraph& graph_;
  std::vector<std::set<std::string>> on_;            // features turned on
  std::vector<std::set<std::string>> activated_;     // optional dependencies (keys) turned on
  std::vector<std::set<std::string>> dep_prefixed_;  // named `dep:x` somewhere: x is no feature
  std::vector<std::map<std::string, std::vector<std::string>>> waiting_;  // `x?/f`: f once x is on
  std::vector<bool> reached_;
  std::deque<Task> tasks_;

  bool known(size_t p) const { return graph_.packages[p].feature_table.has_value(); }
  bool usable(const GraphEdge& e) const {
    return e.target_enabled && (e.kind != DependencyKind::dev || graph_.packages[e.from].is_member);
  }
  bool is_optional_dependency(size_t p, const std::string& key) const {
    for (size_t e : graph_.out_edges(p))
      if (graph_.edges[e].optional && graph_.edges[e].name == key) return true;
    return false;
  }
  // An optional dependency is also a feature of its own name, unless the
  // manifest names it `dep:x`.
  bool implicit_feature(size_t p, const std::string& key) const {
    return is_optional_dependency(p, key) && !dep_prefixed_[p].contains(key);
  }
  void feature(size_t p, std::string name) { tasks_.push_back({p, std::move(name)}); }

  // What the build asks of a member: --features, --all-features, defaults.
  void select(size_t member) {
    tasks_.push_back({member, ""});
    if (!known(member)) return;
    const FeatureSelection& selection = graph_.feature_selection;
    if (selection.all_features) {
      for (const auto& [name, _] : *graph_.packages[member].feature_table) feature(member, name);
      for (size_t e : graph_.out_edges(member))
        if (graph_.edges[e].optional) activate(member, graph_.edges[e].name);
      return;
    }
    if (selection.default_features) feature(member, "default");
    const std::string own = graph_.packages[member].name + "/";
    for (const std::string& f : selection.features) {
      if (f.find('/') == std::string::npos)
        feature(member, f);
      else if (f.starts_with(own))
        feature(member, f.substr(own.size()));
      else
        value(member, f);  // `dep/f`: a no-op for a member without that dependency
    }
  }

  void reach(size_t p) {
    if (reached_[p]) return;
    reached_[p] = true;
    for (size_t e : graph_.out_edges(p))
      if (usable(graph_.edges[e]) && (!graph_.edges[e].optional || !known(p))) follow(graph_.edges[e]);
  }

  // A dependency in use: its target is built, with what the declaration asks.
  void follow(const GraphEdge& edge) {
    tasks_.push_back({edge.to, ""});
    if (!known(edge.from)) return;
    for (const std::string& f : edge.features) feature(edge.to, f);
    if (edge.default_features) feature(edge.to, "default");
  }

  void enable(size_t p, const std::string& name) {
    if (!known(p) || !on_[p].insert(name).second) return;
    const auto& table = *graph_.packages[p].feature_table;
    if (auto it = table.find(name); it != table.end()) {
      for (const std::string& v : it->second) value(p, v);
    } else if (implicit_feature(p, name)) {
      activate(p, name);
    }
  }

  // One value of a feature's list: `dep:x`, `x/f`, `x?/f` or another feature.
  void value(size_t p, const std::string& v) {
    if (v.starts_with("dep:")) return activate(p, v.substr(4));
    size_t slash = v.find('/');
    if (slash == std::string::npos) return feature(p, v);
    std::string dependency = v.substr(0, slash), f = v.substr(slash + 1);
    bool weak = dependency.ends_with("?");
    if (weak) dependency.pop_back();
    if (is_optional_dependency(p, dependency)) {
      if (weak && !activated_[p].contains(dependency)) {
        waiting_[p][dependency].push_back(f);
        return;
      }
      if (!weak) {
        if (!dep_prefixed_[p].contains(dependency)) feature(p, dependency);
        activate(p, dependency);
      }
    }
    request(p, dependency, f);
  }

  void activate(size_t p, const std::string& key) {
    if (!activated_[p].insert(key).second) return;
    for (size_t e : graph_.out_edges(p)) {
      GraphEdge& edge = graph_.edges[e];
      if (!edge.optional || edge.name != key) continue;
      edge.feature_enabled = true;
      if (usable(edge)) follow(edge);
    }
    if (auto it = waiting_[p].find(key); it != waiting_[p].end()) {
      for (const std::string& f : it->second) request(p, key, f);
      waiting_[p].erase(it);
    }
  }

  // Feature `f` of p's dependency `key`, wherever p uses it.
  void request(size_t p, const std::string& key, const std::string& f) {
    for (size_t e : graph_.out_edges(p)) {
      const GraphEdge& edge = graph_.edges[e];
      if (edge.name == key && usable(edge) && (!edge.optional || activated_[p].contains(key))) feature(edge.to, f);
    }
  }

  // A package whose manifest is unknown may ask anything of what it uses:
  // below it, features are unknown and optional dependencies stay on.
  std::vector<bool> below_unknown() const {
    std::vector<bool> out(graph_.packages.size(), false);
    std::vector<size_t> stack;
    for (size_t p = 0; p < graph_.packages.size(); ++p)
      if (reached_[p] && !known(p)) stack.push_back(p);
    while (!stack.empty()) {
      size_t at = stack.back();
      stack.pop_back();
      for (size_t e : graph_.out_edges(at)) {
        size_t to = graph_.edges[e].to;
        if (!usable(graph_.edges[e]) || out[to]) continue;
        out[to] = true;
        stack.push_back(to);
      }
    }
    return out;
  }

  void write_out() {
    std::vector<bool> unknown = below_unknown();
    for (size_t p = 0; p < graph_.packages.size(); ++p) {
      if (!known(p)) continue;
      GraphPackage& package = graph_.packages[p];
      if (unknown[p]) {
        package.features.reset();
        for (size_t e : graph_.out_edges(p)) graph_.edges[e].feature_enabled = true;
        continue;
      }
      // Names that are no feature (`default` where none is declared, an
      // unknown --features name) are dropped, as Cargo reports them.
      package.features.emplace();
      if (!reached_[p]) continue;  // not built: no feature is on
      for (const std::string& f : on_[p])
        if (package.feature_table->contains(f) || implicit_feature(p, f)) package.features->insert(f);
    }
  }
};

}  // namespace

void resolve_features(ProjectGraph& graph) { FeatureResolver(graph).run(); }

}  // namespace cratescope::load
