#pragma once
// What the linker asks of one target: which functions a crate-local path
// names, and how the target's `use`s and re-exports rewrite a path.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "core/string_table.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::callgraph {

class TargetIndex {
 public:
  TargetIndex(const model::Target& target, std::map<std::string, std::string> crate_aliases)
      : resolver_(target, std::move(crate_aliases)) {}
  explicit TargetIndex(const model::UseResolver::State& state) : resolver_(state) {}

  void add(const Function& f, FunctionId id);

  // Functions at exactly this path (`crate::a::Type::f`): several when trait
  // impls of one type share a method name.
  const std::vector<FunctionId>* exact(const std::string& path) const;
  // Methods `method` of types whose last name is `type`, wherever their impl is.
  const std::vector<FunctionId>* type_method(std::string_view type, std::string_view method) const;
  // Methods of this target's impls on another crate's type, by that type's
  // path and the method (`std::io::Error::from` for `impl From<E> for io::Error`).
  const std::vector<FunctionId>* foreign_method(const std::string& path) const;
  // macro_rules! of this target by name (textual scope and #[macro_export]
  // ignore modules).
  const std::vector<FunctionId>* macro_named(std::string_view name) const;
  // The traits (absolute paths) this target implements for types whose last
  // name is `type`, as far as its impl methods tell: where `Type::f` finds a
  // trait's provided method (`StdRng::from_entropy` is `SeedableRng`'s).
  const std::vector<std::string>* traits_of(std::string_view type) const;
  const StringMap<std::vector<std::string>>& traits_by_type() const { return traits_by_type_; }
  const model::UseResolver& resolver() const { return resolver_; }

  // `crate::a::b::C::f` -> (`crate::a::b`, `C::f`): the longest prefix that is a
  // module, and the rest, never empty: a call names a fn, and `crate::a::b`
  // may be both a module and a fn `a` re-exports (`mod b; pub use b::b;`).
  std::pair<std::string, std::string> split_module(const std::string& path) const;

 private:
  model::UseResolver resolver_;
  // Searched with string_views (no key built per question).
  StringMap<std::vector<FunctionId>> by_path_;
  StringMap<std::vector<FunctionId>> by_type_method_;  // "Type::f"
  StringMap<std::vector<FunctionId>> macros_;
  StringMap<std::vector<FunctionId>> foreign_methods_;  // "std::io::Error::from"
  StringMap<std::vector<std::string>> traits_by_type_;  // "StdRng" -> trait paths
};

// `Foo<T>` -> `Foo`, `a::Foo` -> `Foo`, `&mut Foo` -> `Foo`.
std::string_view type_base_name(std::string_view type);

}  // namespace cratescope::callgraph
