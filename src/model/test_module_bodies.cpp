#include "model/test_module_bodies.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "model/rust_lexical.hpp"

namespace cratescope::model {

namespace {

using lexical::is_word_byte;

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

struct Token {
  enum Kind { word, punct, literal, end, error } kind = end;
  std::string_view text;
  size_t at = 0;

  bool is(char c) const { return kind == punct && text.size() == 1 && text[0] == c; }
  bool is_word(std::string_view w) const { return kind == word && text == w; }
};

// Just enough of Rust's lexical grammar to tell code from comments and
// literals; the parser proper decides everything else.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token next() {
    for (;;) {  // comments, as many as there are (a loop: no recursion per comment)
      skip_space();
      if (byte(at_) == '/' && byte(at_ + 1) == '/') {
        size_t newline = text_.find('\n', at_);
        at_ = newline == std::string_view::npos ? text_.size() : newline + 1;
      } else if (byte(at_) == '/' && byte(at_ + 1) == '*') {
        if (!block_comment()) return failed();
      } else {
        break;
      }
    }
    if (at_ >= text_.size()) return {Token::end, {}, at_};
    size_t start = at_;
    unsigned char c = byte(at_);
    if (c == '"') return string(start, at_ + 1);
    if (c == '\'') return quote(start);
    if (is_word_byte(c)) return word(start);
    ++at_;
    return {Token::punct, text_.substr(start, 1), start};
  }

 private:
  std::string_view text_;
  size_t at_ = 0;

  unsigned char byte(size_t i) const { return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0; }
  Token failed() { return {Token::error, {}, at_}; }
  Token literal(size_t start) { return {Token::literal, text_.substr(start, at_ - start), start}; }

  void skip_space() {
    while (at_ < text_.size() && is_space(byte(at_))) ++at_;
  }

  bool block_comment() {
    size_t end = lexical::block_comment_end(text_, at_);
    if (end == std::string_view::npos) return false;
    at_ = end;
    return true;
  }

  // A "..." literal whose body starts at `from` (after the quote).
  Token string(size_t start, size_t from) {
    for (size_t i = from; i < text_.size(); ++i) {
      if (text_[i] == '\\') {
        ++i;
      } else if (text_[i] == '"') {
        at_ = i + 1;
        return literal(start);
      }
    }
    return failed();
  }

  // r"..." / r#"..."# with `hashes` #s; `from` is the opening quote.
  Token raw_string(size_t start, size_t from, size_t hashes) {
    for (size_t i = from + 1; i < text_.size(); ++i) {
      if (text_[i] != '"') continue;
      size_t closing = 0;
      while (closing < hashes && byte(i + 1 + closing) == '#') ++closing;
      if (closing == hashes) {
        at_ = i + 1 + hashes;
        return literal(start);
      }
    }
    return failed();
  }

  // A char literal ('x', '\n', '\u{7D}', '}') or a lifetime / label ('a).
  Token quote(size_t start) {
    if (byte(start + 1) == '\\') {
      for (size_t i = start + 3; i < text_.size() && i < start + 16; ++i)
        if (text_[i] == '\'') {
          at_ = i + 1;
          return literal(start);
        }
      return failed();
    }
    size_t after = start + 1 + utf8_length(byte(start + 1));
    if (byte(after) == '\'') {
      at_ = after + 1;
      return literal(start);
    }
    at_ = start + 1;  // a lifetime: its name is lexed as a word next
    return {Token::punct, text_.substr(start, 1), start};
  }

  // Identifiers, keywords and numbers; and the literals that start with a
  // prefix word: b"..", c"..", b'x', r".." / r#".."#, br.., cr...
  Token word(size_t start) {
    size_t end = start;
    while (end < text_.size() && is_word_byte(byte(end))) ++end;
    std::string_view w = text_.substr(start, end - start);
    if ((w == "b" || w == "c") && byte(end) == '"') return string(start, end + 1);
    if (w == "b" && byte(end) == '\'') {
      Token quoted = quote(end);
      if (quoted.kind == Token::literal) return literal(start);
      return failed();  // b'<lifetime> is not Rust
    }
    if (w == "r" || w == "br" || w == "cr") {
      size_t hashes = 0;
      while (byte(end + hashes) == '#') ++hashes;
      if (byte(end + hashes) == '"') return raw_string(start, end + hashes, hashes);
    }
    at_ = end;
    return {Token::word, w, start};
  }
};

// After a `#`: `[cfg(test)]` follows (consumed when it does).
bool read_cfg_test(Lexer& lexer) {
  Lexer ahead = lexer;
  static constexpr std::array<std::string_view, 6> spelled = {"[", "cfg", "(", "test", ")", "]"};
  for (std::string_view expected : spelled)
    if (ahead.next().text != expected) return false;
  lexer = ahead;
  return true;
}

// Skips to the token that closes `open` (already read) and gives its offset;
// nothing at the end of the text.
std::optional<size_t> skip_group(Lexer& lexer, char open, char close) {
  int depth = 1;
  for (Token t = lexer.next(); t.kind != Token::end && t.kind != Token::error; t = lexer.next()) {
    if (t.is(open)) ++depth;
    if (t.is(close) && --depth == 0) return t.at;
  }
  return std::nullopt;
}

}  // namespace

std::vector<ByteRange> cfg_test_module_bodies(std::string_view text) {
  std::vector<ByteRange> out;
  if (text.find("cfg(test)") == std::string_view::npos || text.size() > UINT32_MAX) return out;
  Lexer lexer(text);
  for (Token t = lexer.next(); t.kind != Token::end; t = lexer.next()) {
    if (t.kind == Token::error) return {};
    if (!t.is('#') || !read_cfg_test(lexer)) continue;
    Token next = lexer.next();
    while (next.is('#')) {  // more outer attributes
      if (!lexer.next().is('[') || !skip_group(lexer, '[', ']')) return {};
      next = lexer.next();
    }
    if (next.is_word("pub")) {
      next = lexer.next();
      if (next.is('(')) {
        if (!skip_group(lexer, '(', ')')) return {};
        next = lexer.next();
      }
    }
    if (!next.is_word("mod") || lexer.next().kind != Token::word) continue;
    Token open = lexer.next();
    if (!open.is('{')) continue;
    std::optional<size_t> close = skip_group(lexer, '{', '}');
    if (!close) return {};
    out.push_back({static_cast<uint32_t>(open.at + 1), static_cast<uint32_t>(*close)});
  }
  return out;
}

}  // namespace cratescope::model
