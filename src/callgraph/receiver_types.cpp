#include "callgraph/receiver_types.hpp"
#include "callgraph/path_text.hpp"

#include <algorithm>
#include <cctype>

namespace cratescope::callgraph {

namespace {

// Item `index` of the bracketed list that opens at `t[open]` and closes with
// `close` (`<A, B>`, `(A, B)`): split at the commas of its own level, as written.
std::string_view list_item(std::string_view t, size_t open, char close, size_t index) {
  int depth = 0;
  size_t start = open + 1, n = 0;
  for (size_t i = open + 1; i < t.size(); ++i) {
    char c = t[i];
    if (c == '<' || c == '(' || c == '[') ++depth;
    else if ((c == '>' || c == ')' || c == ']') && depth > 0) --depth;
    else if ((c == ',' || c == close) && depth == 0) {
      if (n++ == index) return t.substr(start, i - start);
      if (c == close) break;
      start = i + 1;
    }
  }
  return {};
}

std::string_view without_leading_spaces(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return t;
}

// The first generic argument of `Outer<A, B>`, at depth 1.
std::string_view first_argument(std::string_view type) {
  size_t open = type.find('<');
  return open == std::string_view::npos ? std::string_view{} : list_item(type, open, '>', 0);
}

// The second generic argument of `Result<T, E>` (E), at depth 1; empty for
// one argument (`io::Result<T>`, whose error type the alias hides).
std::string_view second_argument(std::string_view type) {
  if (first_argument(type).empty()) return {};
  return without_leading_spaces(list_item(type, type.find('<'), '>', 1));
}

// `Foo` of `&mut Foo`, `&'a dyn Foo`, `*const Foo`.
std::string_view without_references(std::string_view t) {
  // Squeezed text keeps one space between words: `&mut Foo`, `&'a dyn Read`.
  for (bool changed = true; changed;) {
    changed = false;
    while (!t.empty() && (t[0] == '&' || t[0] == '*' || t[0] == ' ')) {
      t.remove_prefix(1);
      changed = true;
    }
    for (std::string_view word : {"mut ", "const ", "dyn "}) {
      if (t.starts_with(word)) {
        t.remove_prefix(word.size());
        changed = true;
      }
    }
    if (t.starts_with('\'')) {  // a lifetime
      size_t space = t.find(' ');
      t = space == std::string_view::npos ? std::string_view{} : t.substr(space + 1);
      changed = true;
    }
  }
  return t;
}

// Methods not written in the crate (derived, std's) that give back the
// value's own type as type_path sees it: `clone()`, and the accessors of
// the wrappers type_path looks through (`x.borrow_mut()` of a
// `RefCell<T>`, `m.lock().unwrap()`, `o.as_ref()` of an `Option<T>`).
bool keeps_type(std::string_view method) {
  static const std::string_view methods[] = {"clone", "borrow", "borrow_mut", "lock", "unwrap", "expect",
                                             "as_ref", "as_mut", "get_mut", "deref", "deref_mut",
                                             // Result and Option adapters that keep the value: `f().map_err(..)?`
                                             "map_err", "or_else", "ok_or", "ok_or_else", "context", "with_context"};
  return std::find(std::begin(methods), std::end(methods), method) != std::end(methods);
}

// What std's string methods give, where that is std's own again: an
// iterator of chars or strs, a String, bytes; and raw pointers into a
// buffer. Calls on it then reach no crate's methods but those of its own
// traits (`chars.next()` is not the crate's `Tokenizer::next`). Empty for
// anything else.
std::string std_method_type(std::string_view owner, std::string_view method) {
  static constexpr std::string_view kStrIterator = "std::str::Chars";  // stands for every such iterator
  static const std::string_view iterators[] = {
      "chars", "bytes", "char_indices", "lines", "split_whitespace", "split_ascii_whitespace", "split", "rsplit",
      "splitn", "rsplitn", "split_terminator", "matches", "match_indices", "encode_utf16"};
  static const std::string_view strings[] = {
      "trim", "trim_start", "trim_end", "trim_matches", "trim_start_matches", "trim_end_matches", "as_str",
      "to_lowercase", "to_uppercase", "to_ascii_lowercase", "to_ascii_uppercase", "to_string", "to_owned",
      "replace", "repeat"};
  static const std::string_view adapters[] = {"peekable", "rev", "skip", "take", "by_ref", "step_by", "fuse"};
  auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), method) != std::end(list); };
  if (owner == kStrIterator) {
    if (method == "as_str") return "std::string::String";  // what a Chars has left to read
    return in(adapters) ? std::string(kStrIterator) : std::string();
  }
  // Raw pointers into a buffer and their arithmetic: `start.add(n)` is std's.
  static constexpr std::string_view kPointer = "std::primitive::pointer";
  static const std::string_view pointer_arithmetic[] = {"add", "sub", "offset", "wrapping_add", "wrapping_sub",
                                                        "wrapping_offset", "cast", "cast_mut", "cast_const"};
  if (owner == kPointer) return in(pointer_arithmetic) ? std::string(kPointer) : std::string();
  if ((method == "as_ptr" || method == "as_mut_ptr") &&
      (owner == "std::primitive::slice" || owner == "str" || owner == "String" || owner == "std::string::String" ||
       owner == "Vec" || owner == "std::vec::Vec"))
    return std::string(kPointer);
  if (owner != "str" && owner != "String" && owner != "std::string::String") return {};
  if (in(iterators)) return std::string(kStrIterator);
  if (in(strings)) return "std::string::String";
  if (method == "as_bytes" || method == "into_bytes") return "std::primitive::slice";
  return {};
}

