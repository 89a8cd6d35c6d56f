#include "callgraph/receiver_types.hpp"
#include "callgraph/path_text.hpp"

#include <cctype>

namespace cratescope::callgraph {

namespace {

// The first generic argument of `Outer<A, B>`, at depth 1.
std::string_view first_argument(std::string_view type) {
  size_t open = type.find('<');
  if (open == std::string_view::npos) return {};
  int depth = 0;
  for (size_t i = open + 1; i < type.size(); ++i) {
    char c = type[i];
    if (c == '<' || c == '(' || c == '[') ++depth;
    else if ((c == '>' || c == ')' || c == ']') && depth > 0) --depth;
    else if ((c == ',' || c == '>') && depth == 0) return type.substr(open + 1, i - open - 1);
  }
  return {};
}

// The second generic argument of `Result<T, E>` (E), at depth 1; empty for
// one argument (`io::Result<T>`, whose error type the alias hides).
std::string_view second_argument(std::string_view type) {
  std::string_view first = first_argument(type);
  if (first.empty()) return {};
  size_t start = static_cast<size_t>(first.data() + first.size() - type.data());
  if (start >= type.size() || type[start] != ',') return {};
  int depth = 0;
  for (size_t i = start + 1; i < type.size(); ++i) {
    char c = type[i];
    if (c == '<' || c == '(' || c == '[') ++depth;
    else if ((c == ')' || c == ']') && depth > 0) --depth;
    else if (c == '>' && depth > 0) --depth;
    else if ((c == ',' || c == '>') && depth == 0) {
      std::string_view out = type.substr(start + 1, i - start - 1);
      while (!out.empty() && out.front() == ' ') out.remove_prefix(1);
      return out;
    }
  }
  return {};
}

}  // namespace

std::string type_path(std::string_view t) {
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
  if (t.empty() || t[0] == '(' || t[0] == '[' || t.starts_with("impl") || t.starts_with("fn(")) return {};
  size_t end = t.find_first_of("<+");
  std::string_view base = t.substr(0, end);
  std::string_view last = last_segment(base);
  if (last == "Box" || last == "Rc" || last == "Arc" || last == "Result" || last == "Option" || last == "RefCell" ||
      last == "Mutex" || last == "RwLock")
    return type_path(first_argument(t));
  return std::string(base);
}

ReceiverTypes::ReceiverTypes(const model::Target& target, const model::UseResolver& resolver) : resolver_(resolver) {
  for (const auto& b : target.bindings) bindings_[b.enclosing].push_back(&b);
  for (const auto& item : target.items)
    if (item.kind == model::ItemKind::struct_ || item.kind == model::ItemKind::function ||
        item.kind == model::ItemKind::method)
      items_.emplace(item.path, &item);
}

std::string ReceiverTypes::binding_type(const model::LocalBinding& b) const {
  return b.from_call ? returned_type(b.module, b.type) : type_path(b.type);
}

std::string ReceiverTypes::returned_type(const std::string& module, std::string_view callee) const {
  // `a::Foo::new(..)`: constructors return their type (a guess that fails
  // safely: a method not found on it falls back to name matching).
  std::string_view last = last_segment(callee);
  if (starts_upper(last)) return type_path(callee);  // `Steps(3)`: a tuple struct's constructor
  if (last.size() < callee.size()) {
    std::string owner = parent_path(std::string(callee));
    if (starts_upper(last_segment(owner)) && !starts_upper(last)) return owner;
  }
  // `make(..)`: the declared return type of a fn of this crate.
  for (const std::string& candidate : resolver_.resolve(module, std::string(callee))) {
    auto found = items_.find(candidate);
    if (found != items_.end() && !found->second->return_type.empty()) return type_path(found->second->return_type);
  }
  return {};
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
  if (receiver.starts_with("self.")) {
    auto found = items_.find(parent_path(caller));
    if (found == items_.end()) return {};
    std::string_view field = std::string_view(receiver).substr(5);
    for (const auto& f : found->second->fields)
      if (f.name == field) return type_path(f.type);
    return {};
  }
  // A value built where it is used: `for s in Steps(3)`, `Meters { .. } + m`,
  // `make_wheel().spin()`, `Wheel::new().spin()`.
  if (receiver.ends_with('{')) return type_path(std::string_view(receiver).substr(0, receiver.size() - 1));
  if (receiver.ends_with('(')) return returned_type(module, std::string_view(receiver).substr(0, receiver.size() - 1));
  auto fn = bindings_.find(caller);
  if (fn == bindings_.end()) return {};
  // The latest binding of that name before the call (later ones shadow).
  const model::LocalBinding* best = nullptr;
  for (const model::LocalBinding* b : fn->second) {
    if (b->name != receiver) continue;
    const TextPosition& p = b->location.position;
    if (p.line > at.line || (p.line == at.line && p.column > at.column)) continue;
    if (!best || p.line > best->location.position.line ||
        (p.line == best->location.position.line && p.column > best->location.position.column))
      best = b;
  }
  return best ? binding_type(*best) : std::string();
}

}  // namespace cratescope::callgraph
