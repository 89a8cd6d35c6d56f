#include "model/file_facts.hpp"

namespace cratescope::model {

namespace {

bool mentions_safety(std::string_view comment) {
  return comment.find("SAFETY:") != std::string_view::npos || comment.find("Safety:") != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

// The convention (clippy's undocumented_unsafe_blocks): a `// SAFETY:` comment
// on the lines right above the statement, or as the block's first line.
bool safety_comment_near(TSNode unsafe_node, TSNode block, std::string_view source) {
  if (!ts_node_is_null(block)) {
    // Leading comments of the block (a trailing comment on the `{` line may come first).
    bool leading = true, found = false;
    for_each_named_child(block, [&](TSNode c) {
      if (!leading) return;
      if (!is(c, "line_comment") && !is(c, "block_comment")) leading = false;
      else if (mentions_safety(text_of(c, source))) found = true;
    });
    if (found) return true;
  }
  // Walk back over the comment and attribute lines just above.
  size_t line_start = std::min<size_t>(ts_node_start_byte(unsafe_node), source.size());
  while (line_start > 0 && source[line_start - 1] != '\n') --line_start;
  // The same line, before `unsafe` (`/* SAFETY: .. */ unsafe {`).
  if (mentions_safety(source.substr(line_start, ts_node_start_byte(unsafe_node) - line_start))) return true;
  for (int lines = 0; line_start > 0 && lines < 40; ++lines) {
    size_t end = line_start - 1;  // the '\n'
    size_t begin = end;
    while (begin > 0 && source[begin - 1] != '\n') --begin;
    std::string_view line = trim(source.substr(begin, end - begin));
    bool comment = line.starts_with("//") || line.starts_with("/*") || line.starts_with("*");
    if (comment && mentions_safety(line)) return true;
    if (!comment && !line.starts_with("#[")) return false;
    line_start = begin;
  }
  return false;
}

namespace {

void scan_tokens(TSNode tree, std::string_view source, const std::string& enclosing, bool test_only,
                 std::vector<UnsafeSite>& out, int depth) {
  if (depth > 256) return;
  std::vector<TSNode> tokens = children_of(tree);
  size_t count = tokens.size();
  for (size_t i = 0; i < count; ++i) {
    TSNode c = tokens[i];
    if (is(c, "token_tree") || is(c, "token_tree_pattern") || is(c, "token_repetition") ||
        is(c, "token_repetition_pattern")) {
      scan_tokens(c, source, enclosing, test_only, out, depth + 1);
      continue;
    }
    if (text_of(c, source) != "unsafe" || i + 1 >= count) continue;
    TSNode next = tokens[i + 1];
    std::string_view t = text_of(next, source);
    UnsafeSite site;
    if (is(next, "token_tree") && t.starts_with("{")) {
      site.kind = UnsafeKind::block;
    } else if (t == "fn") {
      site.kind = UnsafeKind::function;
    } else if (t == "impl") {
      site.kind = UnsafeKind::impl;
    } else if (t == "trait") {
      site.kind = UnsafeKind::trait;
    } else {
      continue;
    }
    site.location.position = position_of(c);
    site.enclosing = enclosing;
    site.in_macro_rules = true;
    site.test_only = test_only;
    if (site.kind == UnsafeKind::block) {
      // The token tree has no statement nodes; look at its first child token.
      TSNode first = ts_node_named_child(next, 0);
      site.has_safety_comment = safety_comment_near(c, TSNode{}, source) ||
                                ((is(first, "line_comment") || is(first, "block_comment")) &&
                                 mentions_safety(text_of(first, source)));
    }
    out.push_back(std::move(site));
  }
}

}  // namespace

void scan_macro_rules_unsafe(TSNode macro_definition, std::string_view source, const std::string& enclosing,
                             bool test_only, std::vector<UnsafeSite>& out) {
  for_each_named_child(macro_definition, [&](TSNode rule) {
    if (!is(rule, "macro_rule")) return;
    TSNode right = field(rule, Field::right);
    if (!ts_node_is_null(right)) scan_tokens(right, source, enclosing, test_only, out, 0);
  });
}

}  // namespace cratescope::model
