// One walk over a file's tree that extracts items, `use`s, unsafe sites,
// module declarations and macro calls (file_facts.hpp).
#include "model/file_facts.hpp"

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <string_view>
#include <unordered_set>

namespace cratescope::model {

namespace {

// Deeper nesting than this is not real code; stopping keeps the stack bounded.
constexpr int kMaxDepth = 512;

enum class Container { module, function, impl, trait, extern_block };

// The node kinds the walk dispatches on, looked up by symbol id: comparing
// kind names for every node of every file was a visible cost.
enum class NodeKind : uint8_t {
  other, mod_item, function_item, impl_item, trait_item, foreign_mod_item, use_declaration,
  extern_crate_declaration, macro_invocation, attribute_item, inner_attribute, call_expression, scoped_identifier,
  generic_function, unary_expression, macro_definition, unsafe_block, data_item, comment,
  let_declaration, let_condition, tuple_struct_pattern, struct_pattern,
  for_expression, binary_expression, compound_assignment, try_expression,  // implicit calls (call graph only)
  array,  // `[...]`: often a big data table
  item_list,  // source_file, declaration_list
  closure_parameters,  // `|me: &mut Parser|`: bindings when typed, nothing else inside
  leaf,  // nothing inside can be an item or a reference: types, literals, names
};

// Tokens as macro_tokens() reads them.
enum class TokenKind : uint8_t { other, group, name, colons, dot };

TokenKind token_kind(TSNode n) {
  static const std::vector<TokenKind> table = [] {
    const TSLanguage* language = tree_sitter_rust();
    std::vector<TokenKind> out(ts_language_symbol_count(language), TokenKind::other);
    for (TSSymbol s = 0; s < out.size(); ++s) {
      std::string_view name = ts_language_symbol_name(language, s);
      bool named = ts_language_symbol_type(language, s) == TSSymbolTypeRegular;
      if (named && name == "token_tree") out[s] = TokenKind::group;
      else if (named && (name == "identifier" || name == "metavariable")) out[s] = TokenKind::name;
      else if (name == "self" || name == "super" || name == "crate") out[s] = TokenKind::name;
      else if (!named && name == "::") out[s] = TokenKind::colons;
      else if (!named && name == ".") out[s] = TokenKind::dot;
    }
    return out;
  }();
  TSSymbol s = ts_node_symbol(n);
  return s < table.size() ? table[s] : TokenKind::other;
}

NodeKind node_kind(TSNode n) {
  static const std::vector<NodeKind> table = [] {
    static const std::pair<std::string_view, NodeKind> names[] = {
        {"mod_item", NodeKind::mod_item}, {"function_item", NodeKind::function_item},
        {"function_signature_item", NodeKind::function_item}, {"impl_item", NodeKind::impl_item},
        {"trait_item", NodeKind::trait_item}, {"foreign_mod_item", NodeKind::foreign_mod_item},
        {"use_declaration", NodeKind::use_declaration}, {"extern_crate_declaration", NodeKind::extern_crate_declaration},
        {"macro_invocation", NodeKind::macro_invocation}, {"attribute_item", NodeKind::attribute_item},
        {"inner_attribute_item", NodeKind::inner_attribute}, {"call_expression", NodeKind::call_expression},
        {"scoped_identifier", NodeKind::scoped_identifier}, {"generic_function", NodeKind::generic_function},
        {"unary_expression", NodeKind::unary_expression}, {"macro_definition", NodeKind::macro_definition},
        {"unsafe_block", NodeKind::unsafe_block}, {"struct_item", NodeKind::data_item},
        {"enum_item", NodeKind::data_item}, {"union_item", NodeKind::data_item}, {"const_item", NodeKind::data_item},
        {"static_item", NodeKind::data_item}, {"type_item", NodeKind::data_item},
        {"line_comment", NodeKind::comment}, {"block_comment", NodeKind::comment},
        {"array_expression", NodeKind::array}, {"tuple_expression", NodeKind::array},
        {"let_declaration", NodeKind::let_declaration}, {"let_condition", NodeKind::let_condition},
        {"tuple_struct_pattern", NodeKind::tuple_struct_pattern},
        {"for_expression", NodeKind::for_expression},
        {"binary_expression", NodeKind::binary_expression},
        {"compound_assignment_expr", NodeKind::compound_assignment}, {"try_expression", NodeKind::try_expression},
        {"source_file", NodeKind::item_list}, {"declaration_list", NodeKind::item_list},
        // Skipping these subtrees saves walking a large share of all nodes.
        {"identifier", NodeKind::leaf}, {"field_identifier", NodeKind::leaf}, {"type_identifier", NodeKind::leaf},
        {"primitive_type", NodeKind::leaf}, {"generic_type", NodeKind::leaf}, {"reference_type", NodeKind::leaf},
        {"scoped_type_identifier", NodeKind::leaf}, {"pointer_type", NodeKind::leaf}, {"tuple_type", NodeKind::leaf},
        {"function_type", NodeKind::leaf}, {"type_arguments", NodeKind::leaf}, {"type_parameters", NodeKind::leaf},
        {"where_clause", NodeKind::leaf}, {"trait_bounds", NodeKind::leaf}, {"lifetime", NodeKind::leaf},
        {"visibility_modifier", NodeKind::leaf}, {"string_literal", NodeKind::leaf},
        {"raw_string_literal", NodeKind::leaf}, {"char_literal", NodeKind::leaf}, {"integer_literal", NodeKind::leaf},
        {"float_literal", NodeKind::leaf}, {"boolean_literal", NodeKind::leaf}, {"self", NodeKind::leaf},
        {"self_parameter", NodeKind::leaf}, {"parameter", NodeKind::leaf}, {"abstract_type", NodeKind::leaf},
        {"dynamic_type", NodeKind::leaf}, {"bounded_type", NodeKind::leaf}, {"field_declaration", NodeKind::leaf},
        // Patterns name variants and bind variables; they call nothing (match
        // guards are in match_pattern, which is walked).
        {"struct_pattern", NodeKind::struct_pattern},
        {"tuple_pattern", NodeKind::leaf}, {"slice_pattern", NodeKind::leaf}, {"ref_pattern", NodeKind::leaf},
        {"captured_pattern", NodeKind::leaf}, {"or_pattern", NodeKind::leaf}, {"range_pattern", NodeKind::leaf},
        {"mut_pattern", NodeKind::leaf}, {"reference_pattern", NodeKind::leaf},
        {"closure_parameters", NodeKind::closure_parameters}};
    const TSLanguage* language = tree_sitter_rust();
    std::vector<NodeKind> out(ts_language_symbol_count(language), NodeKind::other);
    for (TSSymbol s = 0; s < out.size(); ++s) {
      if (ts_language_symbol_type(language, s) != TSSymbolTypeRegular) continue;
      std::string_view name = ts_language_symbol_name(language, s);
      for (const auto& [known, k] : names)
        if (name == known) out[s] = k;
    }
    return out;
  }();
  TSSymbol s = ts_node_symbol(n);
  return s < table.size() ? table[s] : NodeKind::other;
}

const std::vector<std::string> kNoModules;

struct Scope {
  std::string module;                     // relative module path ("" = the file's module)
  // Inline modules entered; owned by the walk of the innermost one (a Scope
  // is copied for every fn and impl, the chain is not).
  const std::vector<std::string>* inline_chain = &kNoModules;
  std::string prefix;                     // path prefix for items (module, or `Type`, or an fn)
  std::string enclosing;                  // the item we are inside, for unsafe sites
  Container container = Container::module;
  bool test_only = false;
  bool in_unsafe = false;                 // in an unsafe block or unsafe fn body
  bool in_macro_rules = false;            // in a macro_rules! body (references found there)
  std::string self_type, trait_name;      // in impls
  std::string type_parameters;            // call graph: `,T,U,` of the enclosing impl and fn
};

std::string join(const std::string& a, std::string_view b) {
  if (a.empty()) return std::string(b);
  std::string out;
  out.reserve(a.size() + 2 + b.size());  // `a + "::" + b` allocated twice
  out.append(a).append("::").append(b);
  return out;
}

// `pub` comes first in every item the grammar has (comments aside), so the
// search stops at the first other child: scanning all of them was a tenth
// of the walk's cost.
TSNode visibility_of(TSNode n) {
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_named_child(n, i);
    NodeKind k = node_kind(c);
    if (k == NodeKind::comment) continue;
    return is(c, "visibility_modifier") ? c : TSNode{};
  }
  return TSNode{};
}

bool has_unsafe_modifier(TSNode fn) {
  bool found = false;
  for_each_named_child(fn, [&](TSNode c) {
    if (is(c, "function_modifiers")) found = found || has_token(c, "unsafe");
  });
  return found;
}

// `Foo<T>` -> `Foo`, `a::Foo<T>` -> `a::Foo`; other types keep their text.
std::string type_base_name(TSNode type, std::string_view source) {
  if (is(type, "generic_type")) type = field(type, Field::type);
  return squeeze(text_of(type, source));
}

std::string export_name_of(const std::vector<Attribute>& attrs, const std::string& name) {
  for (const auto& a : attrs) {
    if (a.name == "export_name") return a.value;
    if (a.name == "no_mangle" || (a.name == "unsafe" && a.arguments == "(no_mangle)")) return name;
    if (a.name == "unsafe" && a.arguments.starts_with("(export_name=\"") && a.arguments.size() > 16)
      return a.arguments.substr(14, a.arguments.size() - 16);
  }
  return {};
}

// `MAX_LEN`, `PATTERN`: a constant's or static's name by Rust's convention
// (two letters at least: `T` is a type parameter).
bool screaming_case(std::string_view name) {
  size_t letters = 0;
  for (char c : name) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) ++letters;
  }
  return letters >= 2;
}

