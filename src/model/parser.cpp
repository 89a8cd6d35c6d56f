#include "model/parser.hpp"

#include <array>
#include <cctype>
#include <cstring>

#include "model/literal_tables.hpp"

namespace cratescope::model {

ParserPtr make_rust_parser() {
  ParserPtr parser(ts_parser_new());
  ts_parser_set_language(parser.get(), tree_sitter_rust());
  return parser;
}

TSParser& thread_rust_parser() {
  thread_local ParserPtr parser = make_rust_parser();
  return *parser;
}

std::vector<std::string_view> detail::read_symbol_names() {
  const TSLanguage* language = tree_sitter_rust();
  std::vector<std::string_view> out(ts_language_symbol_count(language));
  for (TSSymbol s = 0; s < out.size(); ++s) out[s] = ts_language_symbol_name(language, s);
  return out;
}

TSFieldId field_id(Field f) {
  static const auto ids = [] {
    static constexpr std::string_view names[] = {
        "alias", "argument", "arguments", "body", "consequence", "field", "function", "left", "list", "macro", "name",
        "parameters", "path", "pattern", "return_type", "right", "trait", "type", "type_arguments", "type_parameters", "value"};
    static_assert(std::size(names) == static_cast<size_t>(Field::count_));
    std::array<TSFieldId, std::size(names)> out{};
    for (size_t i = 0; i < out.size(); ++i)  // an unknown name is 0
      out[i] = ts_language_field_id_for_name(tree_sitter_rust(), names[i].data(), static_cast<uint32_t>(names[i].size()));
    return out;
  }();
  return ids[static_cast<size_t>(f)];
}

bool has_token(TSNode n, std::string_view token) {
  if (ts_node_is_null(n)) return false;
  bool found = false;
  for_each_child(n, [&](TSNode c) {
    if (!found && !ts_node_is_named(c) && kind(c) == token) found = true;
  });
  return found;
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
  std::vector<TSNode> children = children_of(node);
  if (error) {
    // Error recovery often wraps good items in one big ERROR starting at the
    // top of the file: the useful location is the first token that is not
    // part of a complete declaration.
    TSNode stray = node;
    for (TSNode c : children) {
      if (!is_complete_declaration(c)) {
        stray = c;
        break;
      }
    }
    out.push_back({position_of(stray), "syntax error"});
  }
  for (TSNode c : children)
    if (ts_node_has_error(c) || ts_node_is_missing(c)) collect_errors(c, out, depth + 1);
}

// Tokens this grammar rejects in valid code, replaced in the parser's copy by
// same-length stand-ins so that every offset still points into the original
// text (which is what the model reads):
// - `try!` and `try::` of edition-2015 code (`try` is a keyword in the
//   grammar) -> `tr_!`, `tr_::`;
// - `~` and a lone `$` in macro token trees (`Token![~]`, `[$]`), which Rust
//   accepts as tokens -> `@`. Outside token trees neither is valid Rust, and
//   inside strings and comments the replacement is never read;
// - `&raw` borrowing a variable named `raw` (`f(&raw)`, `&raw.0`): the
//   grammar reads every `&raw` as the start of `&raw const x` -> `&ra_`.
std::string with_stand_ins(const std::string& text) {
  // Decisions read the original text (a stand-in never changes one); the copy
  // is made at the first replacement: most files need none, though nearly
  // all contain "try" somewhere (`entry`, `try_from`).
  std::string out;
  auto edit = [&]() -> std::string& {
    if (out.empty()) out = text;
    return out;
  };
  std::string_view view(text);
  for (size_t at = view.find("try"); at != std::string_view::npos; at = view.find("try", at + 3)) {
    unsigned char before = at == 0 ? ' ' : static_cast<unsigned char>(view[at - 1]);
    if (std::isalnum(before) || before == '_' || before == '#' || before >= 0x80) continue;
    std::string_view after = view.substr(at + 3);
    if (after.starts_with("!") || after.starts_with("::")) edit().replace(at, 3, kTryMacroStandIn);
  }
  for (size_t at = view.find("&raw"); at != std::string_view::npos; at = view.find("&raw", at + 4)) {
    std::string_view after = view.substr(at + 4);
    unsigned char next = after.empty() ? ' ' : static_cast<unsigned char>(after[0]);
    if (std::isalnum(next) || next == '_' || next >= 0x80) continue;  // `&rawness`
    size_t word = after.find_first_not_of(" \t\r\n");
    std::string_view rest = word == std::string_view::npos ? std::string_view{} : after.substr(word);
    if (rest.starts_with("const ") || rest.starts_with("mut ")) continue;  // a real raw borrow
    edit()[at + 3] = '_';
  }
  for (size_t i = view.find('~'); i != std::string_view::npos; i = view.find('~', i + 1)) edit()[i] = '@';
  for (size_t i = view.find('$'); i != std::string_view::npos; i = view.find('$', i + 1)) {
    unsigned char next = i + 1 < view.size() ? static_cast<unsigned char>(view[i + 1]) : ' ';
    if (!(std::isalnum(next) || next == '_' || next == '(' || next >= 0x80)) edit()[i] = '@';
  }
  return out;
}

// The text around `holes` (sorted, apart), as tree-sitter's included ranges.
std::vector<TSRange> ranges_around(std::string_view text, const std::vector<ByteRange>& holes) {
  uint32_t row = 0;
  size_t line_start = 0, scanned = 0;
  auto point_at = [&](uint32_t offset) {  // offsets come in order
    for (size_t nl = text.find('\n', scanned); nl != std::string_view::npos && nl < offset; nl = text.find('\n', nl + 1)) {
      ++row;
      line_start = nl + 1;
    }
    scanned = offset;
    return TSPoint{row, static_cast<uint32_t>(offset - line_start)};
  };
  std::vector<TSRange> out;
  uint32_t from = 0;
  TSPoint from_point{0, 0};
  for (const ByteRange& hole : holes) {
    TSPoint to_point = point_at(hole.begin);
    out.push_back({from_point, to_point, from, hole.begin});
    from = hole.end;
    from_point = point_at(hole.end);
  }
  out.push_back({from_point, point_at(static_cast<uint32_t>(text.size())), from, static_cast<uint32_t>(text.size())});
  return out;
}

// Each hole is the inside of a module's `{ }`, or of an array's or a macro
// token tree's `[ ]`, in the tree parsed around them: the text scanners
// that found them and the parser agree.
bool holes_are_group_bodies(TSNode root, const std::vector<ByteRange>& holes) {
  for (const ByteRange& hole : holes) {
    TSNode open = ts_node_descendant_for_byte_range(root, hole.begin - 1, hole.begin);
    if (ts_node_start_byte(open) != hole.begin - 1) return false;
    TSNode group = ts_node_parent(open);
    if (ts_node_end_byte(group) != hole.end + 1) return false;
    bool module_body = is(open, "{") && is(group, "declaration_list") && is(ts_node_parent(group), "mod_item");
    bool table = is(open, "[") && (is(group, "array_expression") || is(group, "token_tree"));
    if (!module_body && !table) return false;
  }
  return true;
}

}  // namespace

