#include "callgraph/crate_unit.hpp"

#include <cctype>
#include <algorithm>
#include <optional>
#include <unordered_set>
#include <unordered_map>

#include "callgraph/receiver_types.hpp"
#include "crates/crate_loader.hpp"
#include "callgraph/path_text.hpp"

namespace cratescope::callgraph {

namespace {

bool is_function(model::ItemKind kind) {
  return kind == model::ItemKind::function || kind == model::ItemKind::method ||
         kind == model::ItemKind::trait_method || kind == model::ItemKind::proc_macro ||
         kind == model::ItemKind::extern_fn || kind == model::ItemKind::macro_rules;
}

// The trait an impl method implements, as the impl's `use`s name it: the
// crate that declares it (`crate`, `std`, a dependency as `serde`) and its
// path (`serde::de::Visitor`). Either is empty when they do not tell (a
// prelude trait, globs that disagree).
struct TraitOrigin {
  std::string crate, path;
};
TraitOrigin trait_origin_of(const model::UseResolver& resolver, const model::Item& method) {
  std::string_view written = method.trait_name;
  written = written.substr(0, written.find('<'));
  std::string module = impl_module_of(method).value_or(parent_path(parent_path(method.path)));
  const std::vector<std::string>& candidates = resolver.resolve(module, written);
  TraitOrigin origin;
  for (const std::string& candidate : candidates) {
    std::string_view first = std::string_view(candidate).substr(0, candidate.find("::"));
    if (!origin.crate.empty() && origin.crate != first) return {};
    origin.crate = first;
  }
  if (candidates.size() == 1) origin.path = candidates.front();
  return origin;
}

// Where a method's impl self type is declared (Function::self_type), and
// for another crate's type its path (Function::foreign_type).
std::pair<SelfType, std::string> self_type_of(const model::UseResolver& resolver, const model::Item& method) {
  if (method.kind != model::ItemKind::method) return {SelfType::unknown, ""};
  std::string written = type_path(method.self_type);
  if (written.starts_with("crate::") || written.starts_with("self::") || written.starts_with("super::"))
    return {SelfType::local, ""};
  std::optional<std::string> module = impl_module_of(method);
  if (!module) return {SelfType::unknown, ""};
  const std::vector<std::string>& candidates = resolver.resolve(*module, written);
  if (candidates.empty()) return {SelfType::unknown, ""};
  auto local = [](const std::string& c) { return c.starts_with("crate::"); };
  if (std::all_of(candidates.begin(), candidates.end(), local)) return {SelfType::local, ""};
  if (!std::none_of(candidates.begin(), candidates.end(), local)) return {SelfType::unknown, ""};
  return {SelfType::foreign, candidates.size() == 1 ? candidates.front() : ""};
}

// What a receiver's type (as written in `module`) is known to be.
enum class TypeOrigin {
  unknown,  // a generic parameter, or a name the `use`s do not explain
  std,      // a primitive, a prelude type, or a path every candidate of which is std's
  named,    // a type of this crate or of a dependency
};

TypeOrigin origin_of(const model::UseResolver& resolver, const std::string& module, const std::string& type) {
  static const std::unordered_set<std::string_view> primitives = {
      "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize",
      "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64"};
  if (primitives.contains(type)) return TypeOrigin::std;
  if (type.starts_with("crate::")) return TypeOrigin::named;
  const std::vector<std::string>& candidates = resolver.resolve(module, type);
  if (candidates.empty()) return TypeOrigin::unknown;
  bool all_std = std::all_of(candidates.begin(), candidates.end(),
                             [](const std::string& c) { return c == "std" || c.starts_with("std::"); });
  return all_std ? TypeOrigin::std : TypeOrigin::named;
}

// `type::member` as seen from `module` (a crate-local type, `crate::a::T`, is
// already absolute), std's dropped.
std::vector<std::string> member_paths(const TargetIndex& index, const std::string& module, const std::string& type,
                                      std::string_view member) {
  std::string path = type + "::" + std::string(member);
  std::vector<std::string> out = type.starts_with("crate::") ? std::vector<std::string>{path}
                                                             : index.resolver().resolve(module, path);
  drop_std_paths_but_conversions(out);
  return out;
}

class UnitBuilder {
 public:
  explicit UnitBuilder(CrateUnit& unit) : unit_(unit) {}

  uint32_t file_index(const std::string& file) {
    // Facts come file by file: the last answer is most often the one asked.
    if (!unit_.files.empty() && file == unit_.files[last_file_]) return last_file_;
    auto [it, inserted] = file_ids_.try_emplace(file, static_cast<uint32_t>(unit_.files.size()));
    if (inserted) unit_.files.push_back(file);
    return last_file_ = it->second;
  }

