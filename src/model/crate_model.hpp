#pragma once
// The source model of one crate: its targets, each target's module tree, and
// what every module declares (items, `use`s, unsafe sites, macro calls).
// Paths are absolute from the target root: `crate::a::b::Type::method`.
// Raw identifiers are stored without `r#` (`r#type` is the name `type`).
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/target_platform.hpp"
#include "model/parser.hpp"

namespace cratescope::model {

enum class ItemKind {
  function,       // free fn
  method,         // fn in an impl block
  trait,
  trait_method,   // fn declared in a trait (has_body: default method)
  struct_,
  enum_,
  union_,
  const_,
  static_,
  type_alias,
  macro_rules,
  proc_macro,     // #[proc_macro], #[proc_macro_derive], #[proc_macro_attribute]
  extern_fn,      // fn declared in an `extern { }` block
  extern_static,
};
std::string_view to_string(ItemKind kind);
std::optional<ItemKind> item_kind_from_string(std::string_view text);

// A struct field or a parameter with its type as written.
struct TypedName {
  std::string name;
  std::string type;  // squeezed: `&mut a::Foo<T>`
};

struct Item {
  ItemKind kind = ItemKind::function;
  std::string path;
  SourceLocation location;  // of the item's name
  bool is_pub = false;      // any `pub`, `pub(crate)` included
  std::string visibility;   // as written: "", "pub", "pub(crate)", "pub(in a::b)"
  bool is_unsafe = false;
  bool test_only = false;   // under #[cfg(test)] (itself or a module above)
  bool has_body = true;
  std::string self_type;    // methods: the impl's self type as written (`Foo<T>`)
  std::string trait_name;   // trait impl methods: the trait as written
  std::string export_name;  // #[no_mangle] (the fn's name) or #[export_name = "..."]
  bool in_macro = false;    // found in the tokens of an item-level macro call (cfg_if!, ...)
  std::string link_section; // #[link_section = "..."]
  std::vector<TypedName> fields;  // structs: named fields; enums: variants with one unnamed field (`Concat(T)`)
  std::string return_type;        // fns: `-> T` as written, squeezed
  int8_t arity = -1;              // fns: parameters besides `self` (-1: not counted)
  bool has_self = false;          // fns: takes `self` (callable as `x.f()`)
};

struct UseEntry {
  std::string module;      // where the `use` is
  std::string local_name;  // name it binds; "*" for globs, "_" for `as _`
  std::string path;        // self::/super:: made absolute; crate:: and extern paths as written
  bool is_glob = false;
  bool is_pub = false;
  SourceLocation location;
};

enum class UnsafeKind { function, block, impl, trait, extern_item };
std::string_view to_string(UnsafeKind kind);

struct UnsafeSite {
  UnsafeKind kind = UnsafeKind::block;
  SourceLocation location;     // of the `unsafe` keyword (or the extern item)
  std::string enclosing;       // path of the enclosing item, or the module
  bool in_macro_rules = false; // inside a macro_rules! body (a token tree)
  bool has_safety_comment = false;  // `// SAFETY:` just above or on the block's first line
  bool test_only = false;
};

struct MacroCall {
  std::string name;    // as written: `println`, `std::format`
  std::string module;
  std::string enclosing;  // the fn (or item) around it; the module at top level
  bool test_only = false;
  SourceLocation location;
  // The token tree's source text, cut at kMaxKeptTokenBytes (huge generated
  // tables would otherwise be copied once per nesting level); the byte range
  // locates all of it in the file.
  std::string tokens;
  uint32_t tokens_begin = 0, tokens_end = 0;
  bool tokens_truncated = false;
  bool in_macro = false;  // itself inside an item-level macro call's tokens
};

// A path, call or dereference in code: what capability detection (and
// later the call graph) starts from. Type positions are not references.
enum class ReferenceKind {
  call,       // `f(..)`, `a::b(..)`, `T::new(..)`: `path` is the callee as written
  path,       // a path used as a value: `.map(fs::read)`, `Ordering::Less`
  method,     // `x.name(..)`: `path` is the method name alone
  raw_deref,  // `*expr` inside unsafe code: `path` is empty
};
std::string_view to_string(ReferenceKind kind);

struct Reference {
  ReferenceKind kind = ReferenceKind::call;
  std::string path;       // squeezed, turbofish dropped: `Vec::from_raw_parts`, `std::fs::read`
  std::string module;     // the module whose `use`s resolve `path`
  std::string enclosing;  // the fn (or item) whose body holds it; the module at top level
  SourceLocation location;
  bool in_unsafe = false;     // inside an unsafe block or unsafe fn
  bool in_macro_args = false; // found by scanning a macro call's token tree
  bool in_macro_rules = false; // in a macro_rules! body: `enclosing` is the macro
  bool on_self = false;       // method: the receiver is `self`
  bool implicit = false;      // method: not written (`for` loops, operators); call graph only
  std::string receiver;       // method: the receiver when it is a name (`client`), `self.field`, or built by a
                              // call or literal (`make(`, `Foo::new(`, `Steps(`, `Meters{`)
  int8_t arity = -1;          // call, method: arguments written (-1: not known, e.g. in macro tokens)
  bool test_only = false;
};

// LocalBinding::type of a parameter whose type is one of the fn's or its
// impl's type parameters (`x: &T`) or `impl Trait`: only trait methods can
// be called on it.
inline constexpr std::string_view kGenericBindingType = "impl";

// std's wrappers a method call looks through to what they hold (Box, Rc, Arc
// deref to it; RefCell, Mutex, RwLock hand it out): a binding or field
// written `Arc<T>`, or bound to `Arc::new(t)`, is typed as T. By last name,
// as written types are read.
inline bool looks_through_to_content(std::string_view type_name) {
  for (std::string_view wrapper : {"Box", "Rc", "Arc", "RefCell", "Mutex", "RwLock"})
    if (type_name == wrapper) return true;
  return false;
}

// A local name whose type can be told without inference: `let x: T`,
// `let x = a::T::new(..)`, `let x = T { .. }`, a parameter `x: &T`. What a
// method call on `x` means follows from it.
struct LocalBinding {
  std::string name;
  std::string type;        // as written, squeezed; for from_call: the callee (`a::T::new`)
  bool from_call = false;  // `let x = callee(..)` (or `callee(..)?`)
  bool copies_local = false;  // `let x = y;` of a local `y`: `type` is `y`, x has y's type
  std::string module;
  std::string enclosing;   // the fn
  SourceLocation location;
  bool test_only = false;
};

inline constexpr size_t kMaxKeptTokenBytes = 4096;

struct Module {
  std::string path;
  std::string file;            // the file holding its items
  SourceLocation declared_at;  // the `mod` item; empty for the root
  bool is_inline = false;
  bool test_only = false;
};

enum class TargetKind { lib, bin, example, test, bench, build_script };
std::string_view to_string(TargetKind kind);
// tests/, benches/ and examples/: never part of what a dependent builds.
bool is_test_only(TargetKind kind);

struct TargetSpec {
  TargetKind kind = TargetKind::lib;
  std::string name;
  std::string root;  // the root file
};

struct Target {
  TargetSpec spec;
  std::vector<Module> modules;
  std::vector<Item> items;
  std::vector<UseEntry> uses;
  std::vector<UnsafeSite> unsafe_sites;
  std::vector<MacroCall> macro_calls;
  std::vector<Reference> references;
  std::vector<LocalBinding> bindings;
  std::vector<MacroCall> includes;     // include!(...) calls: code the model does not see
  std::vector<SourceLocation> missing_modules;  // `mod x;` whose file is absent
  bool forbids_unsafe = false;         // #![forbid(unsafe_code)] in the root
};

struct FileStatus {
  std::string path;
  std::vector<ParseError> errors;  // non-empty: UNANALYZED (partly)
  bool readable = true;
  bool analyzed() const { return readable && errors.empty(); }
};

struct CrateModel {
  std::string dir;
  std::vector<Target> targets;
  std::vector<FileStatus> files;  // every file parsed, sorted by path
  const FileStatus* file(std::string_view path) const;
};

// Targets by Cargo's conventions: src/lib.rs, src/main.rs, src/bin/*.rs and
// src/bin/*/main.rs, build.rs, examples/, tests/, benches/.
std::vector<TargetSpec> conventional_targets(const FileSystem& files, const std::string& crate_dir);

struct ModelOptions {
  // `#[cfg(test)] mod x;` files are not read (the module is kept, empty):
  // code that is not built unless the crate's own tests are.
  bool skip_test_modules = false;
  // What only the call graph needs (see extract_facts).
  bool for_call_graph = false;
  // Code whose #[cfg(...)] is false for these facts is left out (the call
  // graph of one build); null: every cfg is kept.
  const CfgFacts* cfg = nullptr;
};

// Parses every file reachable from the targets' roots (in parallel, each file
// once) and builds the model. Problems go to context.diagnostics.
CrateModel build_crate_model(const Context& context, const std::string& crate_dir, std::vector<TargetSpec> targets,
                             const ModelOptions& options = {});
CrateModel build_crate_model(const Context& context, const std::string& crate_dir);

}  // namespace cratescope::model
