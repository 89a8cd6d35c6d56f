#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/file_facts.hpp"
#include "model/parser.hpp"
#include "model/test_module_bodies.hpp"

using namespace cratescope;
using namespace cratescope::model;

namespace {

std::vector<std::string> bodies(const std::string& text) {
  std::vector<std::string> out;
  for (ByteRange r : cfg_test_module_bodies(text)) out.push_back(text.substr(r.begin, r.end - r.begin));
  return out;
}

using Bodies = std::vector<std::string>;

}  // namespace

TEST(TestModuleBodies, FindsTheBodyBetweenTheBraces) {
  EXPECT_EQ(bodies("fn a() {}\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\nfn b() {}\n"), Bodies{"\n    fn t() {}\n"});
}

TEST(TestModuleBodies, OtherAttributesCommentsAndVisibilityMaySitBeforeMod) {
  EXPECT_EQ(bodies("#[cfg(test)]\n// helpers\n#[allow(unused, clippy::x)]\npub(crate) mod tests { x }"), Bodies{" x "});
  EXPECT_EQ(bodies("#[cfg(test)] pub mod t {y}"), Bodies{"y"});
}

TEST(TestModuleBodies, BracesInLiteralsAndCommentsAreNotCode) {
  std::string body =
      " const A: &str = \"}\\\"}\"; const B: &str = r#\"}\"# ; const C: char = '}'; const D: u8 = b'}';"
      " const E: char = '\\''; fn f<'a>(x: &'a str) {} /* } /* } */ } */ // }\n"
      " const F: &[u8] = br##\"}\"#}\"##; const G: char = '\\u{7D}'; 'outer: loop {} const H: char = 'é'; ";
  EXPECT_EQ(bodies("#[cfg(test)] mod tests {" + body + "} fn after() {}"), Bodies{body});
}

TEST(TestModuleBodies, OnlyCodeCounts) {
  EXPECT_TRUE(bodies("// #[cfg(test)] mod t { }\nfn a() {}").empty());
  EXPECT_TRUE(bodies("/* #[cfg(test)] mod t { */ fn a() {}").empty());
  EXPECT_TRUE(bodies("const S: &str = \"#[cfg(test)] mod t {\"; fn a() {}").empty());
}

TEST(TestModuleBodies, OnlyInlineTestModules) {
  EXPECT_TRUE(bodies("#[cfg(test)] fn helper() {}").empty());
  EXPECT_TRUE(bodies("#[cfg(test)] mod tests;").empty());
  EXPECT_TRUE(bodies("#[cfg(not(test))] mod x {}").empty());
  EXPECT_TRUE(bodies("#![cfg(test)] mod x {}").empty());  // the file's own attribute: the file is left out
  EXPECT_TRUE(bodies("#[cfg(all(test, unix))] mod x {}").empty());  // only the plain spelling
  EXPECT_TRUE(bodies("#[cfg( test )] mod x {}").empty());
  EXPECT_EQ(bodies("#[cfg(test)] mod a { #[cfg(test)] mod b { c } } #[cfg(test)] mod d { e }"),
            (Bodies{" #[cfg(test)] mod b { c } ", " e "}));
}

TEST(TestModuleBodies, ManyCommentsInARow) {
  // Each comment was a recursive call: a long run of them overflowed the stack.
  std::string text = "#[cfg(test)] mod t {";
  for (int i = 0; i < 300000; ++i) text += "// c\n/* d */";
  text += "}";
  EXPECT_EQ(cfg_test_module_bodies(text).size(), 1u);
}

TEST(TestModuleBodies, WhatTheLexerCannotFollowGivesNothing) {
  EXPECT_TRUE(bodies("#[cfg(test)] mod t { fn a() {} } const S: &str = \"open").empty());
  EXPECT_TRUE(bodies("#[cfg(test)] mod t { fn a() { }").empty());
  EXPECT_TRUE(bodies("#[cfg(test)] mod t { } /* open").empty());
  EXPECT_TRUE(bodies("#[cfg(test)] mod t { } const R: &str = r#\"open\";").empty());
}

TEST(ParseSkippingTests, TheModuleIsEmptyAndEverythingElseIsWhereItWas) {
  std::string text =
      "fn before() {}\n#[cfg(test)]\nmod tests {\n    fn inside() { broken( }\n}\nfn after() { unsafe { x() } }\n";
  TSParser& parser = thread_rust_parser();
  ParsedFile skipped = parse_text("a.rs", text, parser, true);
  ASSERT_EQ(skipped.skipped.size(), 1u);
  EXPECT_TRUE(skipped.errors.empty());  // the broken test is not parsed
  FileFacts facts = extract_facts(skipped);
  std::vector<std::string> fns;
  for (const auto& item : facts.items)
    if (item.kind == ItemKind::function) fns.push_back(item.path + "@" + std::to_string(item.location.position.line));
  EXPECT_EQ(fns, (std::vector<std::string>{"before@1", "after@6"}));
  ASSERT_EQ(facts.unsafe_sites.size(), 1u);
  EXPECT_EQ(facts.unsafe_sites[0].location.position, (TextPosition{6, 14}));

  ParsedFile whole = parse_text("a.rs", text, parser, false);
  EXPECT_TRUE(whole.skipped.empty());
  EXPECT_FALSE(whole.errors.empty());
  // The thread's parser reads whole files again afterwards.
  ParsedFile next = parse_text("b.rs", text, parser, false);
  EXPECT_FALSE(next.errors.empty());
}

TEST(ParseSkippingTests, AnAttributeInsideAMacroIsParsedWhole) {
  // The lexer takes it for a module; the parser puts the braces in a token
  // tree, so the file is parsed again without skipping.
  std::string text = "macro_rules! m { () => { #[cfg(test)] mod t { fn x() {} } }; }\nfn after() {}\n";
  ParsedFile f = parse_text("a.rs", text, thread_rust_parser(), true);
  EXPECT_TRUE(f.skipped.empty());
  EXPECT_TRUE(f.errors.empty());
  EXPECT_EQ(ts_node_named_child_count(f.root()), 2u);
}