// Whether source text can hold a call, a path, a macro, a deref or a block:
// lets the walk skip data tables (`[0x00, 0x01, ...]`, long literal lists in
// macros) with one pass over their bytes instead of a cursor step per token.
bool may_hold_references(std::string_view text) {
  for (char c : text)
    if (c == '(' || c == ':' || c == '!' || c == '*' || c == '{' || c == '.' || c == '#') return true;
  return false;
}

class Extractor {
 public:
  Extractor(const ParsedFile& file, FileFacts& facts, TSParser* parser, bool for_call_graph, const CfgFacts* cfg)
      : source_(file.text), facts_(facts), parser_(parser), call_graph_(for_call_graph), cfg_(cfg) {}

  void run(TSNode root, const std::string& module) {
    Scope top;
    top.module = top.prefix = top.enclosing = module;
    bool compiled = true;
    for_each_named_child(root, [&](TSNode c) {
      if (!is(c, "inner_attribute_item")) return;
      inner_attribute(c);
      compiled = compiled && !cfg_off(c);
    });
    if (compiled) children(root, top, 0);
  }

 private:
  std::string_view source_;
  FileFacts& facts_;
  TSParser* parser_;  // for the token trees of item-level macro calls; may be null
  bool call_graph_;   // bindings, fields, return types, macro_rules! bodies (see extract_facts)
  const CfgFacts* cfg_;  // code whose #[cfg] is false here is skipped; null: nothing is
  int macro_nesting_ = 0;
  // The attribute items written just before the node being visited, collected
  // by children() as it walks (looking back through siblings is quadratic).
  TSNode attributes_owner_{};
  bool item_level_child_ = false;  // the node visit() is given sits in a file or module body
  std::vector<TSNode> attributes_;

  std::vector<Attribute> attributes_of(TSNode n) {
    if (!ts_node_is_null(attributes_owner_) && ts_node_eq(attributes_owner_, n)) {
      std::vector<Attribute> out;
      for (TSNode a : attributes_) out.push_back(read_attribute(a, source_));
      return out;
    }
    return outer_attributes(n, source_);  // a node reached another way
  }

  void inner_attribute(TSNode n) {
    Attribute a = read_attribute(n, source_);
    if (a.name == "forbid" && a.arguments.find("unsafe_code") != std::string::npos) facts_.forbids_unsafe = true;
    if (is_cfg_test(a)) facts_.test_only = true;
  }

  // An attribute item `#[cfg(...)]` (or `#![cfg(...)]`) that is false for cfg_.
  bool cfg_off(TSNode attribute_item) const {
    if (!cfg_) return false;
    std::string_view text = text_of(attribute_item, source_);
    if (text.find("cfg") == std::string_view::npos) return false;  // most attributes: no read_attribute
    Attribute a = read_attribute(attribute_item, source_);
    if (a.name != "cfg" || a.arguments.size() < 2) return false;
    return cfg_value(std::string_view(a.arguments).substr(1, a.arguments.size() - 2)) == Tristate::no;
  }

  // The inside of `cfg(...)` evaluated for cfg_; a malformed one is unknown (kept).
  Tristate cfg_value(std::string_view predicate) const {
    auto holds = cfg_holds(predicate, *cfg_);
    return holds ? *holds : Tristate::unknown;
  }

  void children(TSNode n, const Scope& scope, int depth) {
    if (ts_node_is_null(n)) return;  // e.g. an impl whose body did not parse
    if (depth > kMaxDepth) {
      facts_.truncated = true;
      return;
    }
    std::vector<TSNode> pending;  // attribute items before the next item
    bool item_list = node_kind(n) == NodeKind::item_list;
    for_each_named_child(n, [&](TSNode c) {
      NodeKind k = node_kind(c);
      if (k == NodeKind::attribute_item) {
        pending.push_back(c);
        return;
      }
      if (k == NodeKind::comment) return;
      bool compiled = true;
      for (TSNode a : pending) compiled = compiled && !cfg_off(a);
      if (!compiled) {
        pending.clear();
        return;
      }
      attributes_owner_ = c;
      attributes_ = std::move(pending);
      pending.clear();
      item_level_child_ = item_list;
      visit(c, scope, depth + 1);
    });
  }

  Item& add_item(ItemKind kind, TSNode node, TSNode name, const Scope& scope, const std::vector<Attribute>& attrs) {
    Item& item = facts_.items.emplace_back();  // in place: an Item is a few dozen members
    item.kind = kind;
    item.path = join(scope.prefix, identifier_name(text_of(name, source_)));
    item.location.position = position_of(ts_node_is_null(name) ? node : name);
    TSNode visibility = visibility_of(node);
    item.is_pub = !ts_node_is_null(visibility);
    item.visibility = squeeze(text_of(visibility, source_));
    item.test_only = scope.test_only || find_cfg_test(attrs);
    item.in_macro = macro_nesting_ > 0;
    if (const Attribute* section = find_attribute(attrs, "link_section")) item.link_section = section->value;
    return item;
  }

  static bool find_cfg_test(const std::vector<Attribute>& attrs) {
    for (const auto& a : attrs)
      if (is_cfg_test(a)) return true;
    return false;
  }

  void add_unsafe(UnsafeKind kind, TSNode at, bool test_only, const std::string& enclosing) {
    UnsafeSite site;
    site.kind = kind;
    site.location.position = position_of(at);
    site.enclosing = enclosing;
    site.test_only = test_only;
    facts_.unsafe_sites.push_back(std::move(site));
  }

  // The `unsafe` keyword of an item, for the site's location.
  TSNode unsafe_token(TSNode n) {
    TSNode found{};
    for_each_child(n, [&](TSNode c) {
      if (!ts_node_is_null(found)) return;
      if (!ts_node_is_named(c) && kind(c) == "unsafe") found = c;
      else if (is(c, "function_modifiers")) found = unsafe_token(c);
    });
    return ts_node_is_null(found) ? n : found;
  }

  void visit(TSNode n, const Scope& scope, int depth) {
    bool item_level = item_level_child_;
    item_level_child_ = false;
    switch (node_kind(n)) {
      case NodeKind::mod_item: return module(n, scope, depth);
      case NodeKind::function_item: return function(n, scope, depth);
      case NodeKind::impl_item: return impl(n, scope, depth);
      case NodeKind::trait_item: return trait(n, scope, depth);
      case NodeKind::foreign_mod_item: {
        Scope inner = scope;
        inner.container = Container::extern_block;
        return children(field(n, Field::body), inner, depth);
      }
      case NodeKind::use_declaration: return flatten_use(n, source_, scope.module, scope.test_only, facts_.uses);
      case NodeKind::extern_crate_declaration: return extern_crate(n, scope);
      case NodeKind::macro_invocation: {
        macro_call(n, scope);
        bool expanded = false;
        // Item positions: a module's, and an impl's or trait's (tokio's
        // `impl Runtime { cfg_not_wasi! { pub fn new() .. } }`).
        bool item_position = scope.container == Container::module || scope.container == Container::impl ||
                             scope.container == Container::trait;
        if (item_position && item_level) expanded = expand_macro_items(n, scope, depth, 0);
        if (!expanded) scan_macro_tokens(n, scope, depth);
        return;
      }
      case NodeKind::attribute_item:
      case NodeKind::inner_attribute: return;  // `#[tokio::main]` is not a reference
      case NodeKind::call_expression: return call(n, scope, depth);
      case NodeKind::scoped_identifier:
      case NodeKind::generic_function: return add_reference(ReferenceKind::path, n, callee_path(n), scope);
      case NodeKind::unary_expression:
        if (scope.in_unsafe && has_token(n, "*")) add_reference(ReferenceKind::raw_deref, n, "", scope);
        // `*x` on a value whose type implements Deref calls its `deref`.
        if (call_graph_ && scope.container == Container::function && has_token(n, "*"))
          implicit_call(ts_node_named_child(n, 0), "deref", scope);
        break;
      case NodeKind::try_expression:
        // `x?` converts the error with `From::from` into the fn's error type
        // (receiver `?`: the call graph reads that type off the fn's signature).
        if (call_graph_ && scope.container == Container::function) {
          add_reference(ReferenceKind::method, n, "from", scope);
          facts_.references.back().implicit = true;
          facts_.references.back().receiver = "?";
        }
        break;
      case NodeKind::macro_definition: return macro_definition(n, scope);
      case NodeKind::unsafe_block: return unsafe_block(n, scope, depth);
      case NodeKind::data_item: return data_item(n, kind(n), scope, depth);
      case NodeKind::let_declaration:
      case NodeKind::let_condition:
        if (call_graph_ && scope.container == Container::function) let_binding(n, scope);
        break;
      case NodeKind::tuple_struct_pattern:  // nothing inside is a reference
        if (call_graph_ && scope.container == Container::function) variant_binding(n, scope);
        return;
      case NodeKind::struct_pattern:  // likewise
        if (call_graph_ && scope.container == Container::function) struct_pattern_binding(n, scope);
        return;
      case NodeKind::for_expression:
        if (call_graph_) {  // `for x in it`: it.into_iter(), then next()
          TSNode value = field(n, Field::value);
          implicit_call(value, "into_iter", scope);
          implicit_call(value, "next", scope);
          if (scope.container == Container::function) element_binding(field(n, Field::pattern), value, scope);
        }
        break;
      case NodeKind::binary_expression:
      case NodeKind::compound_assignment:
        if (call_graph_) {
          std::string_view op = text_of(ts_node_child(n, 1), source_);
          std::string_view method = operator_method(op);
          if (!method.empty()) implicit_call(field(n, Field::left), method, scope);
        }
        break;
      case NodeKind::closure_parameters:  // a written type types the calls on the parameter
        if (call_graph_ && scope.container == Container::function) parameter_bindings(n, scope);
        return;
      case NodeKind::leaf: return;
      case NodeKind::array:
        if (!may_hold_references(text_of(n, source_))) return;
        break;
      default: break;
    }
    if (ts_node_child_count(n) == 0) return;
    children(n, scope, depth);  // expressions, blocks: items can hide anywhere
  }

