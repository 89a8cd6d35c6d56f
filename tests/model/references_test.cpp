#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/file_facts.hpp"

namespace cratescope::model {
namespace {

std::vector<std::string> refs(const std::string& code) {
  ParserPtr parser = make_rust_parser();
  ParsedFile file = parse_text("a.rs", code, *parser);
  FileFacts facts = extract_facts(file, parser.get());
  std::vector<std::string> out;
  for (const auto& r : facts.references) {
    std::string line = std::string(to_string(r.kind)) + " " + r.path + " @" + r.enclosing;
    if (r.in_unsafe) line += " unsafe";
    if (r.in_macro_args) line += " macro";
    out.push_back(line);
  }
  return out;
}

using ::testing::ElementsAre;

TEST(References, CallsPathsAndMethods) {
  EXPECT_THAT(refs("fn f() { std::fs::read(p); x.spawn(); g::<u8>(); Vec::<u8>::with_capacity(1); }"),
              ElementsAre("call std::fs::read @f", "path p @f", "method spawn @f", "call g @f",
                          "call Vec::with_capacity @f"));
}

TEST(References, ValuesPassedOn) {
  EXPECT_THAT(refs("fn f() { v.map(fs::read_to_string); v.map(read); }"),
              ElementsAre("method map @f", "path fs::read_to_string @f", "method map @f", "path read @f"));
}

TEST(References, DerefsOnlyInUnsafeCode) {
  EXPECT_THAT(refs("fn f() { let a = *r; unsafe { let b = *p; } }\nunsafe fn g() { *q = 1; }"),
              ElementsAre("raw_deref  @f unsafe", "raw_deref  @g unsafe"));
}

TEST(References, InsideMacroTokens) {
  EXPECT_THAT(refs("fn f() { println!(\"{}\", std::env::var(\"X\").unwrap()); format!(\"{}\", read(p)); }"),
              ElementsAre("call std::env::var @f macro", "method unwrap @f macro", "call read @f macro"));
}

TEST(References, QualifiedPathsNameTheTypeAndTheTrait) {
  EXPECT_THAT(refs("fn f() { <Foo as Bar>::run(&x); <T as a::Tr<u8>>::go(); <Vec<u8>>::new(); }"),
              ElementsAre("call Foo::run @f", "call Bar::run @f", "call T::go @f", "call a::Tr::go @f",
                          "call Vec::new @f"));
}

TEST(References, MacroRulesBodiesOnlyForTheCallGraph) {
  std::string code = "macro_rules! m { ($x:expr) => { $crate::imp::f($x); $x::nope(); }; }";
  auto for_graph = [&] {
    ParserPtr parser = make_rust_parser();
    ParsedFile file = parse_text("a.rs", code, *parser);
    std::vector<std::string> out;
    for (const auto& r : extract_facts(file, parser.get(), true).references)
      out.push_back(r.path + " @" + r.enclosing + (r.in_macro_rules ? " rules" : ""));
    return out;
  };
  EXPECT_THAT(for_graph(), ElementsAre("$crate::imp::f @m rules"));
  EXPECT_THAT(refs(code), ElementsAre());
}

TEST(References, AttributesAreNotReferences) {
  EXPECT_THAT(refs("#[tokio::main]\nasync fn main() { a::b(); }"), ElementsAre("call a::b @main"));
}

}  // namespace
}  // namespace cratescope::model
