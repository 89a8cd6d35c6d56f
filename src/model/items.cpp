// One walk over a file's tree that extracts items, `use`s, unsafe sites,
// module declarations and macro calls (file_facts.hpp).
#include "model/file_facts.hpp"

namespace cratescope::model {

namespace {

// Deeper nesting than this is not real code; stopping keeps the stack bounded.
constexpr int kMaxDepth = 512;

enum class Container { module, function, impl, trait, extern_block };

struct Scope {
  std::string module;                     // relative module path ("" = the file's module)
  std::vector<std::string> inline_chain;  // inline modules entered
  std::string prefix;                     // path prefix for items (module, or `Type`, or an fn)
  std::string enclosing;                  // the item we are inside, for unsafe sites
  Container container = Container::module;
  bool test_only = false;
  std::string self_type, trait_name;      // in impls
};

std::string join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  return a + "::" + b;
}

TSNode visibility_of(TSNode n) {
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i)
    if (is(ts_node_named_child(n, i), "visibility_modifier")) return ts_node_named_child(n, i);
  return TSNode{};
}

bool has_unsafe_modifier(TSNode fn) {
  uint32_t count = ts_node_named_child_count(fn);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_named_child(fn, i);
    if (is(c, "function_modifiers")) return has_token(c, "unsafe");
  }
  return false;
}

