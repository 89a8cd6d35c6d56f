#pragma once
// Thin RAII ownership over the tree-sitter C API: a parser and a tree free
// themselves; nodes are plain values that borrow from their tree.
#include <tree_sitter/api.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "core/source_location.hpp"

extern "C" const TSLanguage* tree_sitter_rust();

namespace cratescope::model {

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

// A parser set up for Rust. One per thread: TSParser is not thread-safe.
ParserPtr make_rust_parser();
// This thread's Rust parser, made once: a parser keeps its stacks and node
// pools between parses, so a fresh one per crate pays for growing them again.
TSParser& thread_rust_parser();

inline std::string_view kind(TSNode n) { return ts_node_type(n); }
namespace detail {
// The grammar's kind names by symbol, read once: the walk asks is() of
// almost every node, and a table read plus a length check settles most
// answers without calling into tree-sitter for the name.
std::vector<std::string_view> read_symbol_names();
inline const std::vector<std::string_view> symbol_names = read_symbol_names();
}  // namespace detail
inline bool is(TSNode n, std::string_view k) {
  if (ts_node_is_null(n)) return false;
  TSSymbol s = ts_node_symbol(n);  // the alias when the grammar renames a node, as ts_node_type
  return s < detail::symbol_names.size() && detail::symbol_names[s] == k;
}
// The grammar's fields the walk asks for. Their ids are looked up once: by
// name, each lookup compared the name with every field name of the grammar,
// and the walk asks for fields at almost every node.
enum class Field : uint8_t {
  alias, argument, arguments, body, consequence, field, function, left, list, macro, name, parameters, path,
  pattern, return_type, right, trait, type, type_arguments, type_parameters, value,
  count_  // not a field
};
TSFieldId field_id(Field f);
inline TSNode field(TSNode n, Field f) {
  TSFieldId id = field_id(f);
  return id ? ts_node_child_by_field_id(n, id) : TSNode{};
}
inline std::string_view text_of(TSNode n, std::string_view source) {
  if (ts_node_is_null(n)) return {};
  uint32_t begin = ts_node_start_byte(n), end = ts_node_end_byte(n);
  if (begin > source.size() || end > source.size() || begin > end) return {};
  return source.substr(begin, end - begin);
}
// 1-based line and byte column, like every location in cratescope.
inline TextPosition position_of(TSNode n) {
  TSPoint p = ts_node_start_point(n);
  return {p.row + 1, p.column + 1};
}
// True when `n` has an anonymous child token spelled `token` (e.g. "unsafe").
bool has_token(TSNode n, std::string_view token);

// Children in order, in O(children): ts_node_child(n, i) and the sibling
// functions are O(i) in this tree-sitter version, which made every walk
// quadratic in the width of a node (big modules, huge macro token trees).
// Cursors are pooled per thread, so callbacks may recurse.
namespace detail {
struct CursorPool {
  std::vector<TSTreeCursor> spare;
  ~CursorPool() {
    for (auto& c : spare) ts_tree_cursor_delete(&c);
  }
};
inline thread_local CursorPool cursor_pool;
inline TSTreeCursor take_cursor(TSNode n) {
  auto& spare = cursor_pool.spare;
  if (spare.empty()) return ts_tree_cursor_new(n);
  TSTreeCursor c = spare.back();
  spare.pop_back();
  ts_tree_cursor_reset(&c, n);
  return c;
}
}  // namespace detail

// Children in order until `f` returns false.
template <class F>
void for_each_child_while(TSNode n, F&& f, bool named_only = false) {
  if (ts_node_is_null(n)) return;
  TSTreeCursor cursor = detail::take_cursor(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if ((!named_only || ts_node_is_named(c)) && !f(c)) break;
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  detail::cursor_pool.spare.push_back(cursor);
}
template <class F>
void for_each_child(TSNode n, F&& f, bool named_only = false) {
  for_each_child_while(n, [&](TSNode c) {
    f(c);
    return true;
  }, named_only);
}
template <class F>
void for_each_named_child(TSNode n, F&& f) {
  for_each_child(n, std::forward<F>(f), true);
}
inline std::vector<TSNode> children_of(TSNode n, bool named_only = false) {
  std::vector<TSNode> out;
  for_each_child(n, [&](TSNode c) { out.push_back(c); }, named_only);
  return out;
}

}  // namespace cratescope::model
