#include "model/use_resolver.hpp"

#include <algorithm>

namespace cratescope::model {

namespace {

constexpr int kMaxHops = 8;
constexpr size_t kMaxCandidates = 8;
constexpr size_t kMaxSteps = 32;
constexpr size_t kMaxGlobsSeen = 256;

std::string_view first_segment(std::string_view path) {
  size_t at = path.find("::");
  return at == std::string_view::npos ? path : path.substr(0, at);
}

// "::rest" of `path` after its first segment, or "".
std::string_view after_first(std::string_view path) {
  size_t at = path.find("::");
  return at == std::string_view::npos ? std::string_view{} : path.substr(at);
}

std::string_view parent_module(std::string_view module) {
  size_t at = module.rfind("::");
  return at == std::string_view::npos ? module : module.substr(0, at);
}

// The pieces one after the other, in one allocation.
std::string joined(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string out;
  out.reserve(a.size() + b.size() + c.size());
  out.append(a).append(b).append(c);
  return out;
}

// Types the prelude brings into scope whose associated fns matter here.
const std::unordered_map<std::string_view, std::string_view>& prelude_types() {
  static const std::unordered_map<std::string_view, std::string_view> types = {
      {"Vec", "std::vec::Vec"}, {"String", "std::string::String"}, {"Box", "std::boxed::Box"},
      {"Option", "std::option::Option"}, {"Result", "std::result::Result"}, {"drop", "std::mem::drop"}};
  return types;
}

// Names every module sees through the standard prelude.
const std::unordered_set<std::string_view>& prelude_names() {
  static const std::unordered_set<std::string_view> names = {
      "Ok", "Err", "Some", "None", "Option", "Result", "Vec", "String", "Box", "ToString", "ToOwned", "Clone",
      "Copy", "Default", "Drop", "Eq", "PartialEq", "Ord", "PartialOrd", "Iterator", "IntoIterator", "Extend",
      "FromIterator", "DoubleEndedIterator", "ExactSizeIterator", "Fn", "FnMut", "FnOnce", "From", "Into",
      "TryFrom", "TryInto", "AsRef", "AsMut", "Send", "Sync", "Sized", "Unpin", "drop", "std", "core", "alloc"};
  return names;
}

}  // namespace

namespace {

// `path`'s crate as std's paths are written (`core` and `alloc` are `std`,
// a leading `::` dropped) and the rest from its `::` on.
std::pair<std::string_view, std::string_view> std_spelled(std::string_view path) {
  if (path.starts_with("::")) path.remove_prefix(2);
  std::string_view head = first_segment(path);
  std::string_view rest = path.substr(head.size());
  if (head == "core" || head == "alloc") head = "std";
  return {head, rest};
}

}  // namespace

std::string normalize_std(std::string path) {
  auto [head, rest] = std_spelled(path);
  return joined(head, rest);
}

UseResolver::UseResolver(const Target& target, std::map<std::string, std::string> crate_aliases)
    : crate_aliases_(crate_aliases.begin(), crate_aliases.end()) {
  item_paths_.reserve(target.items.size() + target.modules.size());  // no rehash on the way
  module_paths_.reserve(target.modules.size());
  for (const auto& item : target.items) item_paths_.insert(item.path);
  for (const auto& module : target.modules) {
    item_paths_.insert(module.path);
    module_paths_.insert(module.path);
  }
  for (const auto& use : target.uses) {
    Bindings& b = modules_[use.module];
    // 2018 paths are relative: `pub use net::fetch;` next to `mod net;`
    // names the child module, not a crate called `net`.
    std::string path = use.path;
    if (!path.starts_with("crate") && !path.starts_with("::") &&
        item_paths_.contains(use.module + "::" + std::string(first_segment(path))))
      path = use.module + "::" + path;
    if (use.is_glob) {
      if (use.is_pub) b.exported_globs.insert(path);
      b.globs.push_back(std::move(path));
    } else if (use.local_name != "_") {
      if (b.names.emplace(use.local_name, std::move(path)).second && use.is_pub) b.exported_names.insert(use.local_name);
    }
  }
}

UseResolver::UseResolver(const State& state)
    : crate_aliases_(state.crate_aliases.begin(), state.crate_aliases.end()) {
  for (const auto& m : state.modules) {
    Bindings& b = modules_[m.module];
    for (const auto& [name, path] : m.names) b.names.emplace(name, path);
    b.globs = m.globs;
    b.exported_names.insert(m.exported_names.begin(), m.exported_names.end());
    b.exported_globs.insert(m.exported_globs.begin(), m.exported_globs.end());
  }
  item_paths_.insert(state.item_paths.begin(), state.item_paths.end());
  module_paths_.insert(state.module_paths.begin(), state.module_paths.end());
}

std::vector<UseResolver::State::ModuleUses> UseResolver::module_uses(bool exported_only) const {
  std::vector<State::ModuleUses> out;
  out.reserve(modules_.size());
  for (const auto& [module, b] : modules_) {
    State::ModuleUses& m = out.emplace_back();
    m.module = module;
    for (const auto& [name, path] : b.names)
      if (!exported_only || b.exported_names.contains(name)) m.names.emplace_back(name, path);
    for (const auto& glob : b.globs)
      if (!exported_only || b.exported_globs.contains(glob)) m.globs.push_back(glob);
    if (exported_only) continue;
    m.exported_names.assign(b.exported_names.begin(), b.exported_names.end());
    m.exported_globs.assign(b.exported_globs.begin(), b.exported_globs.end());
  }
  return out;
}

UseResolver::State UseResolver::state() const {
  State out;
  out.modules = module_uses();
  out.item_paths.assign(item_paths_.begin(), item_paths_.end());
  out.module_paths.assign(module_paths_.begin(), module_paths_.end());
  out.crate_aliases.insert(crate_aliases_.begin(), crate_aliases_.end());
  return out;
}

// Follows `use`/`pub use` bindings inside the crate: `crate::a::B::f` where
// `crate::a` has `use x::y::B` becomes `x::y::B::f`.
std::string UseResolver::chase_local(std::string path, int hops) const {
  while (hops++ < kMaxHops && path.starts_with("crate::")) {
    bool rewritten = false;
    // The longest module prefix that binds the next segment.
    for (size_t end = path.rfind("::"); end != std::string::npos && end > 0; end = path.rfind("::", end - 1)) {
      std::string_view whole = path;
      std::string_view module = whole.substr(0, end);
      size_t name_end = whole.find("::", end + 2);
      std::string_view name = whole.substr(end + 2, name_end == std::string::npos ? std::string::npos : name_end - end - 2);
      std::string_view rest = name_end == std::string::npos ? std::string_view{} : whole.substr(name_end);
      // Defined here, not imported; but a module named last may share its
      // name with the fn a `use` brings in (tokio's `mod spawn; pub use
      // spawn::spawn;`): modules and fns live in different namespaces, and
      // a path that ends there names the fn.
      std::string_view defined = whole.substr(0, name_end);  // module::name
      bool module_named_last = rest.empty() && module_paths_.contains(defined);
      if (item_paths_.contains(defined) && !module_named_last) break;
      auto found = modules_.find(module);
      if (found == modules_.end()) {
        if (module_named_last) break;
        continue;
      }
      auto binding = found->second.names.find(name);
      if (binding == found->second.names.end()) {
        if (module_named_last) break;
        continue;
      }
      std::string next = joined(binding->second, rest);
      path = next.starts_with("crate::") || next == "crate" ? std::move(next) : extern_path(next);
      rewritten = true;
      break;
    }
    if (!rewritten) break;
  }
  return path;
}

std::string UseResolver::extern_path(std::string_view path) const {
  auto [head, rest] = std_spelled(path);
  auto alias = crate_aliases_.find(head);
  return joined(alias != crate_aliases_.end() ? std::string_view(alias->second) : head, rest);
}

void UseResolver::resolve_into(std::string_view module, std::string_view written, int hops, Search& search) const {
  std::vector<std::string>& out = search.out;
  // Glob chains (`use super::*` over `pub use crate::prelude::*` ...) branch
  // at every module: each module is searched once per question, and the
  // whole search has a budget, so crates like proptest stay linear.
  if (out.size() >= kMaxCandidates || hops > kMaxHops || ++search.steps > kMaxSteps) return;
  if (hops > 0) {  // only a recursion can come back to a question already asked
    std::string question = joined(module, "\x1f", written);
    if (std::find(search.visited.begin(), search.visited.end(), question) != search.visited.end()) return;
    search.visited.push_back(std::move(question));
  }
  auto add = [&](std::string path) {
    if (std::find(out.begin(), out.end(), path) == out.end()) out.push_back(std::move(path));
  };
  if (written.starts_with("::")) return add(extern_path(written));
  std::string_view first = first_segment(written);
  std::string_view rest = after_first(written);
  if (first == "crate" || first == "$crate") return add(chase_local(joined("crate", rest), hops));
  if (first == "self") return add(chase_local(joined(module, rest), hops));
  if (first == "super") {
    std::string_view up = parent_module(module);
    std::string_view remainder = rest.empty() ? rest : rest.substr(2);
    if (remainder.starts_with("super")) return resolve_into(up, remainder, hops + 1, search);
    return add(chase_local(joined(up, rest), hops));
  }
  if (first == "Self") return;  // needs the impl's type; a later pass
  auto bindings = modules_.find(module);
  if (bindings != modules_.end()) {
    auto bound = bindings->second.names.find(first);
    if (bound != bindings->second.names.end()) {
      const std::string& target = bound->second;
      // 2018 relative `use fs::File;` after `use std::fs;`: resolve the use path too.
      std::string_view head = first_segment(target);
      if (head != first && bindings->second.names.contains(head) && hops < kMaxHops)
        return resolve_into(module, joined(target, rest), hops + 1, search);
      if (target.starts_with("crate::") || target == "crate") return add(chase_local(joined(target, rest), hops));
      return add(extern_path(joined(target, rest)));
    }
  }
  // Defined right here (items shadow imports): only a module can hold
  // re-exports worth following.
  std::string local = joined(module, "::", first);
  if (module_paths_.contains(local)) return add(chase_local(joined(module, "::", written), hops));
  if (item_paths_.contains(local)) return add(joined(module, "::", written));
  // `Ok(())` or `String::new()` in a module with `use std::fs::*;` are the
  // prelude's: a glob of another crate's module cannot be searched here, and
  // taking every name from it turned all of them into that module's items.
  // A dependency's name (the extern prelude) or std: no glob can matter
  // more than that, and searching them is what made web-sys slow.
  if (!rest.empty() && (crate_aliases_.contains(first) || first == "std" || first == "core" || first == "alloc"))
    return add(extern_path(written));
  bool prelude_name = prelude_names().contains(first);
  if (bindings != modules_.end()) {
    for (const auto& glob : bindings->second.globs) {
      if (++search.globs_seen > kMaxGlobsSeen) return;  // modules with thousands of globs (generated crates)
      if (prelude_name && !glob.starts_with("crate")) continue;
      if (glob.starts_with("crate")) {
        std::string through_glob = joined(glob, "::", written);
        std::string local = chase_local(through_glob, hops);
        if (local != through_glob) add(std::move(local));
        else if (glob != module) resolve_into(glob, written, hops + 1, search);  // `use super::*`: the parent's imports
      } else {
        add(extern_path(joined(glob, "::", written)));
      }
    }
  }
  auto prelude = prelude_types().find(first);
  if (prelude != prelude_types().end()) return add(joined(prelude->second, rest));
  // An extern crate (`libc::getpid`) or a name from the prelude.
  if (!rest.empty()) add(extern_path(written));
}

const std::string* UseResolver::binding(const std::string& module, std::string_view name) const {
  auto bindings = modules_.find(module);
  if (bindings == modules_.end()) return nullptr;
  auto bound = bindings->second.names.find(name);
  return bound == bindings->second.names.end() ? nullptr : &bound->second;
}

const std::vector<std::string>& UseResolver::resolve(const std::string& module, std::string_view written) const {
  thread_local std::string question;  // the key, without an allocation per question
  question.assign(module).append(1, '\x1f').append(written);
  {
    std::lock_guard lock(answers_->mutex);
    auto known = answers_->by_question.find(question);
    if (known != answers_->by_question.end()) return known->second;
  }
  Search search;
  resolve_into(module, written, 0, search);
  std::lock_guard lock(answers_->mutex);
  // A node's value stays put while others are added (rehashing moves none).
  return answers_->by_question.try_emplace(question, std::move(search.out)).first->second;
}

void UseResolver::forget_answers() const {
  std::lock_guard lock(answers_->mutex);
  StringMap<std::vector<std::string>>().swap(answers_->by_question);
}

}  // namespace cratescope::model