// `Foo<T>` -> `Foo`, `a::Foo<T>` -> `a::Foo`; other types keep their text.
std::string type_base_name(TSNode type, std::string_view source) {
  if (is(type, "generic_type")) type = field(type, "type");
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

class Extractor {
 public:
  Extractor(const ParsedFile& file, FileFacts& facts, TSParser* parser)
      : source_(file.text), facts_(facts), parser_(parser) {}

  void run(TSNode root) {
    Scope top;
    uint32_t count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_named_child(root, i);
      if (is(c, "inner_attribute_item")) inner_attribute(c);
    }
    children(root, top, 0);
  }

 private:
  std::string_view source_;
  FileFacts& facts_;
  TSParser* parser_;  // for the token trees of item-level macro calls; may be null
  int macro_nesting_ = 0;

  void inner_attribute(TSNode n) {
    Attribute a = read_attribute(n, source_);
    if (a.name == "forbid" && a.arguments.find("unsafe_code") != std::string::npos) facts_.forbids_unsafe = true;
    if (is_cfg_test(a)) facts_.test_only = true;
  }

  void children(TSNode n, const Scope& scope, int depth) {
    if (ts_node_is_null(n)) return;  // e.g. an impl whose body did not parse
    if (depth > kMaxDepth) {
      facts_.truncated = true;
      return;
    }
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) visit(ts_node_named_child(n, i), scope, depth + 1);
  }

  Item& add_item(ItemKind kind, TSNode node, TSNode name, const Scope& scope, const std::vector<Attribute>& attrs) {
    Item item;
    item.kind = kind;
    item.path = join(scope.prefix, identifier_name(text_of(name, source_)));
    item.location.position = position_of(ts_node_is_null(name) ? node : name);
    TSNode visibility = visibility_of(node);
    item.is_pub = !ts_node_is_null(visibility);
    item.visibility = squeeze(text_of(visibility, source_));
    item.test_only = scope.test_only || find_cfg_test(attrs);
    item.in_macro = macro_nesting_ > 0;
    facts_.items.push_back(std::move(item));
    return facts_.items.back();
  }

  static bool find_cfg_test(const std::vector<Attribute>& attrs) {
    for (const auto& a : attrs)
      if (is_cfg_test(a)) return true;
    return false;
  }

  void add_unsafe(UnsafeKind kind, TSNode at, const Scope& scope, const std::string& enclosing) {
    UnsafeSite site;
    site.kind = kind;
    site.location.position = position_of(at);
    site.enclosing = enclosing;
    site.test_only = scope.test_only;
    facts_.unsafe_sites.push_back(std::move(site));
  }

  // The `unsafe` keyword of an item, for the site's location.
  TSNode unsafe_token(TSNode n) {
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(n, i);
      if (!ts_node_is_named(c) && kind(c) == "unsafe") return c;
      if (is(c, "function_modifiers")) return unsafe_token(c);
    }
    return n;
  }

  void visit(TSNode n, const Scope& scope, int depth) {
    std::string_view k = kind(n);
    if (k == "mod_item") return module(n, scope, depth);
    if (k == "function_item" || k == "function_signature_item") return function(n, scope, depth);
    if (k == "impl_item") return impl(n, scope, depth);
    if (k == "trait_item") return trait(n, scope, depth);
    if (k == "foreign_mod_item") {
      Scope inner = scope;
      inner.container = Container::extern_block;
      return children(field(n, "body"), inner, depth);
    }
    if (k == "use_declaration") {
      return flatten_use(n, source_, scope.module, scope.test_only, facts_.uses);
    }
    if (k == "extern_crate_declaration") return extern_crate(n, scope);
    if (k == "macro_invocation") {
      macro_call(n, scope);
      if (scope.container == Container::module) {
        TSNode parent = ts_node_parent(n);
        if (is(parent, "source_file") || is(parent, "declaration_list")) expand_macro_items(n, scope, depth, 0);
      }
      return;
    }
    if (k == "macro_definition") {
      auto attrs = outer_attributes(n, source_);
      Item& item = add_item(ItemKind::macro_rules, n, field(n, "name"), scope, attrs);
      // #[macro_export] macros live at the crate root whatever the module.
      if (find_attribute(attrs, "macro_export")) item.is_pub = true;
      scan_macro_rules_unsafe(n, source_, scope.enclosing, scope.test_only, facts_.unsafe_sites);
      return;
    }
    if (k == "unsafe_block") {
      TSNode block = ts_node_named_child(n, 0);
      add_unsafe(UnsafeKind::block, n, scope, scope.enclosing);
      facts_.unsafe_sites.back().has_safety_comment = safety_comment_near(n, block, source_);
      return children(n, scope, depth);
    }
    if (k == "struct_item" || k == "enum_item" || k == "union_item" || k == "const_item" || k == "static_item" ||
        k == "type_item")
      return data_item(n, k, scope, depth);
    children(n, scope, depth);  // expressions, blocks: items can hide anywhere
  }

  void module(TSNode n, const Scope& scope, int depth) {
    auto attrs = outer_attributes(n, source_);
    ModDecl decl;
    decl.inline_chain = scope.inline_chain;
    decl.name = identifier_name(text_of(field(n, "name"), source_));
    decl.position = position_of(field(n, "name"));
    decl.test_only = scope.test_only || find_cfg_test(attrs);
    if (const Attribute* p = find_attribute(attrs, "path")) decl.path_attr = p->value;
    TSNode body = field(n, "body");
    decl.has_body = !ts_node_is_null(body);
    // Module declarations inside fn bodies are rare and not file-backed here.
    if (scope.container != Container::module) decl.has_body = true;
    facts_.mods.push_back(decl);
    if (!decl.has_body || ts_node_is_null(body)) return;
    Scope inner;
    inner.module = join(scope.module, decl.name);
    inner.inline_chain = scope.inline_chain;
    inner.inline_chain.push_back(decl.name);
    inner.prefix = join(scope.prefix, decl.name);
    inner.enclosing = inner.prefix;
    inner.test_only = decl.test_only;
    children(body, inner, depth);
  }

  void function(TSNode n, const Scope& scope, int depth) {
    auto attrs = outer_attributes(n, source_);
    bool is_unsafe = has_unsafe_modifier(n);
    bool has_body = !ts_node_is_null(field(n, "body"));
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
    Item& item = add_item(item_kind, n, field(n, "name"), scope, attrs);
    item.is_unsafe = is_unsafe || item_kind == ItemKind::extern_fn;
    item.has_body = has_body;
    item.self_type = scope.self_type;
    item.trait_name = scope.trait_name;
    std::string name = identifier_name(text_of(field(n, "name"), source_));
    item.export_name = export_name_of(attrs, name);
    std::string path = item.path;
    bool test_only = item.test_only;
    Scope marker = scope;
    marker.test_only = test_only;
    if (item_kind == ItemKind::extern_fn) {
      add_unsafe(UnsafeKind::extern_item, field(n, "name"), marker, path);
    } else if (is_unsafe) {
      add_unsafe(UnsafeKind::function, unsafe_token(n), marker, path);
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
    children(field(n, "body"), inner, depth);
  }

  void impl(TSNode n, const Scope& scope, int depth) {
    auto attrs = outer_attributes(n, source_);
    Scope inner;
    inner.module = scope.module;
    inner.inline_chain = scope.inline_chain;
    inner.container = Container::impl;
    inner.test_only = scope.test_only || find_cfg_test(attrs);
    TSNode type = field(n, "type");
    inner.self_type = squeeze(text_of(type, source_));
    TSNode trait_node = field(n, "trait");
    if (!ts_node_is_null(trait_node)) inner.trait_name = squeeze(text_of(trait_node, source_));
    inner.prefix = join(scope.prefix, type_base_name(type, source_));
    inner.enclosing = inner.trait_name.empty() ? inner.prefix : "<" + inner.self_type + " as " + inner.trait_name + ">";
    if (scope.prefix.size() && inner.enclosing.front() == '<') inner.enclosing = scope.prefix + "::" + inner.enclosing;
    if (has_token(n, "unsafe")) add_unsafe(UnsafeKind::impl, unsafe_token(n), inner, inner.enclosing);
    children(field(n, "body"), inner, depth);
  }

  void trait(TSNode n, const Scope& scope, int depth) {
    auto attrs = outer_attributes(n, source_);
    Item& item = add_item(ItemKind::trait, n, field(n, "name"), scope, attrs);
    item.is_unsafe = has_token(n, "unsafe");
    Scope inner;
    inner.module = scope.module;
    inner.inline_chain = scope.inline_chain;
    inner.container = Container::trait;
    inner.test_only = item.test_only;
    inner.prefix = item.path;
    inner.enclosing = item.path;
    if (item.is_unsafe) add_unsafe(UnsafeKind::trait, unsafe_token(n), inner, item.path);
    children(field(n, "body"), inner, depth);
  }

  void data_item(TSNode n, std::string_view k, const Scope& scope, int depth) {
    auto attrs = outer_attributes(n, source_);
    ItemKind item_kind = k == "struct_item"  ? ItemKind::struct_
                         : k == "enum_item"  ? ItemKind::enum_
                         : k == "union_item" ? ItemKind::union_
                         : k == "const_item" ? ItemKind::const_
                         : k == "type_item"  ? ItemKind::type_alias
                                             : ItemKind::static_;
    if (item_kind == ItemKind::static_ && scope.container == Container::extern_block)
      item_kind = ItemKind::extern_static;
    Item& item = add_item(item_kind, n, field(n, "name"), scope, attrs);
    std::string name = identifier_name(text_of(field(n, "name"), source_));
    if (item_kind == ItemKind::static_) item.export_name = export_name_of(attrs, name);
    if (item_kind == ItemKind::extern_static) {
      item.is_unsafe = true;
      Scope marker = scope;
      marker.test_only = item.test_only;
      add_unsafe(UnsafeKind::extern_item, field(n, "name"), marker, item.path);
    }
    // Const and static initialisers can hold unsafe blocks.
    Scope inner = scope;
    inner.enclosing = item.path;
    inner.test_only = item.test_only;
    TSNode value = field(n, "value");
    if (!ts_node_is_null(value)) visit(value, inner, depth + 1);
  }

  // Item-level macros often wrap real items: `cfg_if! { if #[cfg(unix)] {
  // mod unix; } }`, tokio's `cfg_rt! { pub mod runtime; }`. Their token tree
  // is parsed again as items (same text, so locations stay exact); when it
  // does not parse cleanly, its brace groups are tried one level down.
  void expand_macro_items(TSNode n, const Scope& scope, int depth, int level) {
    if (!parser_ || level > 3 || macro_nesting_ > 3) return;
    TSNode tokens{};
    if (is(n, "token_tree")) {
      tokens = n;
    } else {
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < count; ++i)
        if (is(ts_node_named_child(n, i), "token_tree")) tokens = ts_node_named_child(n, i);
    }
    if (ts_node_is_null(tokens) || ts_node_end_byte(tokens) - ts_node_start_byte(tokens) < 3) return;
    TSRange inner;
    inner.start_byte = ts_node_start_byte(tokens) + 1;  // past the opening delimiter
    inner.end_byte = ts_node_end_byte(tokens) - 1;
    inner.start_point = ts_node_start_point(tokens);
    inner.start_point.column += 1;
    inner.end_point = ts_node_end_point(tokens);
    inner.end_point.column = inner.end_point.column > 0 ? inner.end_point.column - 1 : 0;
    ts_parser_set_included_ranges(parser_, &inner, 1);
    TreePtr tree(ts_parser_parse_string(parser_, nullptr, source_.data(), static_cast<uint32_t>(source_.size())));
    ts_parser_set_included_ranges(parser_, nullptr, 0);
    if (!tree) return;
    TSNode root = ts_tree_root_node(tree.get());
    if (!ts_node_has_error(root)) {
      ++macro_nesting_;
      children(root, scope, depth + 1);
      --macro_nesting_;
      return;
    }
    uint32_t count = ts_node_named_child_count(tokens);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_named_child(tokens, i);
      if (is(c, "token_tree") && text_of(c, source_).starts_with("{")) expand_macro_items(c, scope, depth + 1, level + 1);
    }
  }

  // `extern crate a as b;` binds `b` like a `use` would.
  void extern_crate(TSNode n, const Scope& scope) {
    UseEntry e;
    e.module = scope.module;
    e.path = identifier_name(text_of(field(n, "name"), source_));
    if (e.path == "self") e.path = "crate";
    TSNode alias = field(n, "alias");
    e.local_name = ts_node_is_null(alias) ? e.path : identifier_name(text_of(alias, source_));
    e.is_pub = !ts_node_is_null(visibility_of(n));
    e.location.position = position_of(n);
    facts_.uses.push_back(std::move(e));
  }

  void macro_call(TSNode n, const Scope& scope) {
    MacroCall call;
    call.name = squeeze(text_of(field(n, "macro"), source_));
    call.in_macro = macro_nesting_ > 0;
    call.module = scope.module;
    call.location.position = position_of(n);
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (is(c, "token_tree")) call.tokens = std::string(text_of(c, source_));
    }
    if (call.name == "include" || call.name == "std::include" || call.name == "core::include")
      facts_.includes.push_back(call);
    facts_.macro_calls.push_back(std::move(call));
  }
};

}  // namespace

FileFacts extract_facts(const ParsedFile& file, TSParser* parser) {
  FileFacts facts;
  facts.path = file.path;
  facts.errors = file.errors;
  if (file.tree) Extractor(file, facts, parser).run(file.root());
  return facts;
}

}  // namespace cratescope::model
