#pragma once
// Parsing one .rs file. The text is kept with the tree because every node
// only holds byte offsets into it.
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/expected.hpp"
#include "model/test_module_bodies.hpp"
#include "model/tree_sitter.hpp"

namespace cratescope::model {

struct ParseError {
  TextPosition position;
  std::string message;  // "syntax error" or "missing `;`"
};

struct ParsedFile {
  std::string path;
  std::string text;
  TreePtr tree;
  std::vector<ParseError> errors;  // non-empty: the file is UNANALYZED in part
  // What was left unparsed (literal tables and, with parse_text's
  // skip_test_modules, `#[cfg(test)] mod` bodies): the tree holds those
  // arrays and modules empty.
  std::vector<ByteRange> skipped;

  TSNode root() const { return ts_tree_root_node(tree.get()); }
};

// Parses `text`; never fails (tree-sitter always yields a tree, with ERROR
// and MISSING nodes where the text is not Rust). Errors are capped. Large
// tables of numbers are not parsed (see literal_table_bodies).
// `skip_test_modules`: for a build without the crate's tests, the bodies of
// `#[cfg(test)] mod x { ... }` are not parsed (when that parse has an error
// or puts a body anywhere but in its module, the whole file is parsed).
ParsedFile parse_text(std::string path, std::string text, TSParser& parser, bool skip_test_modules = false);
ParsedFile parse_file(std::string path, std::string text);
// Reads through the context's FileSystem; a read failure is reported to the
// diagnostics and returned as the error.
Expected<ParsedFile> read_and_parse(const Context& context, const std::string& path);

// The tree of `text` without the `holes` (see unparsed_ranges): null when
// that parse has an error or a hole is not exactly a module's body or an
// array's (or macro token tree's) inside.
TreePtr parse_around(TSParser& parser, std::string_view text, const std::vector<ByteRange>& holes);

// What `try!` is parsed as (see parse_text); macro call names map it back.
inline constexpr const char* kTryMacroStandIn = "tr_";

// At most this many errors are kept per file: one broken file must not
// flood the report.
inline constexpr size_t kMaxParseErrorsPerFile = 20;

}  // namespace cratescope::model
