#include "sources/crate_archive.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "sources/crate_builder.hpp"
#include "sources/memory_crate.hpp"

using namespace cratescope;
using namespace cratescope::sources;
using cratescope::testing::build_crate;
using cratescope::testing::normal_crate_entries;
using cratescope::testing::TarEntry;

namespace {

class CrateArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDirectory::create();
    ASSERT_TRUE(dir) << dir.error();
    temp_ = std::move(*dir);
  }
  std::filesystem::path write(const std::string& name, const std::string& bytes) {
    auto path = temp_.path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  // Everything under `root` as relative path -> contents.
  static std::map<std::string, std::string> disk_tree(const std::filesystem::path& root) {
    std::map<std::string, std::string> out;
    for (auto& e : std::filesystem::recursive_directory_iterator(root)) {
      EXPECT_FALSE(e.is_symlink()) << e.path();
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      out[e.path().lexically_relative(root).generic_string()] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return out;
  }
  static std::map<std::string, std::string> memory_tree(const MemoryCrate& crate) {
    std::map<std::string, std::string> out;
    std::vector<std::filesystem::path> stack{crate.root};
    while (!stack.empty()) {
      auto dir = stack.back();
      stack.pop_back();
      for (auto& p : crate.files.list_directory(dir)) {
        if (crate.files.is_file(p)) out[p.lexically_relative(crate.root).generic_string()] = *crate.files.read_file(p);
        else stack.push_back(p);
      }
    }
    return out;
  }
  TempDirectory temp_;
};

const std::string kOrigin = "demo-1.0.0.crate";

}  // namespace

TEST_F(CrateArchiveTest, ExtractsANormalCrateAndRemovesItAfterwards) {
  auto file = write("demo-1.0.0.crate", build_crate(normal_crate_entries()));
  std::filesystem::path root;
  {
    auto crate = CrateArchive::extract(file, {}, temp_.path());
    ASSERT_TRUE(crate) << crate.error();
    root = crate->root();
    EXPECT_EQ(root.filename(), "demo-1.0.0");
    EXPECT_TRUE(crate->warnings().empty());
    std::map<std::string, std::string> expected{{"Cargo.toml", "[package]\nname = \"demo\"\nversion = \"1.0.0\"\n"},
                                                {"src/lib.rs", "pub fn f() {}\n"},
                                                {"src/inner/mod.rs", "// inner\n"},
                                                {"README.md", ""}};
    EXPECT_EQ(disk_tree(root), expected);
    EXPECT_EQ(crate->summary().files.size(), 4u);
    EXPECT_EQ(crate->summary().entries, 5u);
    auto status = std::filesystem::status(root / "src/lib.rs");
    EXPECT_EQ(status.permissions() & std::filesystem::perms::owner_exec, std::filesystem::perms::none);
    // Moving keeps the directory alive; only the last owner removes it.
    CrateArchive moved = std::move(*crate);
    EXPECT_TRUE(std::filesystem::exists(root / "Cargo.toml"));
  }
  EXPECT_FALSE(std::filesystem::exists(root.parent_path()));
}

