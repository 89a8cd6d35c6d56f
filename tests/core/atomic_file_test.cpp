#include "core/atomic_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "support/test_support.hpp"

namespace cratescope {
namespace {

namespace fs = std::filesystem;
using testing::read_text;

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cratescope-atomic-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

size_t entries_in(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFile, CreatesDirectoriesAndReplacesWholeFiles) {
  fs::path dir = fresh_dir("write");
  fs::path file = dir / "a" / "b" / "cache.bin";
  ASSERT_TRUE(write_file_atomically(file, std::string("first\0bytes", 11)).has_value());
  EXPECT_EQ(read_text(file), std::string("first\0bytes", 11));
  ASSERT_TRUE(write_file_atomically(file, "second").has_value());
  EXPECT_EQ(read_text(file), "second");
  EXPECT_EQ(entries_in(file.parent_path()), 1u);  // no temporary left beside it
  fs::remove_all(dir);
}

TEST(AtomicFile, FailureNamesTheFileAndLeavesNothing) {
  fs::path dir = fresh_dir("fail");
  fs::create_directories(dir);
  std::ofstream(dir / "plain") << "a file where a directory is needed";
  auto written = write_file_atomically(dir / "plain" / "cache.bin", "x");
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().find("plain"), std::string::npos) << written.error();
  EXPECT_EQ(entries_in(dir), 1u);
  // A directory in the way of the rename: the temporary is removed again.
  fs::create_directories(dir / "taken" / "inside");
  written = write_file_atomically(dir / "taken", "x");
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().find("taken"), std::string::npos) << written.error();
  EXPECT_EQ(entries_in(dir), 2u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cratescope
