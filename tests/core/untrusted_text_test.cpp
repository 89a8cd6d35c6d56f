#include "core/untrusted_text.hpp"

#include <gtest/gtest.h>

namespace cratescope {
namespace {

TEST(UntrustedText, ValidUtf8KeepsGoodTextAndReplacesBadBytes) {
  EXPECT_EQ(valid_utf8("plain ascii"), "plain ascii");
  EXPECT_EQ(valid_utf8("caf\xC3\xA9 \xF0\x9F\xA6\x80"), "caf\xC3\xA9 \xF0\x9F\xA6\x80");  // é, crab
  EXPECT_EQ(valid_utf8("a\xFFz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                      // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");      // a surrogate
  EXPECT_EQ(valid_utf8("end\xE2\x82"), "end\xEF\xBF\xBD\xEF\xBF\xBD");                 // truncated
  EXPECT_EQ(valid_utf8("keeps\x1b controls"), "keeps\x1b controls");  // the JSON writer escapes them
}

TEST(UntrustedText, TerminalSafeNeutralisesControls) {
  EXPECT_EQ(terminal_safe("red\x1b[31m!"), "red?[31m!");
  EXPECT_EQ(terminal_safe("tab\there"), "tab here");
  EXPECT_EQ(terminal_safe("two\r\nlines"), "two lines");
  EXPECT_EQ(terminal_safe("two\r\nlines", true), "two\nlines");
  EXPECT_EQ(terminal_safe("c1 \xC2\x9B csi"), "c1 ? csi");
  EXPECT_EQ(terminal_safe("del\x7f"), "del?");
  EXPECT_EQ(terminal_safe("rlo \xE2\x80\xAE" "x \xE2\x81\xA6y"), "rlo ?x ?y");
  EXPECT_EQ(terminal_safe("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(UntrustedText, WrapLineBreaksAtSpaces) {
  EXPECT_EQ(wrap_line("one two three four", 9, "> "), "> one two\n> three\n> four\n");
  EXPECT_EQ(wrap_line("averyveryverylongword x", 5, ""), "averyveryverylongword\nx\n");
  EXPECT_EQ(wrap_line("", 10, "  "), "  \n");
}

}  // namespace
}  // namespace cratescope
