#include "callgraph/linker.hpp"
#include "callgraph/path_text.hpp"

#include <algorithm>
#include <cctype>

namespace cratescope::callgraph {

namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxSteps = 64;

// `T::f` where `T` names no crate: a generic parameter or a type the crate
// cannot see, so the call can only be matched by the method's name.
bool looks_like_type_call(const std::string& path) {
  size_t at = path.find("::");
  return at != std::string::npos && at > 0 && path.find("::", at + 2) == std::string::npos &&
         std::isupper(static_cast<unsigned char>(path[0]));
}

}  // namespace

template <class Visit>
void Linker::for_each_lib_in_scope(uint32_t target, Visit visit) const {
  uint32_t package = graph_.targets[target].package;
  auto lib_of = [&](uint32_t p) {
    int32_t lib = graph_.lib_target_[p];
    if (lib >= 0 && static_cast<uint32_t>(lib) != target) visit(std::string_view(graph_.package_names_[p]), static_cast<uint32_t>(lib));
  };
  lib_of(package);
  for (uint32_t dependency : graph_.dependencies_[package]) lib_of(dependency);
}

std::optional<MethodNameId> Linker::method_id(std::string_view name) const {
  auto found = graph_.method_ids_.find(name);
  if (found == graph_.method_ids_.end()) return std::nullopt;
  return found->second;
}

bool Linker::link(uint32_t target, FunctionId caller, const PendingCall& call, uint32_t file_base,
                  std::vector<std::pair<FunctionId, Edge>>& out) const {
  auto edge = [&](uint32_t to, EdgeKind kind, Confidence confidence, int8_t arity = -1) {
    out.push_back({caller, Edge{to, file_base + call.file, call.position, kind, confidence, arity, call.typed_receiver,
                                call.generic_receiver, call.std_receiver}});
  };
  const Function& from = graph_.functions[caller];
  if (call.kind == EdgeKind::method_name) {
    const std::string& name = call.names.front();
    if (call.on_self && (from.kind == model::ItemKind::method || from.kind == model::ItemKind::trait_method)) {
      std::string own_type = parent_path(from.path);
      if (const auto* own = graph_.indexes_[target]->exact(own_type + "::" + name)) {
        for (FunctionId f : *own) edge(f, EdgeKind::self_path, Confidence::high);
        return true;
      }
      // The type's other impl blocks, in other modules (`impl Display for T` in display.rs).
      if (const auto* by_type = graph_.indexes_[target]->type_method(last_segment(own_type), name)) {
        for (FunctionId f : *by_type) edge(f, EdgeKind::type_method, Confidence::medium);
        return true;
      }
    }
    // A method no crate of the project declares is std's (or a macro's).
    if (auto id = method_id(name)) edge(*id, EdgeKind::method_name, Confidence::low, call.arity);
    return true;
  }
  std::vector<Hit> hits;
  if (call.kind == EdgeKind::macro_call) {
    for (const std::string& name : call.names) resolve_macro(target, name, hits);
    for (const Hit& hit : hits) edge(hit.function, EdgeKind::macro_call, Confidence::high);
    return true;  // std's and unknown macros are not calls to resolve
  }
  for (const std::string& name : call.names) resolve(target, name, hits);
  if (call.kind == EdgeKind::implicit_call) {  // found or nothing: no fallback by name
    for (const Hit& hit : hits) edge(hit.function, EdgeKind::implicit_call, Confidence::medium);
    return true;
  }
  if (call.kind == EdgeKind::implicit_drop) {  // only a real `impl Drop` counts; most types have none
    for (const Hit& hit : hits)
      if (graph_.functions[hit.function].trait_name == "Drop") edge(hit.function, EdgeKind::implicit_drop, Confidence::medium);
    return true;
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.function < b.function; });
  hits.erase(std::unique(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.function == b.function; }),
             hits.end());
  // Several candidate paths, or one path several trait impls share (those
  // of `From<T>` for one type for several T, `JsValue::from`): the call lands
  // in one of them, which is not known. (Several plain fns at one path are
  // cfg twins, `#[cfg(unix)]` and `#[cfg(windows)]`: one of them is compiled.)
  bool ambiguous = call.names.size() > 1 ||
                   (hits.size() > 1 && std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
                      return !graph_.functions[h.function].trait_name.empty();
                    }));
  for (const Hit& hit : hits) {
    if (hit.by_type_name) edge(hit.function, EdgeKind::type_method, Confidence::medium);
    else edge(hit.function, call.kind, ambiguous ? Confidence::medium : Confidence::high);
  }
  if (!hits.empty()) return true;
  // std's own function (a conversion no crate's impl provides): nothing to link.
  if (std::all_of(call.names.begin(), call.names.end(), [](const std::string& n) { return n.starts_with("std::"); }))
    return true;
  // The receiver's type was known, but not where the method is (a trait
  // impl elsewhere, a Deref to another type): by name, as for any receiver.
  if (!call.fallback_method.empty()) {
    if (auto id = method_id(call.fallback_method)) edge(*id, EdgeKind::method_name, Confidence::low, call.arity);
    return true;
  }
  for (const std::string& name : call.names) {
    if (!looks_like_type_call(name)) continue;
    if (auto id = method_id(last_segment(name))) edge(*id, EdgeKind::method_name, Confidence::low);
    return true;
  }
  // `Some(x)`, `Ast::Class(..)`, `Point(1, 2)`: constructors, not calls to resolve.
  std::string_view last = last_segment(call.names.front());
  return !last.empty() && std::isupper(static_cast<unsigned char>(last[0]));
}

