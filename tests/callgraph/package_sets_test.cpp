#include <gtest/gtest.h>

#include "callgraph/package_sets.hpp"

namespace cratescope::callgraph {
namespace {

TEST(PackageSets, HoldsWhatWasSetOnceEach) {
  PackageSets sets;
  sets.assign(5);
  sets.set(1, {4, 1, 3, 4});
  EXPECT_TRUE(sets.contains(1, 1));
  EXPECT_TRUE(sets.contains(1, 3));
  EXPECT_TRUE(sets.contains(1, 4));
  EXPECT_FALSE(sets.contains(1, 0));
  EXPECT_FALSE(sets.contains(1, 2));
  EXPECT_EQ(sets.of(1), (std::vector<uint32_t>{1, 3, 4}));
  for (size_t from : {0, 2, 3, 4}) EXPECT_FALSE(sets.contains(from, 1)) << from;  // never set: empty
}

TEST(PackageSets, AMillionPackagesCostWhatTheirSetsHold) {
  // A dense matrix of this many packages would take 116 GiB (the test would
  // not get past assign); these sets take a few MB.
  constexpr size_t kPackages = 1'000'000;
  PackageSets sets;
  sets.assign(kPackages);
  for (size_t p = 0; p < kPackages; p += 1000) sets.set(p, {static_cast<uint32_t>(p), static_cast<uint32_t>(kPackages - 1)});
  EXPECT_TRUE(sets.contains(999'000, kPackages - 1));
  EXPECT_FALSE(sets.contains(999'001, kPackages - 1));
}

}  // namespace
}  // namespace cratescope::callgraph
