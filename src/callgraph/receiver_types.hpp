#pragma once
// The type of a method call's receiver, where the code writes it down:
// `let x = a::Foo::new(..)`, `let x: Foo`, `let x = Foo { .. }`, a
// parameter `x: &Foo`, a field with its declared type (`self.a.b`), a fn's
// or a method's declared return type (`make().spin()`, `self.parse()?.run()`,
// `let x = y.get()`, `if let Some(x) = y.find(..)`), seen through `&`, Box,
// Rc, Arc, Option and Result; the items of a collection whose type is
// written (`for x in &v`, `v.iter().filter(..).map(|x| ..)` with `v:
// Vec<T>`, `&[T]`, a field or a return type of such a type), what std's
// string methods and a few std functions give (`s.chars()`: std's
// iterator; `fs::metadata(p)?`: Metadata). No inference
// beyond that (generics, what a closure returns): anything else is left to
// method-name matching.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/source_location.hpp"
#include "model/crate_model.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::callgraph {

class ReceiverTypes {
 public:
  // Reads `target` without copying its paths: it must outlive this.
  ReceiverTypes(const model::Target& target, const model::UseResolver& resolver);

  // The type of `receiver` (model::Extractor's value_text: a local name,
  // `self`, `<value>.field`, `callee(`, `<value>.method(`, `Name{`) in fn
  // `caller` at `at`, as a path the resolver understands from the caller's
  // `module` (`a::Foo`, `crate::m::Foo`), or empty.
  std::string type_of(const std::string& caller, const std::string& module, const std::string& receiver,
                      TextPosition at) const;
  // `E` of a fn of this target declared to return `Result<T, E>`: what `?`
  // converts errors into (`E::from`); empty when not written down.
  std::string error_type_of(const std::string& function) const;

 private:
  const model::UseResolver& resolver_;
  // Keyed by the target's own strings.
  std::unordered_map<std::string_view, std::vector<const model::LocalBinding*>> bindings_;  // by fn
  std::unordered_map<std::string_view, const model::Item*> items_;  // structs, enums and fns by path
  std::unordered_set<std::string_view> constants_;  // consts and statics: names of values, not of types
  std::unordered_map<std::string, const model::Item*> methods_;  // `Type::method` by the type's name, when unique

  std::string value_type(const std::string& caller, const std::string& module, std::string_view value,
                         TextPosition at, bool before, int depth) const;
  // The type of the items of `of` (a value_text) iterated over.
  std::string item_type(const std::string& caller, const std::string& module, std::string_view of, TextPosition at,
                        bool before, int depth) const;
  // Where the type of `<v>.method(` or `<v>.field` is written: the method
  // (its return type) or the struct (the field's type), and v's type.
  struct Declaration {
    const model::Item* item = nullptr;
    std::string_view type;  // empty: not written down (or no such field)
    std::string owner;
  };
  Declaration member_declaration(const std::string& caller, const std::string& module, std::string_view value,
                                 TextPosition at, bool before, int depth) const;
  // Where the type of a fn's result (`make(`), a method's result or a field is written.
  Declaration written_type(const std::string& caller, const std::string& module, std::string_view of, TextPosition at,
                           bool before, int depth) const;
  // The type of the one field of the enum variant `variant` (`Ast::Concat`).
  // `member` is `0` for the one field of a tuple variant, else a named field
  // of a struct variant (`State::Array.first`) or of a struct (`Point.x`).
  std::string variant_type(const std::string& caller, const std::string& module, std::string_view variant,
                           std::string_view member) const;
  // The latest binding of `name` in `caller` before `at` (at or before, unless `before`).
  const model::LocalBinding* binding_of(const std::string& caller, std::string_view name, TextPosition at,
                                        bool before) const;
  std::string binding_type(const model::LocalBinding& b, int depth) const;
  // `self`'s type in the method `caller`: its impl's type, named from the
  // impl's module when the impl block is elsewhere than the type.
  std::string self_type(const std::string& caller) const;
  // `Self::new` in a method of `crate::a::T` as `crate::a::T::new` (a fn of
  // the impl block itself, else a member of the impl's type: `Self::Round`
  // of an enum declared elsewhere); other paths as they are.
  std::string in_impl_of(const std::string& caller, std::string_view path) const;
  // What calling `callee` (as written in `module`) returns, where that is written down.
  std::string returned_type(const std::string& module, std::string_view callee) const;
  // `type` (as written in `module`) is one of std's wrappers whose value derefs
  // to what it holds (Box, Rc, Arc...) or hands it out (Mutex, RefCell...).
  bool holds_content(const std::string& module, const std::string& type) const;
  // What `path` (written in `module`, or absolute: `crate::a::T`) can be.
  std::vector<std::string> absolute_paths(const std::string& module, const std::string& path) const;
  // The item `path` (written in `module`, or absolute) names: a struct or a fn.
  const model::Item* item_at(const std::string& module, const std::string& path) const;
  // `written` (a type as an item declared at `declared` writes it) as a path
  // the caller's resolver understands: absolute when it resolves to one place.
  std::string declared_type(const model::Item& declared, std::string_view written) const;
};

// `&mut a::Foo<T>` -> `a::Foo`; `Box<Foo>`, `Rc<Foo>`, `Arc<Foo>`, `Result<Foo, E>`,
// `Option<Foo>` -> `Foo`; `dyn Read + Send` -> `Read`; slices and arrays
// -> `std::primitive::slice`, tuples -> `std::primitive::tuple` (std's
// methods only); empty for fn pointers and `impl Trait`.
std::string type_path(std::string_view written);
// `T` of `Vec<T>`, `&[T]`, `[T; N]`, `Option<T>`, `HashSet<T>` and the like
// (through `&`, Box, Rc, Arc), as written; empty for maps and anything else.
std::string_view element_of(std::string_view written);

// `Ast::Concat.0`, `State::Array.first`: the text the model keeps for a name
// a pattern binds (a member of a variant or struct), not a value of its own.
bool is_pattern_member(std::string_view value);

// The module (or fn) holding an impl method's impl block: the model writes
// the method as `<module>::<self type as written>::<name>`, and the type may
// be a path (`impl From<E> for std::io::Error` in `de` gives
// `de::std::io::Error::from`). Null when the type is not a path (`&T`).
std::optional<std::string> impl_module_of(const model::Item& method);

}  // namespace cratescope::callgraph