TEST_F(CrateArchiveTest, SkipsAndReportsHostileEntries) {
  auto entries = normal_crate_entries();
  entries.push_back({"../evil", "x"});
  entries.push_back({"demo-1.0.0/../../evil2", "x"});
  entries.push_back({"/etc/passwd-evil", "x"});
  entries.push_back({"demo-1.0.0/link", "", AE_IFLNK, "/etc/passwd"});
  entries.push_back({"demo-1.0.0/hard", "", AE_IFREG, "", "demo-1.0.0/Cargo.toml"});
  entries.push_back({"demo-1.0.0/fifo", "", AE_IFIFO});
  entries.push_back({"demo-1.0.0/dev", "", AE_IFCHR});
  entries.push_back({"other-2.0.0/src/lib.rs", "x"});
  entries.push_back({"loose.txt", "x"});
  entries.push_back({"demo-1.0.0/src/lib.rs", "second copy"});
  entries.push_back({"demo-1.0.0/README.md/sub", "x"});
  entries.push_back({"demo-1.0.0/src", "x"});
  entries.push_back({"demo-1.0.0/a\x1b[31m.rs", "x"});
  auto file = write("demo-1.0.0.crate", build_crate(entries));
  auto crate = CrateArchive::extract(file, {}, temp_.path());
  ASSERT_TRUE(crate) << crate.error();
  const std::string o = file.string() + ": ";
  std::vector<std::string> expected{
      o + "skipped '../evil': path escapes the crate directory",
      o + "skipped 'demo-1.0.0/../../evil2': path escapes the crate directory",
      o + "skipped '/etc/passwd-evil': absolute path",
      o + "skipped 'demo-1.0.0/link': symbolic link (to '/etc/passwd')",
      o + "skipped 'demo-1.0.0/hard': hard link",
      o + "skipped 'demo-1.0.0/fifo': device or special file",
      o + "skipped 'demo-1.0.0/dev': device or special file",
      o + "skipped 'other-2.0.0/src/lib.rs': outside the top directory 'demo-1.0.0'",
      o + "skipped 'loose.txt': outside the top directory 'demo-1.0.0'",
      o + "skipped 'demo-1.0.0/src/lib.rs': duplicate entry",
      o + "skipped 'demo-1.0.0/README.md/sub': a parent directory is a file",
      o + "skipped 'demo-1.0.0/src': a directory of the same name exists",
  };
  ASSERT_GE(crate->warnings().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(crate->warnings()[i], expected[i]);
  // The escape-sequence name is kept as a file but printed harmlessly.
  EXPECT_EQ(crate->warnings().size(), expected.size());
  auto tree = disk_tree(crate->root());
  EXPECT_EQ(tree.at("src/lib.rs"), "pub fn f() {}\n");
  EXPECT_EQ(tree.size(), 5u);
  EXPECT_FALSE(std::filesystem::exists(temp_.path() / "evil"));
  for (auto& e : std::filesystem::recursive_directory_iterator(temp_.path()))
    EXPECT_EQ(e.path().filename().string().find("evil"), std::string::npos) << e.path();
}

TEST_F(CrateArchiveTest, ControlCharactersInNamesArePrintedAsQuestionMarks) {
  auto entries = normal_crate_entries();
  entries.push_back({"demo-1.0.0/x\x1b[31m", "", AE_IFLNK, "/\x07"});
  auto crate = read_crate_in_memory(build_crate(entries), kOrigin);
  ASSERT_TRUE(crate) << crate.error();
  ASSERT_EQ(crate->warnings().size(), 1u);
  EXPECT_EQ(crate->warnings()[0], kOrigin + ": skipped 'demo-1.0.0/x?[31m': symbolic link (to '/?')");
}

TEST_F(CrateArchiveTest, TopDirectoryMustMatchTheFileName) {
  auto file = write("other-9.9.9.crate", build_crate(normal_crate_entries()));
  auto crate = CrateArchive::extract(file, {}, temp_.path());
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), file.string() + ": archive holds no files");
  auto bad_name = write("demo.tar.gz", build_crate(normal_crate_entries()));
  auto refused = CrateArchive::extract(bad_name, {}, temp_.path());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), bad_name.string() + ": not a .crate file name (name-version.crate)");
}

TEST_F(CrateArchiveTest, MissingCargoTomlIsAWarning) {
  auto crate = read_crate_in_memory(build_crate({{"demo-1.0.0/src/lib.rs", "x"}}), kOrigin);
  ASSERT_TRUE(crate) << crate.error();
  ASSERT_EQ(crate->warnings().size(), 1u);
  EXPECT_EQ(crate->warnings()[0], kOrigin + ": no Cargo.toml in 'demo-1.0.0'");
}

TEST_F(CrateArchiveTest, FileSizeLimit) {
  auto entries = normal_crate_entries();
  entries.push_back({"demo-1.0.0/big.bin", std::string(5000, 'a')});
  ArchiveLimits limits;
  limits.max_file_bytes = 4096;
  auto bytes = build_crate(entries);
  auto crate = read_crate_in_memory(bytes, kOrigin, {}, limits);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), kOrigin + ": 'demo-1.0.0/big.bin': file is larger than the limit (4096 bytes)");
  auto on_disk = CrateArchive::extract(write(kOrigin, bytes), limits, temp_.path());
  ASSERT_FALSE(on_disk);
  // Nothing is left behind when extraction fails.
  size_t left = 0;
  for (auto& e : std::filesystem::directory_iterator(temp_.path())) left += e.is_directory();
  EXPECT_EQ(left, 0u);
}

TEST_F(CrateArchiveTest, SizeLimitsCountSkippedEntriesToo) {
  // libarchive inflates a skipped entry's data to get past it, so a bomb
  // behind a path we refuse must still hit the limits.
  ArchiveLimits limits;
  limits.max_file_bytes = 100;
  limits.max_total_bytes = 150;
  auto entries = normal_crate_entries();
  entries.push_back({"../evil", std::string(101, 'x')});
  auto crate = read_crate_in_memory(build_crate(entries), kOrigin, {}, limits);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), kOrigin + ": '../evil': file is larger than the limit (100 bytes)");
  entries.back() = {"../evil", std::string(90, 'x')};
  entries.push_back({"other-1.0.0/x", std::string(90, 'x')});
  crate = read_crate_in_memory(build_crate(entries), kOrigin, {}, limits);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), kOrigin + ": unpacked size exceeds the limit (150 bytes)");
}

TEST_F(CrateArchiveTest, TotalSizeLimit) {
  std::vector<TarEntry> entries{{"demo-1.0.0/Cargo.toml", ""}};
  for (int i = 0; i < 10; ++i) entries.push_back({"demo-1.0.0/f" + std::to_string(i), std::string(1000, 'z')});
  ArchiveLimits limits;
  limits.max_total_bytes = 5500;
  auto crate = read_crate_in_memory(build_crate(entries), kOrigin, {}, limits);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), kOrigin + ": unpacked size exceeds the limit (5500 bytes)");
}

