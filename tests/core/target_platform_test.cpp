#include "core/target_platform.hpp"

#include <gtest/gtest.h>

namespace cratescope {
namespace {

Tristate holds(const std::string& predicate, const CfgFacts& facts) {
  auto result = cfg_holds(predicate, facts);
  EXPECT_TRUE(result) << predicate << ": " << result.error();
  return result ? *result : Tristate::unknown;
}

TEST(CfgHolds, TargetPredicatesNeedAPlatform) {
  CfgFacts any;
  EXPECT_EQ(holds("windows", any), Tristate::unknown);
  EXPECT_EQ(holds("not(unix)", any), Tristate::unknown);
  EXPECT_EQ(holds("target_pointer_width = \"64\"", any), Tristate::unknown);
  CfgFacts linux{TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), std::nullopt};
  EXPECT_EQ(holds("windows", linux), Tristate::no);
  EXPECT_EQ(holds("not(any(unix,windows))", linux), Tristate::no);
  EXPECT_EQ(holds("all(unix,target_os=\"linux\")", linux), Tristate::yes);
  EXPECT_EQ(holds("target_pointer_width = \"64\"", linux), Tristate::yes);
  EXPECT_EQ(holds("target_endian = \"big\"", linux), Tristate::no);
  EXPECT_EQ(holds("target_env = \"musl\"", linux), Tristate::no);
}

TEST(TargetPlatform, ATripleItCannotReadMakesNothingFalse) {
  // A typo in the architecture must not rule out x86_64 code.
  TargetPlatform typo = TargetPlatform::from_triple("x68_64-unknown-linux-gnu");
  EXPECT_EQ(typo.arch, "");
  EXPECT_EQ(holds("target_arch = \"x86_64\"", {typo, std::nullopt}), Tristate::unknown);
  EXPECT_EQ(holds("unix", {typo, std::nullopt}), Tristate::yes);
  EXPECT_EQ(holds("target_endian = \"little\"", {typo, std::nullopt}), Tristate::unknown);
  EXPECT_NE(typo.unrecognized().find("no known architecture in it"), std::string::npos) << typo.unrecognized();
  TargetPlatform nonsense = TargetPlatform::from_triple("foo");
  EXPECT_NE(nonsense.unrecognized().find("no known architecture nor operating system"), std::string::npos);
  for (const char* known : {"x86_64-unknown-linux-gnu", "aarch64-apple-darwin", "i686-pc-windows-msvc",
                            "thumbv7em-none-eabihf", "wasm32-unknown-unknown", "mipsel-unknown-linux-gnu",
                            "riscv64gc-unknown-linux-gnu", "aarch64_be-unknown-linux-gnu"})
    EXPECT_EQ(TargetPlatform::from_triple(known).unrecognized(), "") << known;
  EXPECT_EQ(TargetPlatform::from_triple("mipsel-unknown-linux-gnu").arch, "mips");
}

TEST(CfgHolds, PointerWidthAndEndianComeFromTheTriple) {
  CfgFacts arm{TargetPlatform::from_triple("armv7-unknown-linux-gnueabihf"), std::nullopt};
  EXPECT_EQ(holds("target_pointer_width = \"32\"", arm), Tristate::yes);
  CfgFacts s390x{TargetPlatform::from_triple("s390x-unknown-linux-gnu"), std::nullopt};
  EXPECT_EQ(holds("target_endian = \"big\"", s390x), Tristate::yes);
  // --target-arch alone (no triple) says as much as it can.
  CfgFacts powerpc_arch;
  powerpc_arch.platform.arch = "powerpc";
  EXPECT_EQ(holds("target_endian = \"big\"", powerpc_arch), Tristate::yes);
  CfgFacts powerpc64_arch;
  powerpc64_arch.platform.arch = "powerpc64";  // or powerpc64le
  EXPECT_EQ(holds("target_endian = \"little\"", powerpc64_arch), Tristate::unknown);
  CfgFacts ppc64le{TargetPlatform::from_triple("powerpc64le-unknown-linux-gnu"), std::nullopt};
  EXPECT_EQ(holds("target_endian = \"little\"", ppc64le), Tristate::yes);
    CfgFacts unknown_arch{TargetPlatform::from_triple("xtensa-esp32-none-elf"), std::nullopt};
  EXPECT_EQ(holds("target_pointer_width = \"32\"", unknown_arch), Tristate::unknown);
}

TEST(CfgHolds, FeaturesAreKnownOnlyWhenGiven) {
  CfgFacts unknown;
  EXPECT_EQ(holds("feature = \"std\"", unknown), Tristate::unknown);
  CfgFacts with_std{{}, std::set<std::string>{"std"}};
  EXPECT_EQ(holds("feature = \"std\"", with_std), Tristate::yes);
  EXPECT_EQ(holds("feature = \"serde\"", with_std), Tristate::no);
  EXPECT_EQ(holds("any(feature = \"serde\", windows)", with_std), Tristate::unknown);
  EXPECT_EQ(holds("all(feature = \"serde\", windows)", with_std), Tristate::no);
}

TEST(CfgHolds, RustdocAndMiriAreNeverBuildsAndCustomCfgsStayUnknown) {
  CfgFacts any;
  EXPECT_EQ(holds("doc", any), Tristate::no);
  EXPECT_EQ(holds("all(doc, semver_rustdoc_workaround)", any), Tristate::no);
  EXPECT_EQ(holds("miri", any), Tristate::no);
  EXPECT_EQ(holds("no_str_strip_prefix", any), Tristate::unknown);
  EXPECT_EQ(holds("test", any), Tristate::unknown);
  EXPECT_FALSE(cfg_holds("all(unix", any));
  EXPECT_FALSE(cfg_holds("feature = ", any));
}

}  // namespace
}  // namespace cratescope