  void add_target(const model::Target& target, const std::map<std::string, std::string>& aliases) {
    UnitTarget& out = unit_.targets.emplace_back();
    out.target.kind = target.spec.kind;
    out.target.name = target.spec.name;
    out.index = std::make_unique<TargetIndex>(target, aliases);
    ReceiverTypes receivers(target, out.index->resolver());
    Functions by_path = add_functions(target, out, out.index->resolver());
    // A call site at `location` in the fn `enclosing`, if that is a fn.
    // Facts come fn by fn: the last fn found is most often the one asked.
    const std::string* last_enclosing = nullptr;
    Functions::const_iterator last_caller = by_path.end();
    auto site = [&](const std::string& enclosing, const SourceLocation& location) -> std::optional<PendingCall> {
      if (!last_enclosing || enclosing != *last_enclosing) {
        last_caller = by_path.find(enclosing);
        last_enclosing = &enclosing;
      }
      if (last_caller == by_path.end()) return std::nullopt;  // code outside fns (const initialisers)
      PendingCall call;
      call.caller = last_caller->second;
      call.file = file_index(location.file);
      call.position = location.position;
      return call;
    };
    for (const auto& r : target.references) {
      if (r.kind == model::ReferenceKind::raw_deref) continue;
      std::optional<PendingCall> call = site(r.enclosing, r.location);
      if (!call) continue;
      call->arity = r.arity;
      if (candidates(r, out.functions[call->caller], *out.index, receivers, by_path, *call))
        out.calls.push_back(std::move(*call));
    }
    // A value of a type with `impl Drop` runs its `drop` where it goes out
    // of scope: an edge from the fn that binds it (at the binding).
    for (const auto& b : target.bindings) {
      if (!b.from_call && (b.type.starts_with('&') || b.type.starts_with('*'))) continue;  // `rhs: &Self` borrows
      if (b.from_call && is_pattern_member(b.type)) continue;  // `Ast::Concat(x)` in a match on `&self` most often borrows
      std::optional<PendingCall> call = site(b.enclosing, b.location);
      if (!call) continue;
      std::string type = receivers.type_of(b.enclosing, b.module, b.name, b.location.position);
      if (type.empty() || type == "Self" || type.starts_with("Self::")) continue;
      call->kind = EdgeKind::implicit_drop;
      call->names = member_paths(*out.index, b.module, type, "drop");
      if (!call->names.empty()) out.calls.push_back(std::move(*call));
    }
    for (const auto& m : target.macro_calls) {
      std::optional<PendingCall> call = site(m.enclosing, m.location);
      if (!call) continue;
      call->kind = EdgeKind::macro_call;
      std::string name = m.name.starts_with("$crate::") ? "crate" + m.name.substr(6) : m.name;
      call->names = out.index->resolver().resolve(m.module, name);
      drop_std_paths(call->names);
      // Textually scoped and #[macro_export] macros are found by name.
      if (name.find("::") == std::string::npos) call->names.push_back("crate::" + name);
      if (!call->names.empty()) out.calls.push_back(std::move(*call));
    }
  }

 private:
  CrateUnit& unit_;
  std::unordered_map<std::string, uint32_t> file_ids_;
  uint32_t last_file_ = 0;  // file_index's last answer
  // Path -> index in UnitTarget::functions; the keys are the model target's
  // paths, which outlive the unit's building.
  using Functions = std::unordered_map<std::string_view, uint32_t>;

  Functions add_functions(const model::Target& target, UnitTarget& out, const model::UseResolver& resolver) {
    Functions by_path;
    bool test_target = model::is_test_only(target.spec.kind);
    for (const auto& item : target.items) {
      if (!is_function(item.kind)) continue;
      Function f;
      f.path = item.path;
      f.file = file_index(item.location.file);
      f.position = item.location.position;
      f.kind = item.kind;
      f.test_only = item.test_only || test_target;
      // (A #[macro_export] macro is public whatever its module.)
      f.is_pub = item.visibility == "pub" || (item.kind == model::ItemKind::macro_rules && item.is_pub);
      f.has_body = item.has_body;
      f.arity = item.arity;
      f.has_self = item.has_self;
      if (!item.trait_name.empty()) {
        f.trait_name = std::string(type_base_name(item.trait_name));
        TraitOrigin origin = trait_origin_of(resolver, item);
        f.trait_crate = std::move(origin.crate);
        f.trait_path = std::move(origin.path);
      }
      std::tie(f.self_type, f.foreign_type) = self_type_of(resolver, item);
      by_path.emplace(item.path, static_cast<uint32_t>(out.functions.size()));
      out.functions.push_back(std::move(f));
    }
    return by_path;
  }

