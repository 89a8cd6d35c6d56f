#pragma once
// The call graph of a project: every fn and method of the workspace and of its
// locked dependencies, and the calls between them, each resolved to the exact
// version the lockfile selects. Built from source (model/), never compiled.
//
// Without a type checker some calls cannot be pinned to one callee: `x.f()`
// with a receiver of unknown type goes to every method `f` that can be in
// scope (EdgeKind::method_name, low confidence), a trait method to every impl
// of it. Reachability over these edges is an over-approximation; each edge
// says how it was found so that a path can be judged.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "callgraph/package_sets.hpp"
#include "core/source_location.hpp"
#include "core/string_table.hpp"
#include "model/crate_model.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::callgraph {

enum class EdgeKind : uint8_t {
  path,         // `a::b::f()` resolved through `use`s, re-exports and the module tree
  self_path,    // `Self::f()` or `self.f()` in an impl
  type_method,  // `Type::f()` matched by the type's name: the impl block is elsewhere
  fn_value,     // a fn named as a value: `.map(parse)`, `let g = f;`
  macro_tokens, // a path or call picked out of a macro call's tokens
  method_name,  // `x.f()`: every method `f` that can be in scope
  trait_impl,   // a trait's method to each impl of it (dynamic dispatch, generics)
  receiver_type,  // `x.f()` where `x`'s type is written down: `let x = T::new()`, `x: &T`, a field's type
  macro_call,     // `m!(..)` to the macro_rules! whose body holds the calls its expansion makes
  implicit_drop,  // `let x = T::new()` in a fn: T's `drop` runs when x goes out of scope
  implicit_call,  // not written: `for x in it` (into_iter, next), operators (`a + b`: add) on a known type
};
inline constexpr size_t kEdgeKinds = 11;
std::string_view to_string(EdgeKind kind);

enum class Confidence : uint8_t { high, medium, low };
std::string_view to_string(Confidence confidence);

using FunctionId = uint32_t;
using MethodNameId = uint32_t;

enum class SelfType : uint8_t {
  unknown,  // not a method, a type parameter (blanket impls), or a name the `use`s do not explain
  local,    // a type of the method's own crate
  foreign,  // another crate's (std's, a dependency's)
};

struct Function {
  uint32_t package = 0;  // index in load::ProjectGraph::packages
  uint32_t target = 0;   // index in CallGraph::targets
  std::string path;      // `crate::a::Type::f`, as in the source model
  uint32_t file = 0;     // index in CallGraph::files
  TextPosition position;
  model::ItemKind kind = model::ItemKind::function;
  bool test_only = false;   // #[cfg(test)], or in a test/bench/example target
  bool is_pub = false;      // declared `pub` (its module may still be private)
  bool has_body = true;     // trait methods without a default body are nodes too
  std::string trait_name;   // impl methods of `impl Trait for T`: the trait's last segment
  std::string trait_crate;  // and where that trait is declared: `crate`, `std`, a dependency as the
                            // crate names it (`serde`), or empty when the `use`s do not tell
  std::string trait_path;   // and the trait's path when they name one (`rand_core::SeedableRng`)
  int8_t arity = -1;        // parameters besides `self`
  bool has_self = false;    // callable as `x.f()`
  // Methods: where the impl's self type is declared. A method on another
  // crate's type (`impl From<E> for std::io::Error` gives
  // `crate::de::std::io::Error::from`) is never found by the last name of
  // its type; one on a type of its own crate never applies to std's values.
  SelfType self_type = SelfType::unknown;
  std::string foreign_type;  // SelfType::foreign: the type as the crate's `use`s resolve it (`std::io::Error`)
  std::string_view name() const;  // the last segment of the path
};

struct Target {
  uint32_t package = 0;
  model::TargetKind kind = model::TargetKind::lib;
  std::string name;
};