  void macro_definition(TSNode n, const Scope& scope) {
      auto attrs = attributes_of(n);
      Item& item = add_item(ItemKind::macro_rules, n, field(n, Field::name), scope, attrs);
      // #[macro_export] macros live at the crate root whatever the module.
      if (find_attribute(attrs, "macro_export")) item.is_pub = true;
      scan_macro_rules_unsafe(n, source_, scope.enclosing, scope.test_only, facts_.unsafe_sites);
      // What the expansions call (`$crate::imp::f(..)`), attributed to the
      // macro: the call graph links each invocation to it.
      if (!call_graph_) return;
      Scope body = scope;
      body.enclosing = item.path;
      body.test_only = item.test_only;
      body.in_macro_rules = true;
      for_each_named_child(n, [&](TSNode rule) {
        if (!is(rule, "macro_rule")) return;
        TSNode right = field(rule, Field::right);
        if (is(right, "token_tree")) scan_macro_tokens(right, body, 1);
      });
  }

  void unsafe_block(TSNode n, const Scope& scope, int depth) {
      TSNode block{};
      for_each_named_child(n, [&](TSNode c) {
        if (ts_node_is_null(block)) block = c;
      });
      add_unsafe(UnsafeKind::block, n, scope.test_only, scope.enclosing);
      facts_.unsafe_sites.back().has_safety_comment = safety_comment_near(n, block, source_);
      Scope inner = scope;
      inner.in_unsafe = true;
      children(n, inner, depth);
  }

  void module(TSNode n, const Scope& scope, int depth) {
    auto attrs = attributes_of(n);
    ModDecl decl;
    decl.inline_chain = *scope.inline_chain;
    TSNode name = field(n, Field::name);
    decl.name = identifier_name(text_of(name, source_));
    decl.position = position_of(name);
    decl.test_only = scope.test_only || find_cfg_test(attrs);
    if (const Attribute* p = find_attribute(attrs, "path")) decl.path_attr = p->value;
    TSNode body = field(n, Field::body);
    decl.has_body = !ts_node_is_null(body);
    // `mod tests { #![cfg(test)] ... }`: the inner attribute says it too.
    bool compiled = true;
    for_each_named_child(body, [&](TSNode c) {
      if (!is(c, "inner_attribute_item")) return;
      if (is_cfg_test(read_attribute(c, source_))) decl.test_only = true;
      compiled = compiled && !cfg_off(c);
    });
    if (!compiled) return;
    // Module declarations inside fn bodies are rare and not file-backed here.
    if (scope.container != Container::module) decl.has_body = true;
    facts_.mods.push_back(decl);
    if (!decl.has_body || ts_node_is_null(body)) return;
    Scope inner;
    inner.module = join(scope.module, decl.name);
    std::vector<std::string> chain = *scope.inline_chain;
    chain.push_back(decl.name);
    inner.inline_chain = &chain;
    inner.prefix = join(scope.prefix, decl.name);
    inner.enclosing = inner.prefix;
    inner.test_only = decl.test_only;
    children(body, inner, depth);
  }

  void function(TSNode n, const Scope& scope, int depth) {
    auto attrs = attributes_of(n);
    // A `#[test]` (`#[tokio::test]`...) fn is compiled by test builds only: never in a dependency.
    if (cfg_ && cfg_->as_dependency && std::any_of(attrs.begin(), attrs.end(), [](const Attribute& a) {
          return a.name == "test" || a.name.ends_with("::test");
        }))
      return;
    bool is_unsafe = has_unsafe_modifier(n);
    TSNode name = field(n, Field::name), body = field(n, Field::body);
    bool has_body = !ts_node_is_null(body);
    ItemKind item_kind = ItemKind::function;
    switch (scope.container) {
      case Container::impl: item_kind = ItemKind::method; break;
      case Container::trait: item_kind = ItemKind::trait_method; break;
      case Container::extern_block: item_kind = ItemKind::extern_fn; break;
      default:
        if (find_attribute(attrs, "proc_macro") || find_attribute(attrs, "proc_macro_derive") ||
            find_attribute(attrs, "proc_macro_attribute"))
          item_kind = ItemKind::proc_macro;
    }
    Item& item = add_item(item_kind, n, name, scope, attrs);
    item.is_unsafe = is_unsafe || item_kind == ItemKind::extern_fn;
    if (TSNode returns = field(n, Field::return_type); call_graph_ && !ts_node_is_null(returns))
      item.return_type = squeeze(text_of(returns, source_));
    if (call_graph_) count_parameters(field(n, Field::parameters), item);
    item.has_body = has_body;
    item.self_type = scope.self_type;
    item.trait_name = scope.trait_name;
    if (!attrs.empty()) item.export_name = export_name_of(attrs, identifier_name(text_of(name, source_)));
    std::string path = item.path;
    bool test_only = item.test_only;
    if (item_kind == ItemKind::extern_fn) {
      add_unsafe(UnsafeKind::extern_item, name, test_only, path);
    } else if (is_unsafe) {
      add_unsafe(UnsafeKind::function, unsafe_token(n), test_only, path);
    }
    if (!has_body) return;
    // Items nested in a body get the fn's path as prefix: not nameable in
    // Rust, but unique and readable (`crate::f::helper`).
    Scope inner;
    inner.module = scope.module;
    inner.inline_chain = scope.inline_chain;
    inner.prefix = path;
    inner.enclosing = path;
    inner.container = Container::function;
    inner.test_only = test_only;
    inner.in_unsafe = is_unsafe;
    if (call_graph_) {
      inner.type_parameters = scope.type_parameters + type_parameter_names(field(n, Field::type_parameters));
      parameter_bindings(field(n, Field::parameters), inner);
    }
    children(body, inner, depth);
  }

  // What an operator calls on its left operand (`a + b` is `a.add(b)`;
  // `!=` and `<` reach `eq` and `partial_cmp`, which impls define).
  static std::string_view operator_method(std::string_view op) {
    static constexpr std::pair<std::string_view, std::string_view> kMethods[] = {
        {"+", "add"}, {"-", "sub"}, {"*", "mul"}, {"/", "div"}, {"%", "rem"}, {"&", "bitand"}, {"|", "bitor"},
        {"^", "bitxor"}, {"<<", "shl"}, {">>", "shr"}, {"==", "eq"}, {"!=", "eq"},
        {"<", "partial_cmp"}, {">", "partial_cmp"}, {"<=", "partial_cmp"}, {">=", "partial_cmp"}, {"+=", "add_assign"}, {"-=", "sub_assign"}, {"*=", "mul_assign"},
        {"/=", "div_assign"}, {"%=", "rem_assign"}, {"&=", "bitand_assign"}, {"|=", "bitor_assign"},
        {"^=", "bitxor_assign"}, {"<<=", "shl_assign"}, {">>=", "shr_assign"}};
    for (const auto& [o, m] : kMethods)
      if (o == op) return m;
    return {};
  }