TreePtr parse_around(TSParser& parser, std::string_view text, const std::vector<ByteRange>& holes) {
  std::vector<TSRange> ranges = ranges_around(text, holes);
  if (!ts_parser_set_included_ranges(&parser, ranges.data(), static_cast<uint32_t>(ranges.size()))) return nullptr;
  TreePtr tree(ts_parser_parse_string(&parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
  ts_parser_set_included_ranges(&parser, nullptr, 0);  // the parser is the thread's, for the next file
  if (tree && (ts_node_has_error(ts_tree_root_node(tree.get())) ||
               !holes_are_group_bodies(ts_tree_root_node(tree.get()), holes)))
    tree.reset();
  return tree;
}

ParsedFile parse_text(std::string path, std::string text, TSParser& parser, bool skip_test_modules) {
  ParsedFile file;
  file.path = std::move(path);
  file.text = std::move(text);
  std::string renamed = with_stand_ins(file.text);
  const std::string& parsed = renamed.empty() ? file.text : renamed;
  if (std::vector<ByteRange> holes = unparsed_ranges(file.text, skip_test_modules); !holes.empty()) {
    file.tree = parse_around(parser, parsed, holes);
    if (file.tree) file.skipped = std::move(holes);
  }
  if (!file.tree)
    file.tree.reset(ts_parser_parse_string(&parser, nullptr, parsed.data(), static_cast<uint32_t>(parsed.size())));
  if (!file.tree) {
    file.errors.push_back({{1, 1}, "the parser gave up"});
    return file;
  }
  collect_errors(file.root(), file.errors, 0);
  return file;
}

ParsedFile parse_file(std::string path, std::string text) {
  return parse_text(std::move(path), std::move(text), thread_rust_parser());
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