// A call site. For method_name edges `to` is a MethodNameId: the callees are
// CallGraph::methods_named(to), as far as the caller's crate can see them.
struct Edge {
  uint32_t to = 0;
  uint32_t file = 0;
  TextPosition position;
  EdgeKind kind = EdgeKind::path;
  Confidence confidence = Confidence::high;
  int8_t arity = -1;  // method_name: arguments written at the call (-1: not known)
  // method_name: the receiver's type is known, and it is std's (`v: Vec<u8>`)
  // or has no method of that name in the source (derived, a blanket impl).
  bool typed_receiver = false;
  // method_name: the receiver is of a type parameter or `impl Trait`, whose
  // inherent methods nobody can call: trait methods only.
  bool generic_receiver = false;
  // method_name: the receiver's type is std's: no impl on a crate's own type applies.
  bool std_receiver = false;
};

// What is known about a package's source, for `unknown` verdicts.
struct PackageStatus {
  bool analyzed = false;       // its source was found and modelled
  bool skipped = false;        // not modelled on purpose: unused by the workspace, or not needed for the question
  std::string missing_reason;  // !analyzed: why
  std::vector<std::string> unanalyzed_files;  // files with parse errors (partly seen)
  // Locked only through dependencies this build leaves off: members'
  // optional ones the selected features do not turn on, ones for other
  // platforms than --target. Which ones, with what would turn them on.
  std::string left_off;
};

struct GraphStats {
  size_t packages = 0, functions = 0, edges = 0, unresolved_calls = 0;
  size_t edges_by_kind[kEdgeKinds] = {};
};

class TargetIndex;

class CallGraph {
 public:
  CallGraph();
  ~CallGraph();
  CallGraph(CallGraph&&) noexcept;
  CallGraph& operator=(CallGraph&&) noexcept;

  std::vector<Target> targets;
  std::vector<Function> functions;
  std::vector<std::string> files;
  std::vector<PackageStatus> packages;      // by package index
  std::vector<std::string> package_labels;  // `tokio@1.38.0`, by package index
  std::vector<bool> members;                // by package index

  std::span<const Edge> out(FunctionId f) const {
    return {edges_.data() + edge_begin_[f], edges_.data() + edge_begin_[f + 1]};
  }
  // Edges by a global index (for compact parent links in searches).
  uint32_t edge_index(const Edge& e) const { return static_cast<uint32_t>(&e - edges_.data()); }
  const Edge& edge_at(uint32_t index) const { return edges_[index]; }
  // Methods (and trait methods) with this name.
  const std::vector<FunctionId>& methods_named(MethodNameId name) const { return methods_by_name_[name]; }
  std::string_view method_name(MethodNameId name) const { return method_names_[name]; }
  // The callees a method_name edge from `caller` stands for: methods taking
  // `self` with as many more parameters as the call has arguments, that the
  // caller's code can name: inherent methods of the crates it can use, and
  // methods of traits it can import with their impls anywhere (a `dyn
  // Trait` can come from any crate). Impls of std's traits (and of traits
  // the `use`s do not tell) in crates the caller cannot name: when a member
  // can name both, as a member can hand such a value to a generic fn. On a
  // receiver of a known type that has no such method (std's types, derived
  // impls) only methods of traits declared outside std.
  template <class Visit>
  void for_each_method_callee(FunctionId caller, const Edge& edge, Visit visit) const;
  // Whether package `from` depends on package `to`, directly or not, through
  // dependencies of any kind (or is it).
  bool can_see(uint32_t from, uint32_t to) const { return visible_[kAnyKind].contains(from, to); }
  // The package declaring the trait of an impl method; -1: std's, unknown, or not an impl method.
  int32_t trait_package(FunctionId id) const { return trait_package_[id]; }
  // Whether the code of `caller` can name items of `package`: its own, or a
  // dependency of the kinds its target builds with (normal ones for a lib or
  // bin, build-dependencies for build.rs, dev-dependencies too for tests).
  bool can_name(FunctionId caller, uint32_t package) const;
  // Whether values of `package`'s types can reach `caller` from the
  // workspace's code (which can name both): impls of std's traits there
  // are candidates for a method call on a receiver of unknown type.
  bool members_can_hand_over(FunctionId caller, uint32_t package) const;