  // A call the code does not write: only kept when `receiver` is a name
  // (the call graph links it when that name's type is written down).
  // A value built in place (`Steps(3)`, `Meters { m: 1 }`) counts as written
  // down too: its receiver is kept as `Steps(` / `Meters{`.
  void implicit_call(TSNode receiver, std::string_view method, const Scope& scope) {
    std::string built;
    if (is(receiver, "call_expression")) {
      TSNode function = field(receiver, Field::function);
      if (is(function, "identifier") || is(function, "scoped_identifier")) built = callee_path(function) + "(";
    } else if (is(receiver, "struct_expression")) {
      built = callee_path(field(receiver, Field::name)) + "{";
    }
    bool constructed = !built.empty() && std::isupper(static_cast<unsigned char>(built[built.find_last_of(':') == std::string::npos ? 0 : built.find_last_of(':') + 1]));
    if (!is(receiver, "identifier") && !is(receiver, "self") && !constructed) return;
    add_reference(ReferenceKind::method, receiver, std::string(method), scope);
    Reference& r = facts_.references.back();
    r.implicit = true;
    r.on_self = is(receiver, "self");
    if (constructed) r.receiver = std::move(built);
    else if (!r.on_self) r.receiver = identifier_name(text_of(receiver, source_));
  }

  // What a call must match: `x.f(a, b)` can only be a method with `self`
  // and two more parameters.
  void count_parameters(TSNode parameters, Item& item) {
    if (ts_node_is_null(parameters)) return;
    int count = 0;
    for_each_named_child(parameters, [&](TSNode p) {
      if (is(p, "self_parameter") || (is(p, "parameter") && is(field(p, Field::pattern), "self"))) item.has_self = true;
      else if (is(p, "parameter") || is(p, "variadic_parameter")) ++count;
    });
    item.arity = static_cast<int8_t>(std::min(count, 127));
  }

  // `x: &Foo` parameters: a method call on `x` is Foo's.
  void parameter_bindings(TSNode parameters, const Scope& scope) {
    if (ts_node_is_null(parameters)) return;
    for_each_named_child(parameters, [&](TSNode p) {
      if (!is(p, "parameter")) return;
      TSNode pattern = field(p, Field::pattern);
      pattern = without_mut(pattern);
      TSNode type = field(p, Field::type);
      if (!is(pattern, "identifier") || ts_node_is_null(type)) return;
      std::string written = squeeze(text_of(type, source_));
      std::string_view base = written;  // `&'a mut T` -> `T`
      while (base.starts_with('&')) {
        base.remove_prefix(1);
        if (base.starts_with('\'')) base.remove_prefix(std::min(base.size(), base.find(' ') + 1));
        if (base.starts_with("mut ")) base.remove_prefix(4);
      }
      if (base.starts_with("impl ") ||
          (!base.empty() && scope.type_parameters.find("," + std::string(base) + ",") != std::string::npos))
        written = kGenericBindingType;
      add_binding(pattern, std::move(written), false, scope);
    });
  }

  // `,T,U,` of `<'a, T: Read, U, const N: usize>` (lifetimes and consts left out).
  std::string type_parameter_names(TSNode parameters) {
    std::string out;
    if (ts_node_is_null(parameters)) return out;
    for_each_named_child(parameters, [&](TSNode p) {
      TSNode name = p;  // `T`, `T: Read`, `T = u8` (grammar versions nest these differently)
      for (int level = 0; level < 3 && (is(name, "type_parameter") || is(name, "constrained_type_parameter") ||
                                         is(name, "optional_type_parameter"));
           ++level)
        name = ts_node_named_child(name, 0);
      if (is(name, "type_identifier")) out += "," + std::string(text_of(name, source_)) + ",";
    });
    return out;
  }

  // `x` of `mut x`.
  static TSNode without_mut(TSNode pattern) {
    return is(pattern, "mut_pattern") ? ts_node_named_child(pattern, ts_node_named_child_count(pattern) - 1) : pattern;
  }
  // `x` of `ref x`, `ref mut x`, `mut x`.
  static TSNode without_ref_mut(TSNode pattern) {
    return without_mut(is(pattern, "ref_pattern") ? ts_node_named_child(pattern, 0) : pattern);
  }

  // A receiver or a bound value as the call graph reads it back (see
  // callgraph/receiver_types.hpp): a name, `self`, `<value>.field`,
  // `path(` (a call), `<value>.method(` (a method's result), `Path{` (a
  // literal), `<value>.[]` (an item: `v[i]`); `?`, `&`, parentheses,
  // range indexing (`s[a..b]`) and std's wrappers' constructors
  // (`Arc::new(e)`, as in let_binding) are seen through. Empty for anything
  // else and past a few levels.
  std::string value_text(TSNode e, int depth) {
    if (depth > 4) return {};
    for (int wrappers = 0;;) {  // `x?`, `(x)`, `&x`, `&mut x`, `Arc::new(x)`: the same methods
      if (is(e, "try_expression") || is(e, "parenthesized_expression")) e = ts_node_named_child(e, 0);
      else if (is(e, "reference_expression")) e = field(e, Field::value);
      else if (TSNode content = wrapped_content(e); !ts_node_is_null(content) && ++wrappers <= 4) e = content;
      else break;
    }
    NodeKind k = node_kind(e);
    if (is(e, "self")) return "self";
    if (is(e, "identifier")) return identifier_name(text_of(e, source_));
    if (is(e, "struct_expression")) return callee_path(field(e, Field::name)) + "{";
    if (is(e, "index_expression")) {  // `v[a..b]` is of v's type, `v[i]` an item of v
      std::string base = value_text(ts_node_named_child(e, 0), depth + 1);
      if (base.empty() || is(ts_node_named_child(e, 1), "range_expression")) return base;
      return base + ".[]";
    }
    if (is(e, "field_expression")) {
      std::string base = value_text(field(e, Field::value), depth + 1);
      return base.empty() ? base : base + "." + identifier_name(text_of(field(e, Field::field), source_));
    }
    if (k != NodeKind::call_expression) return {};
    TSNode function = field(e, Field::function);
    if (is(function, "generic_function")) function = field(function, Field::function);
    if (is(function, "identifier") || is(function, "scoped_identifier")) return callee_path(function) + "(";
    if (!is(function, "field_expression")) return {};
    std::string base = value_text(field(function, Field::value), depth + 1);
    return base.empty() ? base : base + "." + identifier_name(text_of(field(function, Field::field), source_)) + "(";
  }

  // `for x in v`, `v.iter().map(|x| ..)`: x is an item of v, kept as
  // `<v>.[]` (`v.iter(.[]`); `&x` and `mut x` alike.
  void element_binding(TSNode pattern, TSNode of, const Scope& scope) {
    if (is(pattern, "reference_pattern")) pattern = ts_node_named_child(pattern, 0);
    pattern = without_mut(pattern);
    std::string text = value_text(of, 0);
    // `for (i, x) in v.iter().enumerate()`: x is an item of `v.iter()`.
    if (is(pattern, "tuple_pattern") && ts_node_named_child_count(pattern) == 2 && text.ends_with(".enumerate(")) {
      pattern = without_ref_mut(ts_node_named_child(pattern, 1));
      text.resize(text.size() - std::string_view(".enumerate(").size());
    }
    if (!is(pattern, "identifier")) return;
    if (!text.empty()) add_binding(pattern, text + ".[]", true, scope);
  }

  // Methods that call a closure with the receiver's items: which argument
  // the closure is, how many parameters it has, and which are items
  // (`fold(init, |acc, x| ..)`: the second; `max_by(|a, b| ..)`: both).
  struct ItemClosure {
    uint32_t argument = 0, parameters = 1, first_item = 0;
  };
  static std::optional<ItemClosure> item_closure(std::string_view method) {
    static const std::unordered_set<std::string_view> one_item = {
        "map", "for_each", "filter", "any", "all", "find", "position", "filter_map", "flat_map", "inspect",
        "take_while", "skip_while", "map_while", "find_map", "max_by_key", "min_by_key", "partition"};
    if (one_item.contains(method)) return ItemClosure{0, 1, 0};
    if (method == "fold" || method == "try_fold") return ItemClosure{1, 2, 1};
    if (method == "max_by" || method == "min_by" || method == "sort_by" || method == "sort_unstable_by")
      return ItemClosure{0, 2, 0};
    return std::nullopt;
  }

  // `v.iter().map(|x| ..)`: x is an item of `v.iter()`; `|x: &T|` says it
  // (a typed parameter is bound where the closure is walked).
  void closure_binding(TSNode receiver, TSNode arguments, ItemClosure shape, const Scope& scope) {
    if (ts_node_is_null(arguments) || ts_node_named_child_count(arguments) != shape.argument + 1) return;
    TSNode closure = ts_node_named_child(arguments, shape.argument);
    if (!is(closure, "closure_expression")) return;
    TSNode parameters = field(closure, Field::parameters);
    if (ts_node_is_null(parameters) || ts_node_named_child_count(parameters) != shape.parameters) return;
    for (uint32_t i = shape.first_item; i < shape.parameters; ++i) {
      TSNode parameter = ts_node_named_child(parameters, i);
      if (!is(parameter, "parameter")) element_binding(parameter, receiver, scope);
    }
  }