// std's functions whose result is one of std's own types: calls on it reach
// no crate's impl for its own types (`fs::metadata(p)?.ino()`).
std::string_view std_function_type(std::string_view function) {
  static const std::pair<std::string_view, std::string_view> table[] = {
      {"std::fs::metadata", "std::fs::Metadata"},          {"std::fs::symlink_metadata", "std::fs::Metadata"},
      {"std::fs::read_dir", "std::fs::ReadDir"},           {"std::fs::read_to_string", "std::string::String"},
      {"std::fs::canonicalize", "std::path::PathBuf"},     {"std::fs::read_link", "std::path::PathBuf"},
      {"std::env::current_dir", "std::path::PathBuf"},     {"std::env::var", "std::string::String"},
      {"std::env::temp_dir", "std::path::PathBuf"},        {"std::env::current_exe", "std::path::PathBuf"}};
  for (const auto& [name, type] : table)
    if (name == function) return type;
  return {};
}

// Whether std's free function `function` (resolved: `std::env::args_os`)
// returns one of std's own values: it cannot name a crate's types, except
// through its type parameters, which the functions listed here return
// (`mem::take(&mut self.parser)` is the crate's parser). A type's functions
// (`Box::new`) are not free functions: the value may deref to the crate's.
bool returns_std_value(std::string_view function) {
  static const std::string_view generic_returns[] = {
      "std::mem::replace", "std::mem::take", "std::mem::transmute", "std::mem::transmute_copy", "std::mem::zeroed",
      "std::mem::uninitialized", "std::ptr::read", "std::ptr::read_unaligned", "std::ptr::read_volatile",
      "std::ptr::replace", "std::convert::identity", "std::hint::black_box", "std::cmp::max", "std::cmp::min",
      "std::cmp::max_by", "std::cmp::min_by", "std::cmp::max_by_key", "std::cmp::min_by_key", "std::thread::scope",
      "std::panic::catch_unwind", "std::future::ready", "std::iter::zip"};
  if (!function.starts_with("std::")) return false;
  std::string_view owner = last_segment(function.substr(0, function.rfind("::")));
  if (owner.empty() || !std::islower(static_cast<unsigned char>(owner.front()))) return false;
  return std::find(std::begin(generic_returns), std::end(generic_returns), function) == std::end(generic_returns);
}

