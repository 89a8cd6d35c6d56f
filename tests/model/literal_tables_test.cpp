#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/file_facts.hpp"
#include "model/literal_tables.hpp"
#include "model/parser.hpp"

using namespace cratescope;
using namespace cratescope::model;

namespace {

using Texts = std::vector<std::string>;

Texts tables(const std::string& text) {
  Texts out;
  for (ByteRange r : literal_table_bodies(text)) out.push_back(text.substr(r.begin, r.end - r.begin));
  return out;
}

// `count` numbers, each `prefix`, a digit or two and `suffix`, comma-separated.
std::string numbers(size_t count, const std::string& prefix = "0x", const std::string& suffix = "") {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += prefix + std::to_string(i % 97) + suffix + ", ";
  return out;
}

std::vector<std::string> functions_with_lines(const FileFacts& facts) {
  std::vector<std::string> out;
  for (const auto& item : facts.items)
    if (item.kind == ItemKind::function) out.push_back(item.path + "@" + std::to_string(item.location.position.line));
  return out;
}

}  // namespace

TEST(LiteralTables, FindsALargeArrayOfNumbers) {
  std::string body = "\n    " + numbers(300) + "\n";
  EXPECT_EQ(tables("static T: [u8; 300] = [" + body + "];\nfn f() { g(&[1, 2]) }\n"), Texts{body});
}

TEST(LiteralTables, SmallArraysAreParsed) {
  EXPECT_TRUE(tables("static T: [u8; 3] = [1, 2, 3];").empty());
  EXPECT_EQ(kMinLiteralTableBytes, 1024u);
  std::string just_under(kMinLiteralTableBytes - 1, ' ');
  EXPECT_TRUE(tables("const A: [u8; 0] = [" + just_under + "];").empty());
  EXPECT_EQ(tables("const A: [u8; 0] = [" + just_under + " ];").size(), 1u);
}

TEST(LiteralTables, NumbersInAllTheirSpellingsOperatorsAndComments) {
  std::string body = numbers(60, "-", "i32") + numbers(60, "1_0", "u64") + numbers(60, "2.5e", "f64") +
                     " // a row\n /* nested /* comment */ */ 1 << 4, !0, 0xFF | 0x10, (1, 2), &[3, 4], [5; 6], 7 / 8,";
  EXPECT_EQ(tables("const T: X = [" + body + "];"), Texts{body});
}

TEST(LiteralTables, OnlyTheOutermostTable) {
  std::string body = "[" + numbers(200) + "], [" + numbers(200) + "]";
  EXPECT_EQ(tables("const T: [[u8; 200]; 2] = [" + body + "];"), Texts{body});
}

TEST(LiteralTables, AWordOrAStringMakesNoTableOfItsGroup) {
  std::string inner = numbers(300);
  EXPECT_TRUE(tables("const T: [u8; 301] = [" + inner + "LAST];").empty());
  EXPECT_TRUE(tables("const T: [u8; 301] = [" + inner + "f(1)];").empty());
  EXPECT_TRUE(tables("const T: [u8; 301] = [" + inner + "1.max(2)];").empty());
  EXPECT_TRUE(tables("const T: [u8; 301] = [" + inner + "2row];").empty());  // tree-sitter: 2 and a name
  EXPECT_TRUE(tables("const T: [u8; 301] = [" + inner + "2dead];").empty());
  EXPECT_TRUE(tables("const T: [u8; 301] = [" + inner + "unsafe { 0 }];").empty());
  EXPECT_TRUE(tables("const T: [&str; 301] = [" + inner + "\"s\"];").empty());
  EXPECT_TRUE(tables("const T: [char; 301] = [" + inner + "'c'];").empty());
  // ...but a table inside such a group is one.
  EXPECT_EQ(tables("const T: (&[u8], u8) = (&[" + inner + "], LAST);"), Texts{inner});
  EXPECT_EQ(tables("const T: [&[u8]; 2] = [&[" + inner + "], &OTHER];"), Texts{inner});
}