  // `let x: T = ..`, `let x = a::T::new(..)` (or with `?`), `let x = T { .. }`,
  // `let x = T(..)`, `let x = T;`, `let x = y.f(..)` and `let x = y.field`
  // (kept as value_text), the same in `if let Some(x) = ..` / `while let`.
  void let_binding(TSNode n, const Scope& scope) {
    TSNode pattern = field(n, Field::pattern);
    pattern = without_mut(pattern);
    // `Some(x)`, `Ok(x)`: the value's type is read through Option and Result.
    if (is(pattern, "tuple_struct_pattern") && ts_node_named_child_count(pattern) == 2) {
      std::string_view wrapper = text_of(field(pattern, Field::type), source_);
      if (wrapper == "Some" || wrapper == "Ok") pattern = ts_node_named_child(pattern, 1);
    }
    pattern = without_ref_mut(pattern);
    if (is(pattern, "tuple_pattern")) return tuple_binding(pattern, field(n, Field::value), scope);
    if (!is(pattern, "identifier")) return;
    if (TSNode type = field(n, Field::type); !ts_node_is_null(type))
      return add_binding(pattern, squeeze(text_of(type, source_)), false, scope);
    TSNode value = field(n, Field::value);
    // `let x = if c { a } else { b };`: both branches have one type; a's tells it.
    for (int depth = 0; depth < 8 && is(value, "if_expression"); ++depth) value = tail_expression(field(value, Field::consequence));
    if (is(value, "try_expression")) value = ts_node_named_child(value, 0);
    // `Arc::new(Engine::new())`: x is typed by what it holds, as a written
    // `Arc<Engine>` is (the wrapper derefs to it or hands it out).
    for (int depth = 0; depth < 4; ++depth) {
      TSNode content = wrapped_content(value);
      if (ts_node_is_null(content)) break;
      value = content;
    }
    if (is(value, "call_expression")) {
      TSNode function = field(value, Field::function);
      TSNode callee = is(function, "generic_function") ? field(function, Field::function) : function;
      // `it.collect::<String>()`, `s.parse::<f64>()`: std's methods that
      // return the type their turbofish names (through Result for parse).
      if (is(function, "generic_function") && is(callee, "field_expression")) {
        std::string_view method = text_of(field(callee, Field::field), source_);
        TSNode named = ts_node_named_child(field(function, Field::type_arguments), 0);
        if ((method == "collect" || method == "parse" || method == "sum" || method == "product") &&
            !ts_node_is_null(named))
          return add_binding(pattern, squeeze(text_of(named, source_)), false, scope);
      }
      if (is(callee, "identifier") || is(callee, "scoped_identifier")) {
        add_binding(pattern, callee_path(callee), true, scope);
      } else if (is(callee, "field_expression")) {
        std::string text = value_text(value, 0);
        if (!text.empty()) add_binding(pattern, std::move(text), true, scope);
      }
    } else if (is(value, "field_expression") || is(value, "index_expression") || is(value, "reference_expression")) {
      // `let x = y.field`, `let x = v[i]`, `let s = &self.text()[a..b]`.
      std::string text = value_text(value, 0);
      if (text.find('.') != std::string::npos) add_binding(pattern, std::move(text), true, scope);
    } else if (is(value, "struct_expression")) {
      add_binding(pattern, callee_path(field(value, Field::name)), false, scope);
    } else if (is(value, "macro_invocation")) {  // std's macros that build a value: `vec![..]`, `format!(..)`
      std::string_view name = text_of(field(value, Field::macro), source_);
      if (name == "vec") add_binding(pattern, "Vec", false, scope);
      else if (name == "format") add_binding(pattern, "String", false, scope);
    } else if (is(value, "identifier") || is(value, "scoped_identifier")) {
      // `let g = Guard;`: a unit struct. A constant or static names no type
      // and its own is not read here: `let re = dep::PATTERN;` binds nothing
      // (SCREAMING_CASE, Rust's convention; the call graph also knows the
      // crate's own constants), so calls on it are matched by name.
      std::string path = callee_path(value);
      std::string_view last = std::string_view(path).substr(path.rfind(':') == std::string::npos ? 0 : path.rfind(':') + 1);
      if (!last.empty() && std::isupper(static_cast<unsigned char>(last[0]))) {
        if (!screaming_case(last)) add_binding(pattern, std::move(path), false, scope);
      } else if (is(value, "identifier")) {  // `let mut ptr = start;`: a copy of another local
        add_binding(pattern, std::move(path), true, scope);
        facts_.bindings.back().copies_local = true;
      }
    }
  }

  // The argument of `Box::new(a)`, `Arc::new(a)`, `Mutex::new(a)`...
  // (looks_through_to_content); else a null node.
  TSNode wrapped_content(TSNode value) const {
    if (!is(value, "call_expression")) return {};
    TSNode callee = field(value, Field::function);
    if (!is(callee, "scoped_identifier") || text_of(field(callee, Field::name), source_) != "new") return {};
    std::string_view owner = text_of(field(callee, Field::path), source_);
    owner = owner.substr(owner.rfind(':') == std::string_view::npos ? 0 : owner.rfind(':') + 1);
    if (!looks_through_to_content(owner)) return {};
    TSNode arguments = field(value, Field::arguments);
    return ts_node_is_null(arguments) || ts_node_named_child_count(arguments) != 1 ? TSNode{}
                                                                                   : ts_node_named_child(arguments, 0);
  }

  // The value a block ends with (`{ ..; a }` -> `a`, also `{ a // why }`),
  // or a null node.
  static TSNode tail_expression(TSNode block) {
    uint32_t count = ts_node_is_null(block) ? 0 : ts_node_named_child_count(block);
    TSNode last{};
    while (count > 0) {
      last = ts_node_named_child(block, --count);
      if (!is(last, "line_comment") && !is(last, "block_comment")) break;
      last = TSNode{};
    }
    return is(last, "expression_statement") || is(last, "let_declaration") ? TSNode{} : last;
  }

  // `let (a, b) = f(x)?;`, `let (n, rest) = self.split();`: each name is
  // an element of the declared tuple, kept as `<value>.#i` (`f(.#1`).
  void tuple_binding(TSNode pattern, TSNode value, const Scope& scope) {
    if (ts_node_is_null(value)) return;
    std::string text = value_text(value, 0);
    if (text.empty() || !(text.ends_with('(') || text.find('.') != std::string::npos)) return;
    uint32_t index = 0;
    for_each_named_child(pattern, [&](TSNode element) {
      element = without_ref_mut(element);
      if (is(element, "identifier")) add_binding(element, text + ".#" + std::to_string(index), true, scope);
      ++index;
    });
  }

  void add_binding(TSNode name, std::string type, bool from_call, const Scope& scope) {
    LocalBinding b;
    b.name = identifier_name(text_of(name, source_));
    b.type = std::move(type);
    b.from_call = from_call;
    b.module = scope.module;
    b.enclosing = scope.enclosing;
    b.location.position = position_of(name);
    b.test_only = scope.test_only;
    facts_.bindings.push_back(std::move(b));
  }

  void impl(TSNode n, const Scope& scope, int depth) {
    auto attrs = attributes_of(n);
    Scope inner;
    inner.module = scope.module;
    inner.inline_chain = scope.inline_chain;
    inner.container = Container::impl;
    inner.test_only = scope.test_only || find_cfg_test(attrs);
    TSNode type = field(n, Field::type);
    inner.self_type = squeeze(text_of(type, source_));
    if (call_graph_) inner.type_parameters = type_parameter_names(field(n, Field::type_parameters));
    TSNode trait_node = field(n, Field::trait);
    if (!ts_node_is_null(trait_node)) inner.trait_name = squeeze(text_of(trait_node, source_));
    inner.prefix = join(scope.prefix, type_base_name(type, source_));
    inner.enclosing = inner.trait_name.empty() ? inner.prefix : "<" + inner.self_type + " as " + inner.trait_name + ">";
    if (scope.prefix.size() && inner.enclosing.front() == '<') inner.enclosing = scope.prefix + "::" + inner.enclosing;
    if (has_token(n, "unsafe")) add_unsafe(UnsafeKind::impl, unsafe_token(n), inner.test_only, inner.enclosing);
    children(field(n, Field::body), inner, depth);
  }

  void trait(TSNode n, const Scope& scope, int depth) {
    auto attrs = attributes_of(n);
    Item& item = add_item(ItemKind::trait, n, field(n, Field::name), scope, attrs);
    item.is_unsafe = has_token(n, "unsafe");
    Scope inner;
    inner.module = scope.module;
    inner.inline_chain = scope.inline_chain;
    inner.container = Container::trait;
    inner.test_only = item.test_only;
    inner.prefix = item.path;
    inner.enclosing = item.path;
    if (item.is_unsafe) add_unsafe(UnsafeKind::trait, unsafe_token(n), inner.test_only, item.path);
    children(field(n, Field::body), inner, depth);
  }

