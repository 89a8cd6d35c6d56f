#pragma once
// The type of a method call's receiver, where the caller writes it down:
// `let x = a::Foo::new(..)`, `let x: Foo`, `let x = Foo { .. }`, a
// parameter `x: &Foo`, `self.field` with the field's declared type,
// `let x = make()` with make's declared return type, and the same calls as
// receivers themselves (`make().spin()`, `Foo::new().run()`). No inference
// beyond that (a method's result, an iterator's items): anything else is
// left to method-name matching.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/source_location.hpp"
#include "model/crate_model.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::callgraph {

class ReceiverTypes {
 public:
  ReceiverTypes(const model::Target& target, const model::UseResolver& resolver);

  // The type of `receiver` (a local name, `self.field`, or a value built by
  // a call or literal, kept as `callee(` / `Name{`) in fn `caller` at `at`,
  // as a path the resolver understands from the caller's `module` (`a::Foo`,
  // `crate::m::Foo`), or empty.
  std::string type_of(const std::string& caller, const std::string& module, const std::string& receiver,
                      TextPosition at) const;
  // `E` of a fn of this target declared to return `Result<T, E>`: what `?`
  // converts errors into (`E::from`); empty when not written down.
  std::string error_type_of(const std::string& function) const;

 private:
  const model::UseResolver& resolver_;
  std::unordered_map<std::string, std::vector<const model::LocalBinding*>> bindings_;  // by fn
  std::unordered_map<std::string, const model::Item*> items_;                           // structs and fns by path

  std::string binding_type(const model::LocalBinding& b) const;
  // What calling `callee` (as written in `module`) returns, where that is written down.
  std::string returned_type(const std::string& module, std::string_view callee) const;
};

// `&mut a::Foo<T>` -> `a::Foo`; `Box<Foo>`, `Rc<Foo>`, `Arc<Foo>`, `Result<Foo, E>`,
// `Option<Foo>` -> `Foo`; `dyn Read + Send` -> `Read`; empty for tuples,
// slices, arrays, fn pointers and `impl Trait`.
std::string type_path(std::string_view written);

}  // namespace cratescope::callgraph