TEST(LiteralTables, AnOpenGroupOrCommentAtTheEndGivesNoTable) {
  EXPECT_TRUE(tables("const T: [u8; 300] = [" + numbers(300)).empty());
  EXPECT_TRUE(tables("const T: [u8; 300] = [" + numbers(300) + "/* open").empty());
}

TEST(LiteralTables, TimeIsLinearInDeeplyNestedGroups) {
  // Each group fails only at the word at its very end: re-reading from each
  // `[` would be quadratic.
  std::string text(200000, '[');
  text += "x";
  text += std::string(200000, ']');
  EXPECT_TRUE(tables(text).empty());
}

TEST(UnparsedRanges, ATableInsideATestModuleGoesWithTheModule) {
  std::string table = numbers(300);
  std::string text = "const A: [u8; 300] = [" + table + "];\n#[cfg(test)]\nmod tests { const B: [u8; 300] = [" + table +
                     "]; }\nconst C: [u8; 300] = [" + table + "];\n";
  std::vector<ByteRange> with_tests = unparsed_ranges(text, true);
  ASSERT_EQ(with_tests.size(), 3u);
  EXPECT_EQ(text.substr(with_tests[0].begin, with_tests[0].end - with_tests[0].begin), table);
  EXPECT_TRUE(text.substr(with_tests[1].begin, with_tests[1].end - with_tests[1].begin).starts_with(" const B"));
  EXPECT_EQ(text.substr(with_tests[2].begin, with_tests[2].end - with_tests[2].begin), table);
  EXPECT_EQ(unparsed_ranges(text, false).size(), 3u);  // A, B and C
}

TEST(ParseSkippingTables, TheArrayIsEmptyAndEverythingElseIsWhereItWas) {
  std::string text = "fn before() {}\nstatic T: [u16; 300] = [\n" + numbers(150) + "\n" + numbers(150) +
                     "\n];\nstatic V: Vec<u8> = vec![" + numbers(300) + "];\nfn after() { unsafe { x() } }\n";
  ParsedFile f = parse_text("a.rs", text, thread_rust_parser(), false);
  ASSERT_EQ(f.skipped.size(), 2u);
  EXPECT_TRUE(f.errors.empty());
  FileFacts facts = extract_facts(f);
  EXPECT_EQ(functions_with_lines(facts), (std::vector<std::string>{"before@1", "after@7"}));
  ASSERT_EQ(facts.unsafe_sites.size(), 1u);
  EXPECT_EQ(facts.unsafe_sites[0].location.position, (TextPosition{7, 14}));
}

TEST(ParseSkippingTables, WhatIsNoArrayIsParsedWhole) {
  std::string table = numbers(300);
  for (const std::string& text : {
           "/* [" + table + "] */\nfn after() {}\n",               // in a comment
           "const S: &str = \"[" + table + "]\";\nfn after() {}\n",  // in a string
           "fn f(x: &[u8]) { match x { [" + table + "] => {} _ => {} } }\nfn after() {}\n",  // a slice pattern
       }) {
    ParsedFile f = parse_text("a.rs", text, thread_rust_parser(), false);
    EXPECT_TRUE(f.skipped.empty()) << text.substr(0, 40);
    EXPECT_TRUE(f.errors.empty()) << text.substr(0, 40);
    EXPECT_EQ(functions_with_lines(extract_facts(f)).back(), "after@2") << text.substr(0, 40);
  }
}

TEST(ParseSkippingTables, AFileWithASyntaxErrorIsParsedWhole) {
  std::string text = "static T: [u8; 300] = [" + numbers(300) + "];\nfn broken( {}\n";
  ParsedFile f = parse_text("a.rs", text, thread_rust_parser(), false);
  EXPECT_TRUE(f.skipped.empty());
  ASSERT_FALSE(f.errors.empty());
  EXPECT_EQ(f.errors[0].position.line, 2u);
}