  void data_item(TSNode n, std::string_view k, const Scope& scope, int depth) {
    auto attrs = attributes_of(n);
    ItemKind item_kind = k == "struct_item"  ? ItemKind::struct_
                         : k == "enum_item"  ? ItemKind::enum_
                         : k == "union_item" ? ItemKind::union_
                         : k == "const_item" ? ItemKind::const_
                         : k == "type_item"  ? ItemKind::type_alias
                                             : ItemKind::static_;
    if (item_kind == ItemKind::static_ && scope.container == Container::extern_block)
      item_kind = ItemKind::extern_static;
    TSNode name = field(n, Field::name);
    Item& item = add_item(item_kind, n, name, scope, attrs);
    if (item_kind == ItemKind::static_ && !attrs.empty())
      item.export_name = export_name_of(attrs, identifier_name(text_of(name, source_)));
    if (call_graph_ && item_kind == ItemKind::struct_) struct_fields(field(n, Field::body), item);
    if (call_graph_ && item_kind == ItemKind::enum_) variant_fields(field(n, Field::body), item);
    if (item_kind == ItemKind::type_alias && scope.container == Container::module) type_alias_binding(n, item, scope);
    if (item_kind == ItemKind::extern_static) {
      item.is_unsafe = true;
      add_unsafe(UnsafeKind::extern_item, name, item.test_only, item.path);
    }
    // Const and static initialisers can hold unsafe blocks.
    TSNode value = field(n, Field::value);
    if (ts_node_is_null(value)) return;
    Scope inner = scope;
    inner.enclosing = item.path;
    inner.test_only = item.test_only;
    visit(value, inner, depth + 1);
  }

  // `pub type Mutex<T> = lock_api::Mutex<RawMutex, T>;` names the same
  // type's fns as a `use` would (`Mutex::new` is lock_api's): recorded as
  // one, so that paths through the alias resolve. Only a path type counts
  // (not `&T`, tuples, `dyn`), and not one of the alias's own parameters.
  void type_alias_binding(TSNode n, const Item& alias, const Scope& scope) {
    TSNode type = field(n, Field::type);
    if (is(type, "generic_type")) type = field(type, Field::type);
    if (!is(type, "type_identifier") && !is(type, "scoped_type_identifier")) return;
    std::string path = squeeze(text_of(type, source_));
    std::string name = identifier_name(text_of(field(n, Field::name), source_));
    if (path == name) return;  // `type Result<T> = Result<T, E>` would be a cycle: not ours to guess
    if (path.find("::") == std::string::npos && names_a_type_parameter(field(n, Field::type_parameters), path)) return;
    UseEntry use;
    use.module = scope.module;
    use.local_name = std::move(name);
    use.path = std::move(path);
    use.is_pub = alias.is_pub;
    use.location = alias.location;
    facts_.uses.push_back(std::move(use));
  }

  bool names_a_type_parameter(TSNode parameters, std::string_view name) {
    bool found = false;
    for_each_named_child(parameters, [&](TSNode p) {
      TSNode declared = is(p, "type_identifier") ? p : ts_node_named_child(p, 0);  // `T` or `T: Bound`
      if (text_of(declared, source_) == name) found = true;
    });
    return found;
  }

  void struct_fields(TSNode body, Item& item) {
    if (!is(body, "field_declaration_list")) return;
    for_each_named_child(body, [&](TSNode f) {
      if (!is(f, "field_declaration")) return;
      TSNode name = field(f, Field::name), type = field(f, Field::type);
      if (ts_node_is_null(name) || ts_node_is_null(type)) return;
      item.fields.push_back({identifier_name(text_of(name, source_)), squeeze(text_of(type, source_))});
    });
  }

  // `Concat(Concat)`: a variant with one unnamed field, kept as a field
  // named after the variant (what `Ast::Concat(x)` binds x to); `Array {
  // first: T, .. }`: each named field as `Array::first`.
  void variant_fields(TSNode body, Item& item) {
    if (!is(body, "enum_variant_list")) return;
    for_each_named_child(body, [&](TSNode variant) {
      if (!is(variant, "enum_variant")) return;
      TSNode fields = field(variant, Field::body);
      if (is(fields, "field_declaration_list")) {
        std::string variant_name = identifier_name(text_of(field(variant, Field::name), source_));
        Item named;
        struct_fields(fields, named);
        for (auto& f : named.fields) item.fields.push_back({variant_name + "::" + f.name, std::move(f.type)});
        return;
      }
      if (!is(fields, "ordered_field_declaration_list")) return;
      TSNode only{};
      int count = 0;
      for_each_named_child(fields, [&](TSNode f) {
        if (is(f, "attribute_item") || is(f, "visibility_modifier")) return;
        only = f;
        ++count;
      });
      if (count != 1) return;
      item.fields.push_back({identifier_name(text_of(field(variant, Field::name), source_)), squeeze(text_of(only, source_))});
    });
  }

  // `Ast::Concat(ref x)` in a match arm, `if let` or `let`: x is the
  // variant's one field, kept as `Ast::Concat.0`. (`Some(x)` and `Ok(x)` are
  // let_binding's: it knows the value.)
  void variant_binding(TSNode n, const Scope& scope) {
    if (ts_node_named_child_count(n) != 2) return;
    TSNode type = field(n, Field::type);
    if (!is(type, "identifier") && !is(type, "scoped_identifier")) return;
    std::string path = callee_path(type);
    if (path == "Some" || path == "Ok" || path == "Err") {
      TSNode inner = ts_node_named_child(n, 1);
      if (is(inner, "tuple_struct_pattern")) variant_binding(inner, scope);
      return;
    }
    TSNode pattern = ts_node_named_child(n, 1);
    if (is(pattern, "tuple_struct_pattern")) return variant_binding(pattern, scope);  // `Some(Ast::Concat(x))`
    pattern = without_ref_mut(pattern);
    if (is(pattern, "identifier")) add_binding(pattern, path + ".0", true, scope);
  }

  // `State::Array { first, ref parent, len: n, .. }` in a match arm, `if let`
  // or `let`: each bound name is that field of the variant (or struct), kept
  // as `State::Array.first`.
  void struct_pattern_binding(TSNode n, const Scope& scope) {
    TSNode type = field(n, Field::type);
    if (!is(type, "type_identifier") && !is(type, "scoped_type_identifier")) return;
    std::string path = squeeze(text_of(type, source_));
    for_each_named_child(n, [&](TSNode f) {
      if (!is(f, "field_pattern")) return;
      TSNode name = field(f, Field::name);
      TSNode bound = without_ref_mut(field(f, Field::pattern));
      if (ts_node_is_null(bound)) bound = name;  // shorthand: `first` binds `first`
      if (!is(bound, "identifier") && !is(bound, "shorthand_field_identifier")) return;
      add_binding(bound, path + "." + identifier_name(text_of(name, source_)), true, scope);
    });
  }

  // Item-level macros often wrap real items: `cfg_if! { if #[cfg(unix)] {
  // mod unix; } }`, tokio's `cfg_rt! { pub mod runtime; }`. Their token tree
  // is parsed again as items (same text, so locations stay exact); when it
  // does not parse cleanly, its brace groups are tried one level down.
  // True when some of it parsed as items.
  bool expand_macro_items(TSNode n, const Scope& scope, int depth, int level) {
    if (!parser_ || level > 3 || macro_nesting_ > 3) return false;
    TSNode tokens{};
    if (is(n, "token_tree")) {
      tokens = n;
    } else {
      for_each_named_child(n, [&](TSNode c) {
        if (is(c, "token_tree")) tokens = c;
      });
    }
    if (ts_node_is_null(tokens) || ts_node_end_byte(tokens) - ts_node_start_byte(tokens) < 3) return false;
    if (!starts_like_items(tokens)) return expand_brace_groups(tokens, scope, depth, level);
    // (Branches of cfg_if!-like macros, level > 0, are always expanded.)
    if (level == 0 && !mentions_code(text_of(tokens, source_))) return false;
    // Item-level macro calls nested in this one (tokio's `cfg_rt! {
    // cfg_net! { .. } }`) are parsed in the same pass, their `name! {` and
    // `}` left out, instead of once more per nesting level.
    std::vector<Cut> cuts;
    std::vector<NestedCall> nested;
    collect_nested_item_macros(tokens, cuts, nested, 0);
    TreePtr tree = parse_items(tokens, cuts);
    if (tree && ts_node_has_error(ts_tree_root_node(tree.get())) && !cuts.empty()) {
      cuts.clear();  // a nested body did not fit: take the macros one by one
      nested.clear();
      tree = parse_items(tokens, cuts);
    }
    if (!tree) return false;
    TSNode root = ts_tree_root_node(tree.get());
    if (!ts_node_has_error(root)) {
      ++macro_nesting_;
      for (const auto& call : nested) record_macro_call(call.name, call.group, scope);
      children(root, scope, depth + 1);
      --macro_nesting_;
      return true;
    }
    return expand_brace_groups(tokens, scope, depth, level);
  }

