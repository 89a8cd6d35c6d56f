#include <gtest/gtest.h>

#include "load/lockfile.hpp"

namespace cratescope::load {
namespace {

TEST(SourceId, CratesIoRegistryAndSparseIndex) {
  auto git_index = SourceId::parse("registry+https://github.com/rust-lang/crates.io-index");
  EXPECT_EQ(git_index.kind, SourceKind::registry);
  EXPECT_EQ(git_index.url, "https://github.com/rust-lang/crates.io-index");
  EXPECT_TRUE(git_index.is_crates_io());
  EXPECT_TRUE(SourceId::parse("sparse+https://index.crates.io/").is_crates_io());
  EXPECT_TRUE(SourceId::parse("sparse+https://index.crates.io").is_crates_io());
  EXPECT_FALSE(SourceId::parse("sparse+https://index.crates.io.evil.com/").is_crates_io());
  EXPECT_FALSE(SourceId::parse("registry+https://github.com/rust-lang/crates.io-index-mirror").is_crates_io());
}

TEST(SourceId, GitReferencesAndPreciseCommit) {
  auto tag = SourceId::parse("git+https://github.com/a/b?tag=v1.0#0123abcd");
  EXPECT_EQ(tag.kind, SourceKind::git);
  EXPECT_EQ(tag.url, "https://github.com/a/b");
  EXPECT_EQ(tag.reference_kind, "tag");
  EXPECT_EQ(tag.reference, "v1.0");
  EXPECT_EQ(tag.precise, "0123abcd");

  auto default_branch = SourceId::parse("git+ssh://git@github.com/a/b.git#0123abcd");
  EXPECT_EQ(default_branch.url, "ssh://git@github.com/a/b.git");
  EXPECT_EQ(default_branch.reference_kind, "");
  EXPECT_EQ(default_branch.precise, "0123abcd");

  auto rev = SourceId::parse("git+https://h/r?rev=abc%2");
  EXPECT_EQ(rev.reference, "abc%2");  // a broken escape stays as written
  EXPECT_EQ(rev.precise, "");
}

TEST(SourceId, OtherKinds) {
  EXPECT_EQ(SourceId::parse("path+file:///home/me/crate").kind, SourceKind::path);
  EXPECT_EQ(SourceId::parse("path+file:///home/me/crate").url, "file:///home/me/crate");
  EXPECT_EQ(SourceId::parse("local-registry+file:///r").kind, SourceKind::local_registry);
  EXPECT_EQ(SourceId::parse("directory+file:///vendor").kind, SourceKind::directory);
  auto unknown = SourceId::parse("svn+https://x");
  EXPECT_EQ(unknown.kind, SourceKind::unknown);
  EXPECT_EQ(unknown.url, "svn+https://x");
  EXPECT_EQ(unknown.raw, "svn+https://x");
  EXPECT_EQ(SourceId::parse("").kind, SourceKind::unknown);
}

}  // namespace
}  // namespace cratescope::load