// Element `index` of the tuple type `t`, looking through references,
// Result, Option and Box: `Result<(u64, &str), Error>`, 1 -> `&str`.
std::string_view tuple_element(std::string_view t, size_t index) {
  for (int wrappers = 0; wrappers < 4; ++wrappers) {
    t = without_references(t);
    std::string_view base = last_segment(t.substr(0, t.find('<')));
    if (t.starts_with('(') || !(base == "Result" || base == "Option" || base == "Box")) break;
    t = first_argument(t);
  }
  return t.starts_with('(') ? without_leading_spaces(list_item(t, 0, ')', index)) : std::string_view{};
}

}  // namespace

bool is_pattern_member(std::string_view value) {
  size_t dot = value.rfind('.');
  return dot != std::string_view::npos && starts_upper(last_segment(value.substr(0, dot)));
}

std::optional<std::string> impl_module_of(const model::Item& method) {
  std::string written = type_path(method.self_type);
  std::string type_and_module = parent_path(method.path);
  if (written.empty() || !type_and_module.ends_with(written)) return std::nullopt;
  std::string module = type_and_module.substr(0, type_and_module.size() - written.size());
  if (module.empty()) return "crate";
  if (!module.ends_with("::")) return std::nullopt;  // `crate::MyFoo` does not end with the type `Foo`
  module.resize(module.size() - 2);
  return module;
}

std::string type_path(std::string_view t) {
  t = without_references(t);
  // Slices, arrays and tuples have std's methods only: a path no crate declares.
  if (t.starts_with('[')) return "std::primitive::slice";
  if (t.starts_with('(')) return "std::primitive::tuple";
  if (t.empty() || t.starts_with("impl") || t.starts_with("fn(")) return {};
  size_t end = t.find_first_of("<+");
  std::string_view base = t.substr(0, end);
  std::string_view last = last_segment(base);
  if (model::looks_through_to_content(last) || last == "Result" || last == "Option") return type_path(first_argument(t));
  return std::string(base);
}

std::string_view element_of(std::string_view t) {
  t = without_references(t);
  if (t.starts_with('[')) {  // `[T]`, `[T; N]`
    int depth = 0;
    for (size_t i = 1; i < t.size(); ++i) {
      char c = t[i];
      if (c == '<' || c == '(' || c == '[') ++depth;
      else if ((c == '>' || c == ')') && depth > 0) --depth;
      else if (c == ']' && depth > 0) --depth;
      else if ((c == ';' || c == ']') && depth == 0) return t.substr(1, i - 1);
    }
    return {};
  }
  std::string_view base = last_segment(t.substr(0, t.find('<')));
  if (base == "Box" || base == "Rc" || base == "Arc" || base == "SmallVec") return element_of(first_argument(t));
  static const std::string_view collections[] = {"Vec", "VecDeque", "HashSet", "BTreeSet", "BinaryHeap",
                                                  "LinkedList", "Option", "IndexSet"};
  for (std::string_view c : collections)
    if (base == c) return first_argument(t);
  return {};
}

ReceiverTypes::ReceiverTypes(const model::Target& target, const model::UseResolver& resolver) : resolver_(resolver) {
  for (const auto& b : target.bindings) bindings_[b.enclosing].push_back(&b);
  std::unordered_map<std::string, int> method_names;
  for (const auto& item : target.items) {
    if (item.kind == model::ItemKind::const_ || item.kind == model::ItemKind::static_) constants_.insert(item.path);
    if (item.kind != model::ItemKind::struct_ && item.kind != model::ItemKind::enum_ &&
        item.kind != model::ItemKind::function && item.kind != model::ItemKind::method)
      continue;
    items_.emplace(item.path, &item);
    if (item.kind != model::ItemKind::method) continue;
    // `crate::a::Foo::get` as `Foo::get`: for an impl block in another module than its type.
    std::string parent = parent_path(item.path);
    std::string key = std::string(last_segment(parent)) + "::" + std::string(last_segment(item.path));
    if (++method_names[key] == 1) methods_[key] = &item;
    else methods_.erase(key);  // two types of that name: say nothing
  }
}