  // False when the reference names nothing a call graph follows (a local
  // variable, a std path).
  static bool candidates(const model::Reference& r, const Function& caller, const TargetIndex& index,
                         const ReceiverTypes& receivers, const Functions& functions, PendingCall& call) {
    if (r.kind == model::ReferenceKind::method && r.implicit) {
      // `for x in it`, `a + b`: an edge only when the receiver's type is known
      // (by name, every `add` and `next` in scope would be noise).
      std::string type = r.on_self            ? parent_path(caller.path)
                         : r.receiver == "?" ? receivers.error_type_of(caller.path)
                                             : receivers.type_of(caller.path, r.module, r.receiver, r.location.position);
      if (type.empty() || (!r.on_self && (type == "Self" || type.starts_with("Self::")))) return false;
      call.kind = EdgeKind::implicit_call;
      call.names = member_paths(index, r.module, type, r.path);
      return !call.names.empty();
    }
    if (r.kind == model::ReferenceKind::method) {
      if (!r.receiver.empty()) {
        std::string type = receivers.type_of(caller.path, r.module, r.receiver, r.location.position);
        if (type == "Self" || type.starts_with("Self::")) type = parent_path(caller.path) + type.substr(4);
        // A type parameter or `impl Trait` has its bounds' trait methods only;
        // std's own methods are not modelled: only crates' traits are left.
        bool generic = type == model::kGenericBindingType;
        TypeOrigin origin = type.empty() || generic ? TypeOrigin::unknown : origin_of(index.resolver(), r.module, type);
        if (generic || origin == TypeOrigin::std) {
          call.kind = EdgeKind::method_name;
          call.generic_receiver = generic;
          call.typed_receiver = !generic;
          call.std_receiver = !generic;
          call.names.push_back(r.path);
          return true;
        }
        if (!type.empty()) {
          call.kind = EdgeKind::receiver_type;
          call.typed_receiver = origin == TypeOrigin::named;
          call.names = member_paths(index, r.module, type, r.path);
          call.fallback_method = r.path;
          if (!call.names.empty()) return true;
          call.fallback_method.clear();
        }
      }
      call.kind = EdgeKind::method_name;
      call.on_self = r.on_self;
      // `self` in an impl is of the impl's type (in a trait's default body it can be any).
      call.typed_receiver = r.on_self && caller.kind == model::ItemKind::method;
      call.names.push_back(r.path);
      return true;
    }
    call.kind = r.in_macro_args ? EdgeKind::macro_tokens
                : r.kind == model::ReferenceKind::path ? EdgeKind::fn_value
                                                       : EdgeKind::path;
    const std::string& written = r.path;
    // `Some(x)`, `Foo::Bar(..)`, `Ordering::Less`: constructors and constants
    // (functions are snake_case), the bulk of what resolving would cost.
    size_t last = written.rfind("::");
    char first_of_last = last == std::string::npos ? written.front() : written[last + 2 < written.size() ? last + 2 : last];
    if (std::isupper(static_cast<unsigned char>(first_of_last))) return false;
    if (written.starts_with("Self::")) {
      if (caller.kind != model::ItemKind::method && caller.kind != model::ItemKind::trait_method) return false;
      call.kind = EdgeKind::self_path;
      call.names.push_back(parent_path(caller.path) + written.substr(4));
      return true;
    }
    // A fn declared inside the caller's body (`crate::f::helper`) shadows
    // the module's names, `use`s and re-exports alike.
    if (written.find("::") == std::string::npos) {
      std::string nested = caller.path + "::" + written;
      if (functions.contains(nested)) {
        call.names.push_back(std::move(nested));
        return true;
      }
    }
    call.names = index.resolver().resolve(r.module, written);
    drop_std_paths_but_conversions(call.names);
    return !call.names.empty();
  }
};

}  // namespace

CrateUnit model_crate(const Context& context, const std::string& crate_dir, bool member, bool include_tests,
                      const CfgFacts* cfg, const InspectModel& inspect) {
  crates::LoadedCrate loaded = crates::load_crate(context, crate_dir, {member && include_tests, member, true, cfg});
  CrateUnit unit;
  UnitBuilder builder(unit);
  for (const auto& target : loaded.model.targets) builder.add_target(target, loaded.crate_aliases);
  if (inspect) {
    ModelInspection modelled{loaded, {}};
    for (const auto& target : unit.targets) modelled.resolvers.push_back(&target.index->resolver());
    inspect(modelled);
  }
  for (const auto& target : unit.targets) target.index->resolver().forget_answers();
  unit.status.analyzed = true;
  for (const auto& file : loaded.model.files)
    if (!file.analyzed()) unit.status.unanalyzed_files.push_back(file.path);
  return unit;
}

}  // namespace cratescope::callgraph
