// Arbitrary bytes through the lexer that finds `#[cfg(test)] mod` bodies
// (cfg_test_module_bodies) and the parse that leaves them out. Differential:
// where the whole text parses cleanly, each body the lexer found must be
// exactly a module's `{ }` in the parser's own tree, the tree the model uses
// when tests are wanted. A body the parser sees elsewhere would make the
// model skip code it should read.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/parser.hpp"
#include "model/test_module_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope::model;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<ByteRange> holes = cfg_test_module_bodies(text);
  uint32_t previous_end = 0;
  for (const ByteRange& hole : holes) {
    if (hole.begin == 0 || hole.begin > hole.end || hole.end >= text.size() || hole.begin <= previous_end)
      __builtin_trap();
    if (text[hole.begin - 1] != '{' || text[hole.end] != '}') __builtin_trap();
    previous_end = hole.end;
  }
  TSParser& parser = thread_rust_parser();
  ParsedFile skipped = parse_text("a.rs", text, parser, true);
  if (!skipped.skipped.empty() && !skipped.errors.empty()) __builtin_trap();  // such a parse is redone whole
  ParsedFile whole = parse_text("a.rs", text, parser, false);
  if (!whole.tree || !whole.errors.empty() || ts_node_has_error(whole.root())) return 0;
  for (const ByteRange& hole : skipped.skipped) {
    TSNode brace = ts_node_descendant_for_byte_range(whole.root(), hole.begin - 1, hole.begin);
    TSNode body = ts_node_parent(brace);
    if (!is(body, "declaration_list") || ts_node_start_byte(body) != hole.begin - 1 ||
        ts_node_end_byte(body) != hole.end + 1 || !is(ts_node_parent(body), "mod_item"))
      __builtin_trap();
  }
  return 0;
}