std::vector<std::string> ReceiverTypes::absolute_paths(const std::string& module, const std::string& path) const {
  return path.starts_with("crate::") ? std::vector<std::string>{path} : resolver_.resolve(module, path);
}

const model::Item* ReceiverTypes::item_at(const std::string& module, const std::string& path) const {
  for (const std::string& candidate : absolute_paths(module, path)) {
    auto found = items_.find(candidate);
    if (found != items_.end()) return found->second;
  }
  // A method whose impl block is not where the type is declared.
  std::string_view member = last_segment(path);
  if (member.size() == path.size() || !std::islower(static_cast<unsigned char>(member[0]))) return nullptr;
  std::string key = std::string(last_segment(parent_path(path))) + "::" + std::string(member);
  auto found = methods_.find(key);
  return found == methods_.end() ? nullptr : found->second;
}

std::string ReceiverTypes::declared_type(const model::Item& declared, std::string_view written) const {
  std::string type = type_path(written);
  if (type.empty()) return type;
  bool in_impl = declared.kind == model::ItemKind::method || declared.kind == model::ItemKind::trait_method;
  if (type == "Self" || type.starts_with("Self::")) {  // the impl's type, only asked for here
    if (!in_impl) return {};
    std::string owner = self_type(declared.path);
    return type == "Self" || owner.empty() ? owner : owner + type.substr(4);
  }
  // Resolved where it is written: a field or return type names what the
  // declaring module imports, which the caller's module may not.
  std::string module = in_impl ? impl_module_of(declared).value_or(parent_path(parent_path(declared.path)))
                               : parent_path(declared.path);
  const std::vector<std::string>& candidates = resolver_.resolve(module, type);
  return candidates.size() == 1 ? candidates.front() : type;
}

std::string ReceiverTypes::binding_type(const model::LocalBinding& b, int depth) const {
  if (!b.from_call) {  // written in the fn: `rhs: &Self` is the impl's type
    if (b.type == model::kGenericBindingType) return b.type;
    std::string type = type_path(b.type);
    return type == "Self" ? self_type(b.enclosing) : in_impl_of(b.enclosing, type);
  }
  // `let x = y.f()` / `let x = y.field` / `let x = y`: a value to type where it is bound.
  if (b.copies_local || b.type.find('.') != std::string::npos)
    return value_type(b.enclosing, b.module, b.type, b.location.position, true, depth + 1);
  return returned_type(b.module, in_impl_of(b.enclosing, b.type));
}

// `impl Deref for Prerelease` in `crate::impls` gives methods
// `crate::impls::Prerelease::*`, while the struct is `crate::Prerelease`.
std::string ReceiverTypes::self_type(const std::string& caller) const {
  std::string owner = parent_path(caller);
  if (items_.contains(owner)) return owner;
  auto method = items_.find(caller);
  if (method == items_.end()) return owner;
  std::optional<std::string> module = impl_module_of(*method->second);
  if (!module) return owner;
  const std::vector<std::string>& candidates = resolver_.resolve(*module, type_path(method->second->self_type));
  return candidates.size() == 1 && items_.contains(candidates.front()) ? candidates.front() : owner;
}

std::string ReceiverTypes::in_impl_of(const std::string& caller, std::string_view path) const {
  if (!path.starts_with("Self::")) return std::string(path);
  std::string rest(path.substr(4));
  std::string in_block = parent_path(caller) + rest;
  if (items_.contains(in_block)) return in_block;
  return self_type(caller) + rest;
}

