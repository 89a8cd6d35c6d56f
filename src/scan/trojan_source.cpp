#include "scan/trojan_source.hpp"

#include <fmt/format.h>

namespace cratescope::scan {

namespace {

// Code points are decoded by hand: only the three-byte sequences of the
// General Punctuation block and two-byte Greek/Cyrillic letters matter here.
struct Special {
  char32_t code_point;
  std::string_view name;
};

constexpr Special kBidi[] = {
    {0x202A, "LEFT-TO-RIGHT EMBEDDING"}, {0x202B, "RIGHT-TO-LEFT EMBEDDING"}, {0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},  {0x202E, "RIGHT-TO-LEFT OVERRIDE"},  {0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, "RIGHT-TO-LEFT ISOLATE"},   {0x2068, "FIRST STRONG ISOLATE"},    {0x2069, "POP DIRECTIONAL ISOLATE"},
};
// Zero-width joiners (U+200C/D) are left out: emoji and Indic text in string
// literals use them legitimately.
constexpr Special kInvisible[] = {
    {0x200B, "ZERO WIDTH SPACE"}, {0x2060, "WORD JOINER"}, {0x2062, "INVISIBLE TIMES"}, {0x2063, "INVISIBLE SEPARATOR"},
    {0x2064, "INVISIBLE PLUS"},
};

char32_t three_byte_code_point(std::string_view text, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  return (char32_t(b(0) & 0x0F) << 12) | (char32_t(b(1) & 0x3F) << 6) | char32_t(b(2) & 0x3F);
}

const Special* find_special(std::span<const Special> table, char32_t code_point) {
  for (const Special& special : table)
    if (special.code_point == code_point) return &special;
  return nullptr;
}

// Whether `offset` is inside a string literal or a `//` comment of its line:
// a look at the line, not a lexer (block comments and strings over several
// lines are taken as code). Homoglyphs matter in names; in text they are
// usually just text.
bool in_string_or_comment(std::string_view text, size_t offset) {
  size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = start == std::string_view::npos || offset == 0 ? 0 : start + 1;
  bool in_string = false;
  for (size_t i = start; i < offset; ++i) {
    if (in_string && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      in_string = !in_string;
    } else if (!in_string && text[i] == '/' && i + 1 < offset && text[i + 1] == '/') {
      return true;
    }
  }
  return in_string;
}

// Cyrillic and Greek letters that look like Latin ones (lower and upper
// case): the ones a homoglyph attack uses. Greek letters in maths (`ΔE`,
// `α`) are not among them.
bool latin_look_alike(char32_t c) {
  static constexpr char32_t kLookAlikes[] = {
      0x0430, 0x0435, 0x043E, 0x0440, 0x0441, 0x0443, 0x0445, 0x0456, 0x0458, 0x0455, 0x0501, 0x051B, 0x051D,  // а е о р с у х і ј ѕ ԁ ԛ ԝ
      0x0410, 0x0412, 0x0415, 0x041A, 0x041C, 0x041D, 0x041E, 0x0420, 0x0421, 0x0422, 0x0425, 0x0406, 0x0408,  // А В Е К М Н О Р С Т Х І Ј
      0x03BF, 0x03BD, 0x03C1, 0x0391, 0x0392, 0x0395, 0x0396, 0x0397, 0x0399, 0x039A, 0x039C, 0x039D, 0x039F,  // ο ν ρ Α Β Ε Ζ Η Ι Κ Μ Ν Ο
      0x03A1, 0x03A4, 0x03A5, 0x03A7,                                                                          // Ρ Τ Υ Χ
  };
  for (char32_t look_alike : kLookAlikes)
    if (c == look_alike) return true;
  return false;
}

char32_t two_byte_code_point(std::string_view text, size_t i) {
  return (char32_t(static_cast<unsigned char>(text[i]) & 0x1F) << 6) | char32_t(static_cast<unsigned char>(text[i + 1]) & 0x3F);
}

bool ascii_identifier_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Lead bytes of two-byte sequences for U+0370..U+04FF (Greek, Cyrillic).
bool greek_or_cyrillic_lead(unsigned char c) { return c >= 0xCD && c <= 0xD3; }

void add(std::vector<ScanFinding>& out, std::string_view file, std::string_view text, size_t offset, std::string rule,
         Severity severity, Confidence confidence, std::string excerpt, std::string why) {
  ScanFinding finding;
  finding.rule_id = std::move(rule);
  finding.kind = FindingKind::trojan_source;
  finding.severity = severity;
  finding.confidence = confidence;
  finding.location = {std::string(file), position_of_offset(text, offset)};
  finding.excerpt = std::move(excerpt);
  finding.why = std::move(why);
  out.push_back(std::move(finding));
}

}  // namespace

void find_trojan_source(std::string_view file, std::string_view text, std::vector<ScanFinding>& out) {
  size_t reported = 0;  // one file full of them is one story, not thousands of findings
  for (size_t i = 0; i < text.size() && reported < 20; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size()) {
      char32_t code_point = three_byte_code_point(text, i);
      if (const Special* bidi = find_special(kBidi, code_point)) {
        add(out, file, text, i, "bidi-control-character", Severity::high, Confidence::high,
            fmt::format("U+{:04X} {}", static_cast<uint32_t>(code_point), bidi->name),
            "a bidirectional control character makes code display in a different order than the compiler reads it "
            "(Trojan Source, CVE-2021-42574)");
        ++reported;
      } else if (const Special* invisible = find_special(kInvisible, code_point); invisible && !in_string_or_comment(text, i)) {
        add(out, file, text, i, "invisible-character", Severity::medium, Confidence::medium,
            fmt::format("U+{:04X} {}", static_cast<uint32_t>(code_point), invisible->name),
            "an invisible character can make two different names look the same");
        ++reported;
      }
      i += 2;
      continue;
    }
    // An identifier-like word: ASCII letters/digits/_ and Greek or Cyrillic letters.
    if (ascii_identifier_byte(c) || greek_or_cyrillic_lead(c)) {
      size_t start = i;
      bool latin = false, look_alike = false;
      while (i < text.size()) {
        auto d = static_cast<unsigned char>(text[i]);
        if (ascii_identifier_byte(d)) {
          latin |= ascii_letter(d);
          ++i;
        } else if (greek_or_cyrillic_lead(d) && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
          look_alike |= latin_look_alike(two_byte_code_point(text, i));
          i += 2;
        } else {
          break;
        }
      }
      if (latin && look_alike && !in_string_or_comment(text, start)) {
        add(out, file, text, start, "mixed-script-identifier", Severity::medium, Confidence::medium,
            std::string(text.substr(start, std::min<size_t>(i - start, 80))),
            "a name mixing Latin letters with Cyrillic or Greek ones that look the same: one name can pass for "
            "another");
        ++reported;
      }
      if (i > start) --i;  // the loop's ++i
    }
  }
}

}  // namespace cratescope::scan