  // A stretch of text the items parse leaves out.
  struct Cut {
    uint32_t begin_byte, end_byte;
    TSPoint begin_point, end_point;
  };
  struct NestedCall {
    TSNode name, group;
  };

  // The inside of `tokens` (past its delimiters) minus the cuts, parsed as items.
  TreePtr parse_items(TSNode tokens, const std::vector<Cut>& cuts) {
    std::vector<TSRange> ranges;
    TSRange current;
    current.start_byte = ts_node_start_byte(tokens) + 1;  // past the opening delimiter
    current.start_point = ts_node_start_point(tokens);
    current.start_point.column += 1;
    for (const Cut& cut : cuts) {
      current.end_byte = cut.begin_byte;
      current.end_point = cut.begin_point;
      if (current.end_byte > current.start_byte) ranges.push_back(current);
      current.start_byte = cut.end_byte;
      current.start_point = cut.end_point;
    }
    current.end_byte = ts_node_end_byte(tokens) - 1;
    current.end_point = ts_node_end_point(tokens);
    current.end_point.column = current.end_point.column > 0 ? current.end_point.column - 1 : 0;
    if (current.end_byte > current.start_byte) ranges.push_back(current);
    if (ranges.empty()) return nullptr;
    ts_parser_set_included_ranges(parser_, ranges.data(), static_cast<uint32_t>(ranges.size()));
    TreePtr tree(ts_parser_parse_string(parser_, nullptr, source_.data(), static_cast<uint32_t>(source_.size())));
    ts_parser_set_included_ranges(parser_, nullptr, 0);
    return tree;
  }

  // `name! { items }` at item positions of `tokens`, recursively: cut
  // `name! {` and `}` so that the items inside join the enclosing list.
  void collect_nested_item_macros(TSNode tokens, std::vector<Cut>& cuts, std::vector<NestedCall>& nested, int level) {
    if (level > 3) return;
    std::vector<TSNode> t = children_of(tokens);
    for (size_t i = 1; i + 2 < t.size(); ++i) {
      if (token_kind(t[i]) != TokenKind::name || text_of(t[i + 1], source_) != "!" ||
          token_kind(t[i + 2]) != TokenKind::group || !text_of(t[i + 2], source_).starts_with("{"))
        continue;
      std::string_view before = text_of(t[i - 1], source_);
      bool item_position = i == 1 || before == ";" || before == "}" || before.ends_with("]") || before.ends_with("}");
      if (!item_position || text_of(t[i], source_) == "macro_rules" || !starts_like_items(t[i + 2])) continue;
      TSNode group = t[i + 2];
      cuts.push_back({ts_node_start_byte(t[i]), ts_node_start_byte(group) + 1, ts_node_start_point(t[i]),
                      TSPoint{ts_node_start_point(group).row, ts_node_start_point(group).column + 1}});
      nested.push_back({t[i], group});
      collect_nested_item_macros(group, cuts, nested, level + 1);
      TSPoint end = ts_node_end_point(group);
      cuts.push_back({ts_node_end_byte(group) - 1, ts_node_end_byte(group),
                      TSPoint{end.row, end.column > 0 ? end.column - 1 : 0}, end});
      i += 2;
    }
  }

  bool expand_brace_groups(TSNode tokens, const Scope& scope, int depth, int level) {
    bool any = false;
    // cfg_if!'s `if #[cfg(a)] { .. } else if #[cfg(b)] { .. } else { .. }`:
    // with cfg_, a branch whose cfg is false is left out, and so is every
    // branch after one whose cfg holds.
    std::vector<std::string_view> before;  // the tokens since the last group
    bool branch_taken = false;
    for (TSNode c : children_of(tokens)) {
      std::string_view text = text_of(c, source_);
      if (!is(c, "token_tree") || !text.starts_with("{")) {
        before.push_back(text);
        continue;
      }
      Tristate branch = cfg_if_branch(before, branch_taken);
      before.clear();
      if (branch == Tristate::no) continue;
      if (branch == Tristate::yes) branch_taken = true;
      any = expand_macro_items(c, scope, depth + 1, level + 1) || any;
    }
    return any;
  }

  // Whether the cfg_if! branch that `before` introduces is compiled; unknown
  // without cfg_ or when it is no such branch.
  Tristate cfg_if_branch(const std::vector<std::string_view>& before, bool earlier_branch_taken) const {
    if (!cfg_ || before.empty()) return Tristate::unknown;
    bool is_else = before.back() == "else";
    bool is_if = before.size() >= 3 && before[before.size() - 3] == "if" && before[before.size() - 2] == "#" &&
                 before.back().starts_with("[cfg(") && before.back().ends_with(")]");
    if (!is_else && !is_if) return Tristate::unknown;
    if (earlier_branch_taken) return Tristate::no;
    if (is_else) return Tristate::unknown;
    return cfg_value(before.back().substr(5, before.back().size() - 7));  // inside `[cfg(` .. `)]`
  }

