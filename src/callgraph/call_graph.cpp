#include "callgraph/call_graph.hpp"
#include <algorithm>

#include "callgraph/linker.hpp"
#include "callgraph/target_index.hpp"

namespace cratescope::callgraph {

std::string_view to_string(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::path: return "path";
    case EdgeKind::self_path: return "self";
    case EdgeKind::type_method: return "type-method";
    case EdgeKind::fn_value: return "fn-value";
    case EdgeKind::macro_tokens: return "macro-tokens";
    case EdgeKind::method_name: return "method-name";
    case EdgeKind::trait_impl: return "trait-impl";
    case EdgeKind::receiver_type: return "receiver-type";
    case EdgeKind::macro_call: return "macro";
    case EdgeKind::implicit_drop: return "drop";
    case EdgeKind::implicit_call: return "implicit";
  }
  return "?";
}

std::string_view to_string(Confidence confidence) {
  switch (confidence) {
    case Confidence::high: return "high";
    case Confidence::medium: return "medium";
    case Confidence::low: return "low";
  }
  return "?";
}

std::string_view Function::name() const {
  size_t at = path.rfind("::");
  return at == std::string::npos ? std::string_view(path) : std::string_view(path).substr(at + 2);
}

CallGraph::CallGraph() = default;
CallGraph::~CallGraph() = default;
CallGraph::CallGraph(CallGraph&&) noexcept = default;
CallGraph& CallGraph::operator=(CallGraph&&) noexcept = default;

std::string CallGraph::display(FunctionId f) const {
  const Function& fn = functions[f];
  std::string out = package_labels[fn.package];
  const Target& target = targets[fn.target];
  if (target.kind != model::TargetKind::lib) {
    out += "[";
    out += model::to_string(target.kind);
    if (target.kind != model::TargetKind::build_script) out += " " + target.name;
    out += "]";
  }
  std::string_view path = fn.path;
  if (path.starts_with("crate")) path.remove_prefix(5);
  out += path;
  return out;
}

size_t CallGraph::view_of(FunctionId caller) const {
  const Function& f = functions[caller];
  model::TargetKind kind = targets[f.target].kind;
  return f.test_only || model::is_test_only(kind)    ? kDevKinds
         : kind == model::TargetKind::build_script ? kBuildKinds
                                                   : kNormalKinds;
}

bool CallGraph::can_name(FunctionId caller, uint32_t package) const {
  return visible_[view_of(caller)].contains(functions[caller].package, package);
}

bool CallGraph::members_can_hand_over(FunctionId caller, uint32_t package) const {
  return handed_over_.contains(functions[caller].package, package);
}

std::vector<FunctionId> CallGraph::find(uint32_t package, std::string_view path) const {
  if (package >= lib_target_.size() || lib_target_[package] < 0) return {};
  std::string local(path);
  const std::string& name = package_names_[package];
  if (path.starts_with(name) && path.substr(name.size()).starts_with("::"))
    local = "crate" + std::string(path.substr(name.size()));
  else if (path == name)
    local = "crate";
  else if (!path.starts_with("crate::"))
    local = "crate::" + local;
  return find_in_target(static_cast<uint32_t>(lib_target_[package]), local);
}

std::vector<FunctionId> CallGraph::find_in_target(uint32_t target, const std::string& crate_path) const {
  if (target >= targets.size()) return {};
  std::vector<Linker::Hit> hits;
  Linker(*this).resolve(target, crate_path, hits);
  std::vector<FunctionId> out;
  for (const auto& hit : hits)
    if (std::find(out.begin(), out.end(), hit.function) == out.end()) out.push_back(hit.function);
  return out;
}

std::vector<uint32_t> CallGraph::packages_named(std::string_view name) const {
  std::string identifier(name);
  std::replace(identifier.begin(), identifier.end(), '-', '_');
  std::vector<uint32_t> out;
  for (uint32_t p = 0; p < package_names_.size(); ++p)
    if (package_names_[p] == identifier) out.push_back(p);
  return out;
}

GraphStats CallGraph::stats() const {
  GraphStats s;
  for (const auto& p : packages) s.packages += p.analyzed;
  s.functions = functions.size();
  s.edges = edges_.size();
  s.unresolved_calls = unresolved_calls_;
  for (const Edge& e : edges_) ++s.edges_by_kind[static_cast<size_t>(e.kind)];
  return s;
}

std::vector<std::pair<std::string, std::string>> CallGraph::trait_impls(uint32_t target) const {
  if (target >= indexes_.size() || !indexes_[target]) return {};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [type, traits] : indexes_[target]->traits_by_type())
    for (const std::string& trait : traits) out.emplace_back(type, trait);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<model::UseResolver::State::ModuleUses> CallGraph::module_uses(uint32_t target, bool exported_only) const {
  if (target >= indexes_.size() || !indexes_[target]) return {};
  return indexes_[target]->resolver().module_uses(exported_only);
}

}  // namespace cratescope::callgraph