TEST_F(CrateArchiveTest, EntryCountLimit) {
  std::vector<TarEntry> entries{{"demo-1.0.0/Cargo.toml", ""}};
  for (int i = 0; i < 20; ++i) entries.push_back({"demo-1.0.0/f" + std::to_string(i), ""});
  ArchiveLimits limits;
  limits.max_entries = 10;
  auto crate = read_crate_in_memory(build_crate(entries), kOrigin, {}, limits);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), kOrigin + ": too many entries (limit 10)");
}

TEST_F(CrateArchiveTest, CompressionRatioLimit) {
  ArchiveLimits limits;
  limits.ratio_floor_bytes = 1 << 20;
  limits.max_ratio = 50;
  auto bomb = build_crate({{"demo-1.0.0/Cargo.toml", ""}, {"demo-1.0.0/zeros", std::string(8u << 20, '\0')}});
  EXPECT_LT(bomb.size(), 100u << 10);
  auto crate = read_crate_in_memory(bomb, kOrigin, {}, limits);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error(), kOrigin + ": compression ratio exceeds 50:1 (a decompression bomb?)");
}

TEST_F(CrateArchiveTest, TruncatedArchiveIsAClearError) {
  // Cuts into entry data or headers. (Cutting only the gzip trailer or the
  // tar's zero padding loses no content, and libarchive does not notice.)
  auto bytes = build_crate(normal_crate_entries());
  for (size_t keep : {bytes.size() - 9, bytes.size() / 2, size_t{60}, size_t{20}, size_t{5}}) {
    auto crate = read_crate_in_memory(std::string_view(bytes).substr(0, keep), kOrigin);
    ASSERT_FALSE(crate) << keep;
    EXPECT_EQ(crate.error().rfind(kOrigin + ": corrupt or truncated archive: ", 0), 0u) << crate.error();
  }
  auto on_disk = CrateArchive::extract(write(kOrigin, bytes.substr(0, bytes.size() / 2)), {}, temp_.path());
  ASSERT_FALSE(on_disk);
  EXPECT_EQ(on_disk.error().rfind(temp_.path().string() + "/" + kOrigin + ": corrupt or truncated archive: ", 0), 0u)
      << on_disk.error();
}

TEST_F(CrateArchiveTest, GarbageAndEmptyInput) {
  std::string garbage;
  uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((x = x * 1103515245 + 12345) >> 24);
  auto crate = read_crate_in_memory(garbage, kOrigin);
  ASSERT_FALSE(crate);
  EXPECT_EQ(crate.error().rfind(kOrigin + ": corrupt or truncated archive: ", 0), 0u) << crate.error();
  auto empty = read_crate_in_memory("", kOrigin);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error(), kOrigin + ": empty file");
  auto missing = CrateArchive::extract(temp_.path() / "nope-1.0.0.crate", {}, temp_.path());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().rfind((temp_.path() / "nope-1.0.0.crate").string() + ": cannot open: ", 0), 0u)
      << missing.error();
}

TEST_F(CrateArchiveTest, UncompressedTarIsAccepted) {
  auto crate = read_crate_in_memory(build_crate(normal_crate_entries(), false), kOrigin);
  ASSERT_TRUE(crate) << crate.error();
  EXPECT_EQ(crate->summary.files.size(), 4u);
}

TEST_F(CrateArchiveTest, InMemoryModeEqualsOnDiskMode) {
  auto entries = normal_crate_entries();
  entries.push_back({"../evil", "x"});
  entries.push_back({"demo-1.0.0/link", "", AE_IFLNK, "../../x"});
  entries.push_back({"demo-1.0.0/./src/./dotted.rs", "dotted"});
  entries.push_back({"demo-1.0.0//double//slash.rs", "slashes"});
  entries.push_back({"demo-1.0.0/" + std::string(300, 'n'), "long"});
  auto bytes = build_crate(entries);
  auto memory = read_crate_in_memory(bytes, kOrigin, "demo-1.0.0");
  ASSERT_TRUE(memory) << memory.error();
  auto disk = CrateArchive::extract_bytes(bytes, kOrigin, "demo-1.0.0", {}, temp_.path());
  ASSERT_TRUE(disk) << disk.error();
  EXPECT_EQ(memory->root, "/demo-1.0.0");
  EXPECT_EQ(memory_tree(*memory), disk_tree(disk->root()));
  EXPECT_EQ(memory->warnings(), disk->warnings());
  EXPECT_EQ(memory->summary.files, disk->summary().files);
  EXPECT_EQ(memory_tree(*memory).at("src/dotted.rs"), "dotted");
  EXPECT_EQ(memory->warnings().back(), kOrigin + ": skipped 'demo-1.0.0/" + std::string(300, 'n') + "': path too long");
}
