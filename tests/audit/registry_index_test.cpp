#include <gtest/gtest.h>

#include "audit/registry_index.hpp"

using namespace cratescope;
using namespace cratescope::audit;

TEST(RegistryIndex, PathsFollowTheCratesIoLayout) {
  EXPECT_EQ(index_relative_path("a"), "1/a");
  EXPECT_EQ(index_relative_path("ab"), "2/ab");
  EXPECT_EQ(index_relative_path("abc"), "3/a/abc");
  EXPECT_EQ(index_relative_path("Serde"), "se/rd/serde");
}

TEST(RegistryIndex, ReadsJsonLinesAndCargoCacheFiles) {
  MemoryFileSystem files;
  files.add_file("/index/ti/me/time",
                 "{\"name\":\"time\",\"vers\":\"0.1.43\",\"yanked\":false}\n"
                 "{\"name\":\"time\",\"vers\":\"0.2.0\",\"yanked\":true}\n"
                 "not json\n");
  // Cargo's cache: a version byte, then NUL-separated version / JSON pairs.
  std::string cache_file = "\x03";
  cache_file += std::string("\x02\0\0\0", 4) + "etag" + '\0' + "0.4.0" + '\0' + "{\"vers\":\"0.4.0\",\"yanked\":true}" + '\0';
  files.add_file("/cargo/.cache/3/l/log", cache_file);
  auto index = RegistryIndex::open("/index", files);
  ASSERT_TRUE(index);
  auto versions = index->versions("time");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_FALSE((*versions)[0].yanked);
  EXPECT_TRUE((*versions)[1].yanked);
  EXPECT_FALSE(index->versions("serde"));

  auto cache = RegistryIndex::open("/cargo", files);
  ASSERT_TRUE(cache);
  auto log = cache->versions("log");
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_TRUE((*log)[0].yanked);
}
