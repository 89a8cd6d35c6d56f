// Arbitrary bytes through the scanners that find what the parse leaves out
// (`#[cfg(test)] mod` bodies, cfg_test_module_bodies; tables of numbers,
// literal_table_bodies) and the parse around them. Differential: where the
// whole text parses cleanly, each module body left out must be exactly a
// module's `{ }` in the parser's own tree, and each table exactly an array's
// (or a macro token tree's) `[ ]` holding no name, call, macro, string or
// `unsafe`. A hole the parser sees elsewhere would make the model skip code
// it should read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/literal_tables.hpp"
#include "model/parser.hpp"
#include "model/test_module_bodies.hpp"

namespace {

using namespace cratescope::model;

void check_apart(const std::string& text, const std::vector<ByteRange>& holes, char open, char close) {
  uint32_t previous_end = 0;
  for (const ByteRange& hole : holes) {
    if (hole.begin == 0 || hole.begin > hole.end || hole.end >= text.size() || hole.begin <= previous_end)
      __builtin_trap();
    if (text[hole.begin - 1] != open || text[hole.end] != close) __builtin_trap();
    previous_end = hole.end;
  }
}

// Nothing any analysis reads: no name, path, call, macro, literal text or unsafe.
bool only_numbers(TSNode n) {
  static constexpr std::string_view kRead[] = {
      "identifier", "field_identifier", "type_identifier", "scoped_identifier", "call_expression",
      "macro_invocation", "string_literal", "raw_string_literal", "char_literal", "unsafe_block", "self",
      "metavariable", "closure_expression", "block"};
  for (std::string_view k : kRead)
    if (is(n, k)) return false;
  bool clean = true;
  for_each_child(n, [&](TSNode c) { clean = clean && only_numbers(c); });
  return clean;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  check_apart(text, cfg_test_module_bodies(text), '{', '}');
  check_apart(text, literal_table_bodies(text), '[', ']');
  TSParser& parser = thread_rust_parser();
  ParsedFile skipped = parse_text("a.rs", text, parser, true);
  if (!skipped.skipped.empty() && !skipped.errors.empty()) __builtin_trap();  // such a parse is redone whole
  TreePtr whole(ts_parser_parse_string(&parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
  if (!whole || ts_node_has_error(ts_tree_root_node(whole.get()))) return 0;
  TSNode root = ts_tree_root_node(whole.get());
  for (const ByteRange& hole : skipped.skipped) {
    TSNode open = ts_node_descendant_for_byte_range(root, hole.begin - 1, hole.begin);
    TSNode group = ts_node_parent(open);
    if (ts_node_start_byte(open) != hole.begin - 1 || ts_node_end_byte(group) != hole.end + 1) __builtin_trap();
    if (is(open, "{")) {
      if (!is(group, "declaration_list") || !is(ts_node_parent(group), "mod_item")) __builtin_trap();
    } else if (!is(open, "[") || !(is(group, "array_expression") || is(group, "token_tree")) || !only_numbers(group)) {
      __builtin_trap();
    }
  }
  return 0;
}
