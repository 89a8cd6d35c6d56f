#include "load/path_glob.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cratescope::load {
namespace {

using ::testing::ElementsAre;

TEST(PathGlob, MatchesOneComponent) {
  EXPECT_TRUE(glob_match("*", "anything"));
  EXPECT_TRUE(glob_match("*-cli", "tool-cli"));
  EXPECT_FALSE(glob_match("*-cli", "tool-cli2"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("[ab]x", "bx"));
  EXPECT_FALSE(glob_match("[!ab]x", "bx"));
  EXPECT_TRUE(glob_match("v[0-9]", "v7"));
  EXPECT_TRUE(glob_match("[x", "[x"));  // unclosed: literal
  EXPECT_TRUE(glob_match("*a*b*c*", "xxaxxbxxcxx"));
  EXPECT_FALSE(glob_match(std::string(30, '*') + "b", std::string(5000, 'a')));  // no blow-up
  EXPECT_FALSE(has_glob_characters("crates/core"));
  EXPECT_TRUE(has_glob_characters("crates/*"));
}

TEST(PathGlob, ExpandsDirectoriesOnly) {
  MemoryFileSystem files;
  files.add_file("/ws/crates/a/Cargo.toml", "");
  files.add_file("/ws/crates/b/deep/Cargo.toml", "");
  files.add_file("/ws/crates/file.txt", "");
  files.add_file("/ws/crates/.git/config", "");
  EXPECT_THAT(expand_directory_glob("/ws", "crates/*", files), ElementsAre("/ws/crates/a", "/ws/crates/b"));
  EXPECT_THAT(expand_directory_glob("/ws", "./crates/*/", files), ElementsAre("/ws/crates/a", "/ws/crates/b"));
  EXPECT_THAT(expand_directory_glob("/ws", "crates/**", files),
              ElementsAre("/ws/crates", "/ws/crates/a", "/ws/crates/b", "/ws/crates/b/deep"));
  EXPECT_THAT(expand_directory_glob("/ws", "nothing/*", files), ElementsAre());
}

}  // namespace
}  // namespace cratescope::load