std::string ReceiverTypes::returned_type(const std::string& module, std::string_view callee) const {
  // `a::Foo::new(..)`: constructors return their type (a guess that fails
  // safely: a method not found on it falls back to name matching).
  std::string_view last = last_segment(callee);
  if (starts_upper(last)) {  // `Steps(3)`: a tuple struct's constructor; `Kind::Named(..)`: an enum's variant
    if (last.size() < callee.size())
      if (const model::Item* e = item_at(module, parent_path(callee)); e && e->kind == model::ItemKind::enum_) return e->path;
    return type_path(callee);
  }
  if (const model::Item* fn = item_at(module, std::string(callee)); fn && !fn->return_type.empty())
    return declared_type(*fn, fn->return_type);
  for (const std::string& candidate : resolver_.resolve(module, callee)) {
    if (std::string_view std_type = std_function_type(candidate); !std_type.empty()) return std::string(std_type);
    // Some std value (`env::args_os()`): the function's path stands for its
    // type, which only needs to be std's for calls on it (crate_unit.cpp).
    if (returns_std_value(candidate)) return candidate;
  }
  if (last.size() < callee.size()) {
    std::string owner = parent_path(std::string(callee));
    // `Arc::new(engine)` derefs to the engine, `Mutex::new(state).lock()`
    // hands it out: calls on it are the content's methods, not only std's
    // value's (the content's type is not read from the argument).
    if (holds_content(module, owner)) return {};
    if (starts_upper(last_segment(owner))) return owner;
  }
  return {};
}

bool ReceiverTypes::holds_content(const std::string& module, const std::string& type) const {
  // Beyond those a binding is typed through, more whose value reaches its
  // content somehow (a `Pin`, a `Weak` upgraded, a `OnceLock` got): their
  // calls are matched by name rather than taken for std's.
  static const std::string_view others[] = {"Pin",        "Cow",      "ManuallyDrop", "Weak",     "Cell",
                                            "UnsafeCell", "OnceCell", "OnceLock",     "LazyCell", "LazyLock"};
  std::string_view name = last_segment(type);
  if (!model::looks_through_to_content(name) && std::find(std::begin(others), std::end(others), name) == std::end(others))
    return false;
  // std's (or alloc's, core's), not a crate's own type of that name.
  const std::vector<std::string>& candidates = resolver_.resolve(module, type);
  return std::all_of(candidates.begin(), candidates.end(), [&](const std::string& c) {
    return (c.starts_with("std::") || c.starts_with("alloc::") || c.starts_with("core::")) && last_segment(c) == name;
  });
}

std::string ReceiverTypes::error_type_of(const std::string& function) const {
  auto found = items_.find(function);
  if (found == items_.end()) return {};
  std::string_view returned = found->second->return_type;
  std::string_view base = returned.substr(0, returned.find('<'));
  if (last_segment(base) != "Result") return {};
  return type_path(second_argument(returned));
}

std::string ReceiverTypes::type_of(const std::string& caller, const std::string& module, const std::string& receiver,
                                   TextPosition at) const {
  std::string type = value_type(caller, module, receiver, at, false, 0);
  // `let s = SPARE;` is typed `SPARE` as a unit struct would be, but a
  // constant's or static's name is no type (and its own type is not read):
  // unknown, so that its calls are matched by name rather than by nothing.
  if (type.empty() || !starts_upper(last_segment(type))) return type;
  if (!constants_.empty()) {
    std::vector<std::string> named = absolute_paths(module, type);
    if (!named.empty() && std::all_of(named.begin(), named.end(), [&](const std::string& n) { return constants_.contains(n); }))
      return {};
  }
  return type;
}