  // A macro whose whole input declares no code (winapi's thousands of
  // `STRUCT!{..}`, `ENUM!{..}`) is not worth a second parse: expansion is for
  // what can call, run unsafe code, link or bring names into scope. Its
  // tokens are still scanned for references.
  static bool mentions_code(std::string_view text) {
    static constexpr std::string_view kWords[] = {"fn", "mod", "impl", "use", "unsafe", "extern", "static",
                                                  "trait", "macro_rules"};
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (size_t i = 0; i < text.size();) {
      if (!word_char(text[i])) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < text.size() && word_char(text[end])) ++end;
      std::string_view word = text.substr(i, end - i);
      for (std::string_view w : kWords)
        if (word == w) return true;
      i = end;
    }
    return false;
  }

  // Whether a token tree begins like a list of items (after attributes):
  // parsing anything else as items only buys tree-sitter's error recovery,
  // the costliest thing it does (winapi's thousands of `DEFINE_GUID!{..}`).
  bool starts_like_items(TSNode tokens) {
    static constexpr std::string_view kItemStarts[] = {
        "pub", "fn", "mod", "struct", "enum", "union", "impl", "trait", "type", "const", "static", "use",
        "extern", "unsafe", "async", "macro_rules"};
    auto item_start = [&](std::string_view first, std::string_view second) {
      if (second == "!") return true;  // a nested macro call (or macro_rules!) at item position
      for (std::string_view start : kItemStarts)
        if (first == start) return true;
      return false;
    };
    std::string_view first, second, last, before_last;  // `last` ends as the closing delimiter
    bool opening = true, dsl = false, in_attribute = false;
    for_each_child_while(tokens, [&](TSNode c) {
      if (opening) {  // the delimiter
        opening = false;
        return true;
      }
      if (is(c, "line_comment") || is(c, "block_comment")) return true;
      std::string_view text = text_of(c, source_);
      before_last = last;
      last = text;
      // Outer attributes (`#[uuid(..)] interface IFoo ..`) say nothing of
      // what follows them.
      if (first.empty() && (text == "#" || (in_attribute && text == "!"))) {
        in_attribute = true;
        return true;
      }
      if (in_attribute && text.starts_with("[")) return true;  // (set only before the first token)
      in_attribute = false;
      if (first.empty()) {
        first = text;
      } else if (second.empty()) {
        second = text;
        // Decided by the first two tokens more often than not (winapi's
        // thousands of `DEFINE_GUID!{NAME, 0x.., ..}`): stop reading.
        if (!item_start(first, second)) return false;
      }
      // At the top level of an item list these only appear in a macro's own
      // syntax (`glib::wrapper! { pub struct X(..) @extends Y; match fn {..} }`).
      if (text == "@" || text == "=>" || text == "$") dsl = true;
      return true;
    });
    // Every item ends with `;` or a brace group; winapi's `RIDL!` method
    // lists (`fn GetDevice(..) -> HRESULT,`) do not.
    if (dsl || !(before_last == ";" || before_last.starts_with("{"))) return false;
    return item_start(first, second);
  }

  void add_reference(ReferenceKind reference_kind, TSNode at, std::string path, const Scope& scope,
                     bool in_macro_args = false) {
    Reference& r = facts_.references.emplace_back();  // in place: a Reference is a dozen members
    r.kind = reference_kind;
    r.path = std::move(path);
    r.module = scope.module;
    r.enclosing = scope.enclosing;
    r.location.position = position_of(at);
    r.in_unsafe = scope.in_unsafe;
    r.in_macro_args = in_macro_args;
    r.in_macro_rules = scope.in_macro_rules;
    r.test_only = scope.test_only;
  }

  // The callee of `f::<T>` or `a::B::<T>::c` without the turbofish.
  std::string callee_path(TSNode n) {
    if (is(n, "generic_function")) n = field(n, Field::function);
    std::string text = squeeze(text_of(n, source_));
    std::string out;
    out.reserve(text.size());
    int angle = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '<') {
        ++angle;
        if (out.ends_with("::")) out.resize(out.size() - 2);
      } else if (c == '>' && angle > 0) {
        --angle;
      } else if (angle == 0) {
        out += c;
      }
    }
    return out;
  }

  void call(TSNode n, const Scope& scope, int depth) {
    TSNode function = field(n, Field::function);
    TSNode callee = is(function, "generic_function") ? field(function, Field::function) : function;
    size_t callee_reference = SIZE_MAX;  // gets the argument count
    if (is(callee, "scoped_identifier") && is(field(callee, Field::path), "bracketed_type")) {
      qualified_call(callee, scope);
    } else if (is(callee, "identifier") || is(callee, "scoped_identifier")) {
      callee_reference = facts_.references.size();
      add_reference(ReferenceKind::call, callee, callee_path(callee), scope);
      if (is(function, "generic_function")) children(field(function, Field::type_arguments), scope, depth);
    } else if (is(callee, "field_expression")) {
      TSNode name = field(callee, Field::field);
      TSNode receiver = field(callee, Field::value);
      callee_reference = facts_.references.size();
      add_reference(ReferenceKind::method, name, identifier_name(text_of(name, source_)), scope);
      Reference& added = facts_.references.back();
      added.on_self = is(receiver, "self");
      if (call_graph_ && !added.on_self) added.receiver = value_text(receiver, 0);
      if (call_graph_ && scope.container == Container::function)
        if (std::optional<ItemClosure> shape = item_closure(added.path))
          closure_binding(receiver, field(n, Field::arguments), *shape, scope);
      visit(receiver, scope, depth + 1);
    } else {
      visit(function, scope, depth + 1);
    }
    TSNode arguments = field(n, Field::arguments);
    if (ts_node_is_null(arguments)) return;
    int arity = 0;
    for_each_named_child(arguments, [&](TSNode argument) {
      NodeKind k = node_kind(argument);
      if (k != NodeKind::comment && k != NodeKind::attribute_item) ++arity;
      // A bare name passed on (`map(read_to_string)`) may be an imported fn.
      if (is(argument, "identifier"))
        add_reference(ReferenceKind::path, argument, identifier_name(text_of(argument, source_)), scope);
      else
        visit(argument, scope, depth + 1);
    });
    if (callee_reference < facts_.references.size())
      facts_.references[callee_reference].arity = static_cast<int8_t>(std::min(arity, 127));
  }

  // `<T as Trait>::f(..)`: the type's `f` when the type is a path (`Foo`),
  // and the trait's (`Trait::f`, every impl of it); `<Vec<u8>>::new()`: the
  // type's.
  void qualified_call(TSNode callee, const Scope& scope) {
    TSNode inner = ts_node_named_child(field(callee, Field::path), 0);
    std::string name = identifier_name(text_of(field(callee, Field::name), source_));
    TSNode type = is(inner, "qualified_type") ? field(inner, Field::type) : inner;
    if (is(type, "generic_type")) type = field(type, Field::type);
    if (is(type, "type_identifier") || is(type, "scoped_type_identifier"))
      add_reference(ReferenceKind::call, callee, squeeze(text_of(type, source_)) + "::" + name, scope);
    if (is(inner, "qualified_type")) {
      TSNode trait = field(inner, Field::alias);
      if (is(trait, "generic_type")) trait = field(trait, Field::type);
      if (is(trait, "type_identifier") || is(trait, "scoped_type_identifier"))
        add_reference(ReferenceKind::call, callee, squeeze(text_of(trait, source_)) + "::" + name, scope);
    }
  }

  // Macro arguments are token trees, not expressions: `a::b::c` runs and
  // `name(` / `.name(` are picked out of the tokens so that calls inside
  // `println!`, `format!` or user macros are not lost.
  void scan_macro_tokens(TSNode n, const Scope& scope, int depth) {
    if (depth > kMaxDepth || !may_hold_references(text_of(n, source_).substr(1))) return;
    std::vector<std::string_view> segments;  // of the path being read
    bool leading_colons = false;
    TSNode path_start{};
    bool after_dot = false, expect_segment = true;
    // `x.f(` / `self.f(`: the name before the dot, when nothing comes before it
    // (`a.b.f(` keeps none), is the method's receiver.
    std::string_view lone_name, receiver_name, dotted_receiver;
    auto flush = [&](bool called) {
      // `$x::f` names nothing before expansion; `$crate::f` is the macro's crate.
      bool metavariable = !segments.empty() && segments.front().starts_with('$') && segments.front() != "$crate";
      if (!metavariable && (segments.size() >= 2 || (segments.size() == 1 && called))) {
        std::string path = leading_colons ? "::" : "";
        for (size_t k = 0; k < segments.size(); ++k) path += (k ? "::" : "") + identifier_name(segments[k]);
        add_reference(after_dot ? ReferenceKind::method : called ? ReferenceKind::call : ReferenceKind::path,
                      path_start, std::move(path), scope, true);
        // (Not in a macro_rules! body: its `self` and names are the expansion site's.)
        if (after_dot && call_graph_ && !receiver_name.empty() && !scope.in_macro_rules) {
          Reference& r = facts_.references.back();
          r.on_self = receiver_name == "self";
          if (!r.on_self) r.receiver = identifier_name(receiver_name);
        }
      }
      segments.clear();
      leading_colons = false;
      expect_segment = true;
    };
    // One pass over the tokens (no copy of them): `previous` is the token
    // before. A `::` that ends the group sets leading_colons harmlessly, as
    // nothing follows it to be read as a path.
    TokenKind previous = TokenKind::other;
    for_each_child(n, [&](TSNode c) {
      TokenKind kind = token_kind(c);
      switch (kind) {
        case TokenKind::group: {
          bool called = text_of(c, source_).starts_with("(");
          if (!segments.empty()) flush(called);
          after_dot = false;
          scan_macro_tokens(c, scope, depth + 1);
          break;
        }
        case TokenKind::name:
          if (!segments.empty() && !expect_segment) flush(false);
          lone_name = segments.empty() && !leading_colons && previous != TokenKind::dot ? text_of(c, source_)
                                                                                        : std::string_view{};
          if (segments.empty() && !leading_colons) {
            path_start = c;
            after_dot = previous == TokenKind::dot;
            receiver_name = after_dot ? dotted_receiver : std::string_view{};
          }
          segments.push_back(text_of(c, source_));
          expect_segment = false;
          break;
        case TokenKind::colons:
          if (segments.empty() && !leading_colons) {
            path_start = c;
            leading_colons = true;
          }
          expect_segment = true;
          break;
        default:
          if (!segments.empty()) flush(false);
          leading_colons = false;
          expect_segment = true;
          after_dot = false;
          dotted_receiver = kind == TokenKind::dot && previous == TokenKind::name ? lone_name : std::string_view{};
      }
      previous = kind;
    });
    if (!segments.empty()) flush(false);
  }

  // `extern crate a as b;` binds `b` like a `use` would.
  void extern_crate(TSNode n, const Scope& scope) {
    UseEntry e;
    e.module = scope.module;
    e.path = identifier_name(text_of(field(n, Field::name), source_));
    if (e.path == "self") e.path = "crate";
    TSNode alias = field(n, Field::alias);
    e.local_name = ts_node_is_null(alias) ? e.path : identifier_name(text_of(alias, source_));
    e.is_pub = !ts_node_is_null(visibility_of(n));
    e.location.position = position_of(n);
    facts_.uses.push_back(std::move(e));
  }

  void macro_call(TSNode n, const Scope& scope) {
    TSNode group{};
    for_each_named_child(n, [&](TSNode c) {
      if (is(c, "token_tree")) group = c;
    });
    record_macro_call(field(n, Field::macro), group, scope, n);
  }

  // `at`: where the call starts (its name when null).
  void record_macro_call(TSNode name, TSNode group, const Scope& scope, TSNode at = TSNode{}) {
    MacroCall call;
    call.name = squeeze(text_of(name, source_));
    call.in_macro = macro_nesting_ > 0;
    call.module = scope.module;
    call.enclosing = scope.enclosing;
    call.test_only = scope.test_only;
    call.location.position = position_of(ts_node_is_null(at) ? name : at);
    if (!ts_node_is_null(group)) {
      std::string_view text = text_of(group, source_);
      call.tokens_begin = ts_node_start_byte(group);
      call.tokens_end = ts_node_end_byte(group);
      call.tokens_truncated = text.size() > kMaxKeptTokenBytes;
      call.tokens = std::string(text.substr(0, kMaxKeptTokenBytes));
    }
    if (call.name == "include" || call.name == "std::include" || call.name == "core::include")
      facts_.includes.push_back(call);
    facts_.macro_calls.push_back(std::move(call));
  }
};

}  // namespace

FileFacts extract_facts(const ParsedFile& file, TSParser* parser, bool for_call_graph, const std::string& module,
                        const CfgFacts* cfg) {
  FileFacts facts;
  facts.path = file.path;
  facts.module = module;
  facts.errors = file.errors;
  if (file.tree) Extractor(file, facts, parser, for_call_graph, cfg).run(file.root(), module);
  return facts;
}

}  // namespace cratescope::model
