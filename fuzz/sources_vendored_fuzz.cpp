// Arbitrary bytes as a vendored package's .cargo-checksum.json: every input
// must give a verdict or a warning, never a crash or a hang, and never a read
// outside the package directory, whatever paths the file lists.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file_system.hpp"
#include "sources/vendored_checksums.hpp"

namespace {

namespace fs = std::filesystem;
const std::string kPackage = "/v/pkg";

// Traps on any read outside the package: neither a listed `../x` nor a
// link out of it (`src/link.rs -> ../../secret`) may be followed.
class ConfinedFiles final : public cratescope::FileSystem {
 public:
  explicit ConfinedFiles(const cratescope::MemoryFileSystem& inner) : inner_(inner) {}
  cratescope::Expected<std::string> read_file(const fs::path& path, size_t max_bytes) const override {
    fs::path read = path;
    if (auto target = inner_.symlink_target(path)) read = target->is_absolute() ? *target : path.parent_path() / *target;
    std::string normal = read.lexically_normal().generic_string();
    if (normal.rfind(kPackage + "/", 0) != 0) __builtin_trap();
    return inner_.read_file(path, max_bytes);
  }
  std::optional<fs::path> symlink_target(const fs::path& path) const override { return inner_.symlink_target(path); }
  bool is_file(const fs::path& path) const override { return inner_.is_file(path); }
  bool is_directory(const fs::path& path) const override { return inner_.is_directory(path); }
  std::vector<fs::path> list_directory(const fs::path& dir) const override { return inner_.list_directory(dir); }

 private:
  const cratescope::MemoryFileSystem& inner_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cratescope::MemoryFileSystem memory;
  memory.add_file(kPackage + "/Cargo.toml", "[package]\nname = \"pkg\"\nversion = \"1.0.0\"\n");
  memory.add_file(kPackage + "/src/lib.rs", "pub fn f() {}\n");
  memory.add_file("/v/secret", "outside the package");
  memory.add_symlink(kPackage + "/src/link.rs", "../../secret");
  memory.add_symlink(kPackage + "/src/alias.rs", "lib.rs");
  memory.add_file(kPackage + "/.cargo-checksum.json", std::string(reinterpret_cast<const char*>(data), size));
  ConfinedFiles files(memory);
  cratescope::sources::VendorCheckLimits limits;
  limits.max_file_bytes = 1u << 20;
  auto check = cratescope::sources::check_vendored_package(
      files, kPackage, "pkg 1.0.0", "3b6d4e5f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5", limits);
  if (check.mismatch && check.mismatch->empty()) __builtin_trap();
  return 0;
}