  // `tokio@1.38.0::runtime::Runtime::block_on`; other targets than the lib
  // add their name: `app@0.1.0[bin app]::main`.
  std::string display(FunctionId f) const;
  SourceLocation location(FunctionId f) const { return {files[functions[f].file], functions[f].position}; }
  SourceLocation location(const Edge& e) const { return {files[e.file], e.position}; }

  // The functions `path` names in `package`'s lib, following re-exports into
  // other crates: `crate::a::f`, or the public path as an advisory writes it
  // (`tar::Archive::unpack`, the crate name first).
  std::vector<FunctionId> find(uint32_t package, std::string_view path) const;
  // The same in any target (a bin, a build script): `crate::a::f` as that
  // target's own module tree names it.
  std::vector<FunctionId> find_in_target(uint32_t target, const std::string& crate_path) const;
  // Every package whose name is `name` (several versions can be locked).
  std::vector<uint32_t> packages_named(std::string_view name) const;

  GraphStats stats() const;
  // The `use`s and re-exports of a target, as its resolver knows them
  // (`exported_only`: those of `pub` uses).
  std::vector<model::UseResolver::State::ModuleUses> module_uses(uint32_t target, bool exported_only = false) const;
  // The traits (absolute paths) the target implements, by the last name of
  // the type, as far as its impl methods tell (TargetIndex::traits_of).
  std::vector<std::pair<std::string, std::string>> trait_impls(uint32_t target) const;

 private:
  friend class GraphBuilder;
  std::vector<uint32_t> edge_begin_;  // functions.size() + 1 offsets into edges_
  std::vector<Edge> edges_;
  std::vector<std::vector<FunctionId>> methods_by_name_;
  std::vector<std::string> method_names_;
  // By view (what a target's first dependency hop may be): normal, build, dev (tests), any.
  static constexpr size_t kNormalKinds = 0, kBuildKinds = 1, kDevKinds = 2, kAnyKind = 3;
  PackageSets visible_[4];  // packages left out of the build have empty sets
  size_t view_of(FunctionId caller) const;  // the view its target builds with
  std::vector<int32_t> trait_package_;  // by function: the package declaring its trait; -1: std or unknown
  // By package p: the packages whose values the members that can reach p may hand to p's code.
  PackageSets handed_over_;
  std::vector<std::string> package_names_;  // crate identifiers (`serde_json`)
  std::vector<std::vector<uint32_t>> dependencies_;  // by package: direct dependencies, any kind
  StringMap<MethodNameId> method_ids_;
  std::vector<int32_t> lib_target_;         // by package; -1: none
  std::vector<std::unique_ptr<TargetIndex>> indexes_;  // by target
  size_t unresolved_calls_ = 0;

  friend class Linker;
};

template <class Visit>
void CallGraph::for_each_method_callee(FunctionId caller, const Edge& edge, Visit visit) const {
  for (FunctionId callee : methods_by_name_[edge.to]) {
    const Function& f = functions[callee];
    if (!f.has_self || (edge.arity >= 0 && f.arity >= 0 && f.arity != edge.arity)) continue;
    // A typed receiver without the method: it can only come from a trait declared outside std.
    if (edge.typed_receiver && f.kind != model::ItemKind::trait_method && trait_package_[callee] < 0) continue;
    if (edge.generic_receiver && f.trait_name.empty() && f.kind != model::ItemKind::trait_method) continue;
    // On std's values: impls for std's types (or blanket ones) and default bodies, nothing else.
    if (edge.std_receiver && (f.self_type == SelfType::local || (f.kind == model::ItemKind::trait_method && !f.has_body)))
      continue;
    bool callable;
    if (f.trait_name.empty())  // an inherent method (only a `pub` one from another crate), or a trait's own declaration
      callable = can_name(caller, f.package) &&
                 (f.is_pub || f.kind == model::ItemKind::trait_method || f.package == functions[caller].package);
    else if (trait_package_[callee] >= 0)  // an impl of a crate's trait
      callable = can_name(caller, static_cast<uint32_t>(trait_package_[callee]));
    else  // an impl of a std trait (or of one the `use`s hid)
      callable = can_name(caller, f.package) || members_can_hand_over(caller, f.package);
    if (callable) visit(callee);
  }
}

}  // namespace cratescope::callgraph
