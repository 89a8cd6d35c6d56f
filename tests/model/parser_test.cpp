#include <gtest/gtest.h>

#include "model/crate_model.hpp"
#include "model/file_facts.hpp"
#include "model/parser.hpp"

using namespace cratescope;
using namespace cratescope::model;

TEST(Parser, CleanFileHasATreeAndNoErrors) {
  ParsedFile f = parse_file("a.rs", "fn main() { let x = 1; }\n");
  ASSERT_TRUE(f.tree);
  EXPECT_TRUE(f.errors.empty());
  EXPECT_EQ(kind(f.root()), "source_file");
  TSNode fn = ts_node_named_child(f.root(), 0);
  EXPECT_EQ(text_of(field(fn, Field::name), f.text), "main");
  EXPECT_EQ(position_of(field(fn, Field::name)), (TextPosition{1, 4}));
}

TEST(Parser, ErrorsCarryLineAndColumn) {
  ParsedFile f = parse_file("a.rs", "fn ok() {}\nfn bad( {\n");
  ASSERT_FALSE(f.errors.empty());
  EXPECT_EQ(f.errors.front().position.line, 2u);
}

TEST(Parser, AVariableNamedRawCanBeBorrowed) {
  // The grammar reads `&raw` as the start of `&raw const x` (openssl, rustls).
  ParsedFile f = parse_file("a.rs",
                            "fn f(raw: (u8,)) { g(&raw, 1); let x = &raw.0; let p = &raw const X; let q = &raw mut Y; }\n");
  EXPECT_TRUE(f.errors.empty()) << f.errors.front().message;
  EXPECT_NE(f.text.find("g(&raw, 1)"), std::string::npos);  // the model reads the original text
}

TEST(Parser, BinaryGarbageDoesNotCrash) {
  std::string junk("\xff\xfe\0\x01}}}{{{\"", 11);
  ParsedFile f = parse_file("a.rs", junk);
  EXPECT_FALSE(f.errors.empty());
}

TEST(Parser, UnreadableFileIsReportedWithItsPath) {
  MemoryFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  EXPECT_FALSE(read_and_parse(context, "/none.rs").has_value());
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.all()[0].location.file, "/none.rs");
}

TEST(CrateModel, InMemoryCrateWithConventionalTargets) {
  MemoryFileSystem files;
  files.add_file("/c/Cargo.toml", "[package]\nname = \"c\"\n");
  files.add_file("/c/src/lib.rs", "pub mod a;\n");
  files.add_file("/c/src/a.rs", "pub fn f() {}\n");
  files.add_file("/c/src/bin/x/main.rs", "fn main() {}\n");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  CrateModel model = build_crate_model(context, "/c");
  ASSERT_EQ(model.targets.size(), 2u);
  EXPECT_EQ(model.targets[1].spec.name, "x");
  ASSERT_EQ(model.targets[0].items.size(), 1u);
  EXPECT_EQ(model.targets[0].items[0].path, "crate::a::f");
  EXPECT_EQ(model.targets[0].items[0].location, (SourceLocation{"/c/src/a.rs", {1, 8}}));
  EXPECT_EQ(model.files.size(), 3u);
  EXPECT_EQ(diagnostics.all().size(), 0u);
}

TEST(CrateModel, SameFileThroughTwoPathsIsParsedOnce) {
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", "#[path = \"s.rs\"] mod a;\n#[path = \"s.rs\"] mod b;\n");
  files.add_file("/c/src/s.rs", "pub struct S;\n");
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 0};
  CrateModel model = build_crate_model(context, "/c");
  ASSERT_EQ(model.targets.size(), 1u);
  ASSERT_EQ(model.targets[0].items.size(), 2u);
  EXPECT_EQ(model.targets[0].items[0].path, "crate::a::S");
  EXPECT_EQ(model.targets[0].items[1].path, "crate::b::S");
  EXPECT_EQ(model.files.size(), 2u);
}

namespace {

// The model holds no references into the file system, so locals are fine.
CrateModel model_of(const std::string& lib_rs) {
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", lib_rs);
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  return build_crate_model(context, "/c");
}

}  // namespace

TEST(CrateModel, VisibilityIsKeptAsWritten) {
  CrateModel m = model_of("pub(crate) fn a() {}\npub(in crate::x) struct B;\nfn c() {}\n");
  const auto& items = m.targets.at(0).items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].visibility, "pub(crate)");
  EXPECT_EQ(items[1].visibility, "pub(in crate::x)");
  EXPECT_TRUE(items[1].is_pub);
  EXPECT_EQ(items[2].visibility, "");
  EXPECT_FALSE(items[2].is_pub);
}

TEST(CrateModel, CfgAllTestIsTestOnlyButCfgNotTestIsNot) {
  CrateModel m = model_of("#[cfg(all(test, unix))] fn a() {}\n#[cfg(not(test))] fn b() {}\n");
  const auto& items = m.targets.at(0).items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].test_only);
  EXPECT_FALSE(items[1].test_only);
}

TEST(CrateModel, SuperAboveTheRootStaysAtTheRoot) {
  EXPECT_EQ(absolute_use_path("crate::a::b", "super::super::x"), "crate::x");
  EXPECT_EQ(absolute_use_path("crate", "super::x"), "crate::x");
  EXPECT_EQ(absolute_use_path("crate::a", "self"), "crate::a");
  EXPECT_EQ(absolute_use_path("crate::a", "std::io"), "std::io");
}

TEST(CrateModel, DeepNestingIsBoundedNotACrash) {
  std::string deep = "fn f() { " + std::string(5000, '{') + std::string(5000, '}') + " }\n";
  CrateModel m = model_of(deep);
  EXPECT_EQ(m.targets.at(0).items.size(), 1u);
}

// Paths and types as written become one spelling: spaces only where two
// words would merge, `r#` dropped where it starts a word.
TEST(Squeeze, KeepsOneSpaceBetweenWordsOnly) {
  EXPECT_EQ(squeeze("std::fs::File"), "std::fs::File");  // nothing to do (the common case)
  EXPECT_EQ(squeeze("std :: fs\n\t:: File"), "std::fs::File");
  EXPECT_EQ(squeeze("&  mut   dyn\tTrait"), "&mut dyn Trait");
  EXPECT_EQ(squeeze("Vec < Box < dyn  Fn ( u8 ) > >"), "Vec<Box<dyn Fn(u8)>>");
  EXPECT_EQ(squeeze("r#type::r#match"), "type::match");
  EXPECT_EQ(squeeze("attr#x"), "attr#x");  // `r#` inside a word is kept
  EXPECT_EQ(squeeze("&'a  é"), "&'a é");   // a non-ASCII word start
  EXPECT_EQ(squeeze(""), "");
}
