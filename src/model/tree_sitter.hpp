#pragma once
// Thin RAII ownership over the tree-sitter C API: a parser and a tree free
// themselves; nodes are plain values that borrow from their tree.
#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string_view>

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

inline std::string_view kind(TSNode n) { return ts_node_type(n); }
inline bool is(TSNode n, std::string_view k) { return !ts_node_is_null(n) && kind(n) == k; }
inline TSNode field(TSNode n, std::string_view name) {
  return ts_node_child_by_field_name(n, name.data(), static_cast<uint32_t>(name.size()));
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

}  // namespace cratescope::model