// `crate::m` or `dep::m` (a #[macro_export] macro is at its crate's root,
// wherever it is written): the macro of that name in that crate.
void Linker::resolve_macro(uint32_t target, const std::string& path, std::vector<Hit>& out) const {
  size_t at = path.find("::");
  if (at == std::string::npos) return;
  std::string_view name = last_segment(path);
  auto in_target = [&](uint32_t t) {
    if (const auto* macros = graph_.indexes_[t]->macro_named(name))
      for (FunctionId f : *macros)
        if (std::none_of(out.begin(), out.end(), [&](const Hit& h) { return h.function == f; })) out.push_back({f, false});
  };
  std::string_view crate = std::string_view(path).substr(0, at);
  if (crate == "crate") return in_target(target);
  for_each_lib_in_scope(target, [&](std::string_view name, uint32_t lib) {
    if (name == crate) in_target(lib);
  });
}

void Linker::resolve(uint32_t target, const std::string& path, std::vector<Hit>& out) const {
  if (path.starts_with("std::")) return resolve_foreign(target, path, out);
  Search search{out};
  resolve_in(target, path, 0, search);
}

// In the caller's target, its package's lib and its dependencies' libs: the
// crates whose impls (`impl From<E> for std::io::Error`) the caller can use.
void Linker::resolve_foreign(uint32_t target, const std::string& path, std::vector<Hit>& out) const {
  auto in_target = [&](uint32_t t) {
    if (const auto* found = graph_.indexes_[t]->foreign_method(path))
      for (FunctionId f : *found) out.push_back({f, false});
  };
  in_target(target);
  for_each_lib_in_scope(target, [&](std::string_view, uint32_t lib) { in_target(lib); });
}

void Linker::resolve_in(uint32_t target, const std::string& path, int depth, Search& search) const {
  if (depth > kMaxDepth || ++search.steps > kMaxSteps) return;
  if (path == "crate" || path.starts_with("crate::")) return resolve_local(target, path, depth, search);
  if (path == "std" || path.starts_with("std::")) return;  // the standard library is not modelled
  resolve_extern(target, path, depth, search);
}

void Linker::resolve_local(uint32_t target, const std::string& path, int depth, Search& search) const {
  const TargetIndex& index = *graph_.indexes_[target];
  if (const auto* exact = index.exact(path)) {
    for (FunctionId f : *exact) search.out.push_back({f, false});
    return;
  }
  // Re-exports the resolver did not chase (globs: `pub use self::imp::*`).
  auto [module, rest] = index.split_module(path);
  if (!rest.empty()) {
    size_t before = search.out.size();
    for (const std::string& candidate : index.resolver().resolve(module, rest))
      if (candidate != path) resolve_in(target, candidate, depth + 1, search);
    if (search.out.size() > before) return;
  }
  // `Type::f` whose impl block sits in another module than the type.
  size_t last = path.rfind("::");
  if (last == std::string::npos || last == 0) return;
  size_t type_start = path.rfind("::", last - 1);
  if (type_start == std::string::npos) return;
  std::string_view type = std::string_view(path).substr(type_start + 2, last - type_start - 2);
  if (type.empty() || !std::isupper(static_cast<unsigned char>(type[0]))) return;
  std::string_view method = std::string_view(path).substr(last + 2);
  if (const auto* methods = index.type_method(type, method)) {
    for (FunctionId f : *methods) search.out.push_back({f, true});
    return;
  }
  // No method of that name of its own: a provided method of a trait the
  // type implements (`StdRng::from_entropy` is `SeedableRng::from_entropy`).
  if (const auto* traits = index.traits_of(type)) {
    size_t before = search.out.size();
    for (const std::string& trait : *traits) resolve_in(target, trait + "::" + std::string(method), depth + 1, search);
    for (size_t i = before; i < search.out.size(); ++i) search.out[i].by_type_name = true;
  }
}

void Linker::resolve_extern(uint32_t target, const std::string& path, int depth, Search& search) const {
  size_t at = path.find("::");
  std::string_view crate = std::string_view(path).substr(0, at);
  std::string rest = at == std::string::npos ? "" : path.substr(at);
  for_each_lib_in_scope(target, [&](std::string_view name, uint32_t lib) {
    if (name == crate) resolve_in(lib, "crate" + rest, depth + 1, search);
  });
}

}  // namespace cratescope::callgraph
