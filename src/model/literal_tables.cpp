#include "model/literal_tables.hpp"

#include <cstdint>

#include "model/rust_lexical.hpp"

namespace cratescope::model {

namespace {

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Spaces, separators and the operators of constant expressions (`1 << 4`,
// `!0`, `-1`, `&[1, 2]`, `0..4`); `/` is division or a comment (see below).
bool is_table_punctuation(unsigned char c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case ',': case ';': case '(': case ')': case '+': case '-': case '*': case '%':
    case '^': case '&': case '|': case '<': case '>': case '!': case '.':
      return true;
    default:
      return false;
  }
}

// A number as Rust writes it (`0x1F`, `1_000u32`, the `5e3f64` of
// `2.5e3f64`): any other word starting with a digit (`2row`) is lexed by
// tree-sitter as a number and a name, and a name is no table.
bool is_number(std::string_view word) {
  static constexpr std::string_view kSuffixes[] = {"i128", "u128", "isize", "usize", "i16", "i32", "i64", "u16",
                                                   "u32",  "u64",  "f32",   "f64",   "i8",  "u8"};
  for (std::string_view suffix : kSuffixes)
    if (word.size() > suffix.size() && word.ends_with(suffix)) {
      word.remove_suffix(suffix.size());
      break;
    }
  bool radix = word.size() > 2 && word[0] == '0' && (word[1] == 'x' || word[1] == 'o' || word[1] == 'b');
  bool hex = radix && word[1] == 'x';
  if (radix) word.remove_prefix(2);
  bool exponent = false;
  for (char c : word) {
    if (is_digit(static_cast<unsigned char>(c)) || c == '_') continue;
    if (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) continue;
    if (!radix && !exponent && (c == 'e' || c == 'E')) {
      exponent = true;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

std::vector<ByteRange> literal_table_bodies(std::string_view text) {
  std::vector<ByteRange> out;
  if (text.size() > UINT32_MAX) return out;
  std::vector<size_t> open;  // the `[`s of the group being read, not closed yet
  const size_t n = text.size();
  for (size_t at = text.find('['); at != std::string_view::npos; at = text.find('[', at)) {
    open.assign(1, at);
    size_t i = at + 1;
    while (i < n && !open.empty()) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (is_digit(c)) {  // a number and its suffix: 0x1F, 1_000u32, 2.5e3f64
        size_t start = i;
        while (i < n && lexical::is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (!is_number(text.substr(start, i - start))) break;
      } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
        size_t newline = text.find('\n', i);
        i = newline == std::string_view::npos ? n : newline + 1;
      } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
        i = lexical::block_comment_end(text, i);
        if (i == std::string_view::npos) return out;
      } else if (c == '/' || is_table_punctuation(c)) {
        ++i;
      } else if (c == '[') {
        open.push_back(i++);
      } else if (c == ']') {
        auto begin = static_cast<uint32_t>(open.back() + 1);
        open.pop_back();
        if (i - begin >= kMinLiteralTableBytes) {
          while (!out.empty() && out.back().begin >= begin) out.pop_back();  // inside this one
          out.push_back({begin, static_cast<uint32_t>(i)});
        }
        ++i;
      } else {
        break;  // a word, a literal, a brace...: this group and those around it are no tables
      }
    }
    // Every `[` before `i` is closed (and judged) or encloses what stopped
    // the reading: the next group starts after `i`.
    at = i;
  }
  return out;
}

std::vector<ByteRange> unparsed_ranges(std::string_view text, bool skip_test_modules) {
  std::vector<ByteRange> tables = literal_table_bodies(text);
  if (!skip_test_modules) return tables;
  std::vector<ByteRange> modules = cfg_test_module_bodies(text);
  if (modules.empty()) return tables;
  // A table holds no brace: it is inside a module's body or outside it.
  std::vector<ByteRange> out;
  out.reserve(tables.size() + modules.size());
  size_t t = 0;
  for (const ByteRange& module : modules) {
    for (; t < tables.size() && tables[t].begin < module.begin; ++t) out.push_back(tables[t]);
    while (t < tables.size() && tables[t].end <= module.end) ++t;
    out.push_back(module);
  }
  for (; t < tables.size(); ++t) out.push_back(tables[t]);
  return out;
}

}  // namespace cratescope::model
