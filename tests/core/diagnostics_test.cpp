#include <gtest/gtest.h>

#include "core/diagnostics.hpp"
#include "core/file_system.hpp"

using namespace cratescope;

TEST(SourceLocation, PositionOfOffsetCountsLinesAndColumns) {
  std::string_view text = "ab\ncde\nf";
  EXPECT_EQ(position_of_offset(text, 0), (TextPosition{1, 1}));
  EXPECT_EQ(position_of_offset(text, 4), (TextPosition{2, 2}));
  EXPECT_EQ(position_of_offset(text, 7), (TextPosition{3, 1}));
  EXPECT_EQ(line_text(text, 2), "cde");
  EXPECT_EQ(line_text(text, 9), "");
}

TEST(Diagnostics, FormatsWithCaretAndNoColourForPipes) {
  Diagnostics sink;
  sink.error("Cargo.lock", "a = 1\nname = \"x\"\n", {2, 8}, "bad thing");
  ASSERT_EQ(sink.error_count(), 1u);
  std::string text = format_diagnostic(sink.all()[0], false);
  EXPECT_EQ(text, "Cargo.lock:2:8: error: bad thing\n  name = \"x\"\n         ^\n");
}

TEST(Diagnostics, ControlCharactersDoNotReachTheTerminal) {
  Diagnostics sink;
  sink.error("f", "a\x1b[31mb", {1, 1}, "m");
  EXPECT_EQ(format_diagnostic(sink.all()[0], false).find('\x1b'), std::string::npos);
}

TEST(MemoryFileSystem, ListsFilesAndImplicitDirectories) {
  MemoryFileSystem files;
  files.add_file("/p/Cargo.toml", "x");
  files.add_file("/p/src/lib.rs", "y");
  EXPECT_TRUE(files.is_directory("/p"));
  EXPECT_TRUE(files.is_file("/p/src/lib.rs"));
  EXPECT_FALSE(files.is_file("/p/src"));
  auto entries = files.list_directory("/p/");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].generic_string(), "/p/Cargo.toml");
  EXPECT_EQ(entries[1].generic_string(), "/p/src");
  EXPECT_EQ(*files.read_file("/p/./src/lib.rs"), "y");
  EXPECT_FALSE(files.read_file("/p/none").has_value());
}

TEST(Diagnostics, CaretCountsCharactersNotBytesAndTabsBecomeSpaces) {
  Diagnostics sink;
  sink.error("f", "é = \"x\"\n", {1, 4}, "m");  // column 4 is the byte of '=' after the two-byte é
  EXPECT_EQ(format_diagnostic(sink.all()[0], false), "f:1:4: error: m\n  é = \"x\"\n    ^\n");
  Diagnostics tabs;
  tabs.error("f", "\tname\n", {1, 2}, "m");
  EXPECT_EQ(format_diagnostic(tabs.all()[0], false), "f:1:2: error: m\n   name\n   ^\n");
}
