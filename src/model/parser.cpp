#include "model/parser.hpp"

#include <cctype>
#include <cstring>

namespace cratescope::model {

ParserPtr make_rust_parser() {
  ParserPtr parser(ts_parser_new());
  ts_parser_set_language(parser.get(), tree_sitter_rust());
  return parser;
}

bool has_token(TSNode n, std::string_view token) {
  if (ts_node_is_null(n)) return false;
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(n, i);
    if (!ts_node_is_named(c) && kind(c) == token) return true;
  }
  return false;
}

namespace {

bool is_complete_declaration(TSNode n) {
  if (ts_node_has_error(n)) return false;
  std::string_view k = kind(n);
  return k.ends_with("_item") || k.ends_with("_declaration") || k.ends_with("_comment") ||
         k == "macro_invocation" || k == "macro_definition" || k == "expression_statement";
}

// Only subtrees that contain an error are visited, so clean files cost one check.
void collect_errors(TSNode node, std::vector<ParseError>& out, int depth) {
  if (out.size() >= kMaxParseErrorsPerFile || depth > 1000) return;
  if (ts_node_is_missing(node)) {
    out.push_back({position_of(node), "missing `" + std::string(kind(node)) + "`"});
    return;
  }
  bool error = kind(node) == "ERROR";
  if (!error && !ts_node_has_error(node)) return;
  uint32_t count = ts_node_child_count(node);
  if (error) {
    // Error recovery often wraps good items in one big ERROR starting at the
    // top of the file: the useful location is the first token that is not
    // part of a complete declaration.
    TSNode stray = node;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(node, i);
      if (!is_complete_declaration(c)) {
        stray = c;
        break;
      }
    }
    out.push_back({position_of(stray), "syntax error"});
  }
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(node, i);
    if (ts_node_has_error(c) || ts_node_is_missing(c)) collect_errors(c, out, depth + 1);
  }
}

std::string with_try_macro_renamed(const std::string& text) {
  std::string out;
  size_t at = text.find("try!");
  if (at == std::string::npos) return out;
  out = text;
  for (; at != std::string::npos; at = out.find("try!", at + 4)) {
    unsigned char before = at == 0 ? ' ' : static_cast<unsigned char>(out[at - 1]);
    if (std::isalnum(before) || before == '_' || before == '#' || before >= 0x80) continue;
    out.replace(at, 3, kTryMacroStandIn);
  }
  return out;
}

}  // namespace

ParsedFile parse_text(std::string path, std::string text, TSParser& parser) {
  ParsedFile file;
  file.path = std::move(path);
  file.text = std::move(text);
  // Edition-2015 code calls `try!`, which this grammar rejects because `try`
  // is a keyword; the parser reads a same-length stand-in, so every offset
  // still points into the original text.
  std::string renamed = with_try_macro_renamed(file.text);
  const std::string& parsed = renamed.empty() ? file.text : renamed;
  file.tree.reset(ts_parser_parse_string(&parser, nullptr, parsed.data(), static_cast<uint32_t>(parsed.size())));
  if (!file.tree) {
    file.errors.push_back({{1, 1}, "the parser gave up"});
    return file;
  }
  collect_errors(file.root(), file.errors, 0);
  return file;
}

ParsedFile parse_file(std::string path, std::string text) {
  auto parser = make_rust_parser();
  return parse_text(std::move(path), std::move(text), *parser);
}

Expected<ParsedFile> read_and_parse(const Context& context, const std::string& path) {
  auto text = context.files.read_file(path);
  if (!text) {
    context.diagnostics.report({DiagnosticLevel::error, {path, {}}, text.error(), ""});
    return unexpected(text.error());
  }
  return parse_file(path, std::move(*text));
}

}  // namespace cratescope::model
