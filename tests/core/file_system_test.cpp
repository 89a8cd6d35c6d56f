#include "core/file_system.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

using namespace cratescope;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("cratescope-fs-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST(RealFileSystem, AFifoIsRefusedWithoutWaitingForAWriter) {
  // A source tree can hold one (`src/lib.rs` made with mkfifo): opening it
  // to read would block the whole run.
  TempDir dir;
  fs::path fifo = dir.path / "lib.rs";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto read = RealFileSystem().read_file(fifo);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("not a regular file"), std::string::npos) << read.error();
  EXPECT_FALSE(RealFileSystem().read_file("/dev/zero"));
}

TEST(RealFileSystem, SymlinksAreToldAndReadThrough) {
  TempDir dir;
  std::ofstream(dir.path / "real.rs") << "fn a() {}\n";
  fs::create_symlink("real.rs", dir.path / "link.rs");
  fs::create_symlink("/nowhere/at/all", dir.path / "dangling.rs");
  RealFileSystem files;
  EXPECT_EQ(files.symlink_target(dir.path / "link.rs"), fs::path("real.rs"));
  EXPECT_EQ(files.symlink_target(dir.path / "dangling.rs"), fs::path("/nowhere/at/all"));
  EXPECT_FALSE(files.symlink_target(dir.path / "real.rs"));
  EXPECT_FALSE(files.symlink_target(dir.path / "missing.rs"));
  EXPECT_EQ(files.read_file(dir.path / "link.rs").value_or(""), "fn a() {}\n");
}

TEST(MemoryFileSystem, SymlinksAreListedAndReadThrough) {
  MemoryFileSystem files;
  files.add_file("/c/src/lib.rs", "x");
  files.add_symlink("/c/src/alias.rs", "lib.rs");
  files.add_symlink("/c/out", "/etc");
  EXPECT_EQ(files.list_directory("/c"), (std::vector<fs::path>{"/c/out", "/c/src"}));
  EXPECT_EQ(files.list_directory("/c/src"), (std::vector<fs::path>{"/c/src/alias.rs", "/c/src/lib.rs"}));
  EXPECT_EQ(files.read_file("/c/src/alias.rs").value_or(""), "x");
  EXPECT_TRUE(files.is_file("/c/src/alias.rs"));
  EXPECT_EQ(files.symlink_target("/c/out"), fs::path("/etc"));
  EXPECT_FALSE(files.symlink_target("/c/src/lib.rs"));
}