std::string ReceiverTypes::value_type(const std::string& caller, const std::string& module, std::string_view value,
                                      TextPosition at, bool before, int depth) const {
  if (depth > 8 || value.empty()) return {};
  if (value.ends_with(".[]")) return item_type(caller, module, value.substr(0, value.size() - 3), at, before, depth + 1);
  // A value built where it is used: `for s in Steps(3)`, `Meters { .. } + m`.
  if (value.ends_with('{')) return type_path(value.substr(0, value.size() - 1));
  if (value.ends_with('(')) {
    std::string_view call = value.substr(0, value.size() - 1);
    size_t dot = call.rfind('.');
    if (dot == std::string_view::npos) return returned_type(module, in_impl_of(caller, call));  // `make(`, `Wheel::new(`
    // `<value>.method(`: what the method of the value's type is declared to return.
    Declaration d = member_declaration(caller, module, value, at, before, depth);
    if (!d.item) {
      std::string_view method = call.substr(dot + 1);
      if (method == "to_string") return "std::string::String";  // ToString, whatever the value (none of the crate's)
      if (d.owner.empty()) return {};
      return keeps_type(method) ? d.owner : std_method_type(d.owner, method);
    }
    return d.type.empty() ? std::string() : declared_type(*d.item, d.type);
  }
  if (size_t hash = value.rfind(".#"); hash != std::string_view::npos && hash + 2 < value.size() &&
                                        std::all_of(value.begin() + hash + 2, value.end(), ::isdigit)) {
    size_t index = 0;  // `f(.#1`: an element of a tuple
    for (char c : value.substr(hash + 2)) index = index * 10 + static_cast<size_t>(c - '0');
    Declaration d = written_type(caller, module, value.substr(0, hash), at, before, depth);
    std::string_view element = tuple_element(d.type, index);
    return d.item && !element.empty() ? declared_type(*d.item, element) : std::string();
  }
  if (size_t dot = value.rfind('.'); dot != std::string_view::npos) {  // `<value>.field`
    if (is_pattern_member(value)) return variant_type(caller, module, value.substr(0, dot), value.substr(dot + 1));
    Declaration d = member_declaration(caller, module, value, at, before, depth);
    return d.type.empty() ? std::string() : declared_type(*d.item, d.type);
  }
  if (value == "self") return self_type(caller);
  if (const model::LocalBinding* b = binding_of(caller, value, at, before)) return binding_type(*b, depth);
  // `Wheel.spin()`: a unit struct of the crate is its own value.
  if (starts_upper(value))
    if (const model::Item* s = item_at(module, std::string(value)); s && s->kind == model::ItemKind::struct_) return s->path;
  return {};
}

ReceiverTypes::Declaration ReceiverTypes::member_declaration(const std::string& caller, const std::string& module,
                                                             std::string_view value, TextPosition at, bool before,
                                                             int depth) const {
  Declaration out;
  bool call = value.ends_with('(');
  std::string_view text = call ? value.substr(0, value.size() - 1) : value;
  size_t dot = text.rfind('.');
  out.owner = value_type(caller, module, text.substr(0, dot), at, before, depth + 1);
  if (out.owner.empty()) return out;
  std::string_view name = text.substr(dot + 1);
  if (call) {
    out.item = item_at(module, out.owner + "::" + std::string(name));
    // `self.f()` where f is in the same impl block, written in another module than the type.
    if (!out.item && text.substr(0, dot) == "self") out.item = item_at(module, parent_path(caller) + "::" + std::string(name));
    if (out.item) out.type = out.item->return_type;
    return out;
  }
  const model::Item* type = item_at(module, out.owner);
  if (!type || type->kind != model::ItemKind::struct_) return out;
  out.item = type;
  for (const auto& f : type->fields)
    if (f.name == name) out.type = f.type;
  return out;
}

