#include <gtest/gtest.h>

#include "scan/typosquat.hpp"

namespace cratescope::scan {
namespace {

PopularCrates popular() {
  return PopularCrates::parse("# most popular first\nserde\nserde_json\nrand\nrust_decimal\nreqwest\nlibc\ntokio\n"
                              "polymarket-client-sdk\nregex\n");
}

std::string kind_of(std::string_view name) {
  auto match = popular().imitated_by(name);
  return match ? std::string(match->kind) + ":" + match->popular : "none";
}

TEST(Typosquat, OneCharacterSlips) {
  EXPECT_EQ(kind_of("serd_json"), "omitted-character:serde_json");
  EXPECT_EQ(kind_of("rands"), "added-character:rand");
  EXPECT_EQ(kind_of("reqqwest"), "repeated-character:reqwest");
  EXPECT_EQ(kind_of("reqwset"), "swapped-characters:reqwest");
  EXPECT_EQ(kind_of("reqwesr"), "keyboard-typo:reqwest");
  EXPECT_EQ(kind_of("tokik"), "keyboard-typo:tokio");
  EXPECT_EQ(kind_of("toki0"), "homoglyph:tokio");
  EXPECT_EQ(kind_of("regrx"), "keyboard-typo:regex");
  EXPECT_EQ(kind_of("reges"), "keyboard-typo:regex");
  EXPECT_EQ(kind_of("regep"), "bit-flip:regex");  // 'x' ^ 'p' == 0x08
  EXPECT_EQ(kind_of("regeq"), "none");            // neither neighbour, bit flip nor look-alike
}

TEST(Typosquat, NamesAndAffixes) {
  EXPECT_EQ(kind_of("rustdecimal"), "separators:rust_decimal");
  EXPECT_EQ(kind_of("json-serde"), "swapped-words:serde_json");
  EXPECT_EQ(kind_of("polymarket-client-sdks"), "added-character:polymarket_client_sdk");
  EXPECT_EQ(kind_of("tokio-rs"), "affix:tokio");
  EXPECT_EQ(kind_of("rustserde"), "affix:serde");
  EXPECT_EQ(kind_of("serde2"), "version-affix:serde");
}

TEST(Typosquat, PopularAndUnrelatedNamesAreNotFlagged) {
  EXPECT_EQ(kind_of("serde"), "none");
  EXPECT_EQ(kind_of("Serde-JSON"), "none");  // the same crate to Cargo
  EXPECT_EQ(kind_of("libm"), "none");        // short names collide by chance
  EXPECT_EQ(kind_of("hyper"), "none");
  EXPECT_TRUE(popular().contains("polymarket_client_sdk"));
}

TEST(Typosquat, ShippedListIsDerivedFromTheCorpus) {
  PopularCrates shipped = PopularCrates::shipped();
  EXPECT_GT(shipped.size(), 100u);
  EXPECT_TRUE(shipped.contains("serde"));
  EXPECT_TRUE(shipped.contains("libc"));
}

}  // namespace
}  // namespace cratescope::scan
