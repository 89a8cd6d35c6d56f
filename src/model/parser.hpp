#pragma once
// Parsing one .rs file. The text is kept with the tree because every node
// only holds byte offsets into it.
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/expected.hpp"
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

  TSNode root() const { return ts_tree_root_node(tree.get()); }
};

// Parses `text`; never fails (tree-sitter always yields a tree, with ERROR
// and MISSING nodes where the text is not Rust). Errors are capped.
ParsedFile parse_text(std::string path, std::string text, TSParser& parser);
ParsedFile parse_file(std::string path, std::string text);
// Reads through the context's FileSystem; a read failure is reported to the
// diagnostics and returned as the error.
Expected<ParsedFile> read_and_parse(const Context& context, const std::string& path);

// What `try!` is parsed as (see parse_text); macro call names map it back.
inline constexpr const char* kTryMacroStandIn = "tr_";

// At most this many errors are kept per file: one broken file must not
// flood the report.
inline constexpr size_t kMaxParseErrorsPerFile = 20;

}  // namespace cratescope::model