std::string ReceiverTypes::variant_type(const std::string& caller, const std::string& module,
                                        std::string_view variant, std::string_view member) const {
  std::string path = in_impl_of(caller, variant);
  std::vector<std::string> candidates = absolute_paths(module, path);
  auto field_of = [](const model::Item& item, std::string_view name) -> const model::TypedName* {
    for (const auto& f : item.fields)
      if (f.name == name) return &f;
    return nullptr;
  };
  for (const std::string& candidate : candidates) {
    if (member != "0")  // `Point { x, .. }`
      if (auto s = items_.find(candidate); s != items_.end() && s->second->kind == model::ItemKind::struct_)
        if (const model::TypedName* f = field_of(*s->second, member)) return declared_type(*s->second, f->type);
    auto found = items_.find(parent_path(candidate));
    if (found == items_.end() || found->second->kind != model::ItemKind::enum_) continue;
    std::string name(last_segment(candidate));
    if (member != "0") name += "::" + std::string(member);
    if (const model::TypedName* f = field_of(*found->second, name)) return declared_type(*found->second, f->type);
  }
  return {};
}

const model::LocalBinding* ReceiverTypes::binding_of(const std::string& caller, std::string_view name, TextPosition at,
                                                     bool before) const {
  auto fn = bindings_.find(caller);
  if (fn == bindings_.end()) return nullptr;
  // The latest one (later ones shadow; a binding's own value, `let x =
  // x.f()`, sees only the ones before it).
  auto earlier = [](const TextPosition& a, const TextPosition& b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
  };
  const model::LocalBinding* best = nullptr;
  for (const model::LocalBinding* b : fn->second) {
    if (b->name != name) continue;
    const TextPosition& p = b->location.position;
    if (before ? !earlier(p, at) : earlier(at, p)) continue;
    if (!best || earlier(best->location.position, p)) best = b;
  }
  return best;
}

std::string ReceiverTypes::item_type(const std::string& caller, const std::string& module, std::string_view of,
                                     TextPosition at, bool before, int depth) const {
  if (depth > 8) return {};
  // Steps that keep the items: `v.iter().filter(..).rev()` iterates over v's.
  static const std::string_view same_items[] = {"iter", "iter_mut", "into_iter", "drain", "filter", "rev", "skip",
                                                "take", "skip_while", "take_while", "peekable", "cloned", "copied",
                                                "by_ref", "inspect", "fuse", "step_by", "chain", "cycle"};
  for (size_t dot; of.ends_with('(') && (dot = of.rfind('.')) != std::string_view::npos;) {
    std::string_view step = of.substr(dot + 1, of.size() - dot - 2);
    if (std::find(std::begin(same_items), std::end(same_items), step) == std::end(same_items)) break;
    of = of.substr(0, dot);
  }
  // The collection's type as declared, read where it is declared.
  if (!of.ends_with('(') && of.find('.') == std::string_view::npos) {
    const model::LocalBinding* b = binding_of(caller, of, at, before);
    if (!b) return {};
    if (!b->from_call) return type_path(element_of(b->type));  // written in this fn: the caller's module resolves it
    // `let v = x.items()`, `let v = w`: the items of what it was bound to.
    if (b->copies_local || b->type.find('.') != std::string::npos)
      return item_type(caller, b->module, b->type, b->location.position, true, depth + 1);
    return {};
  }
  Declaration d = written_type(caller, module, of, at, before, depth);
  std::string_view item = element_of(d.type);
  return d.item && !item.empty() ? declared_type(*d.item, item) : std::string();
}

ReceiverTypes::Declaration ReceiverTypes::written_type(const std::string& caller, const std::string& module,
                                                       std::string_view of, TextPosition at, bool before,
                                                       int depth) const {
  if (of.find('.') != std::string_view::npos) return member_declaration(caller, module, of, at, before, depth);
  Declaration out;
  if (!of.ends_with('(')) return out;
  out.item = item_at(module, in_impl_of(caller, of.substr(0, of.size() - 1)));  // a fn's result
  if (out.item) out.type = out.item->return_type;
  return out;
}

}  // namespace cratescope::callgraph
