#pragma once
// A vendored package (`cargo vendor` output) checked as Cargo checks it before
// building from a directory source: every file `.cargo-checksum.json` lists
// must still have its sha256, and its "package" sum must be the one Cargo.lock
// pins. Files it does not list are allowed by Cargo and never checked, so a
// file added after vendoring (a `build.rs` Cargo would discover and run, a
// module) is said too.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/file_system.hpp"

namespace cratescope::sources {

struct VendorCheck {
  // Why the directory is not what was vendored for the package (a listed file
  // changed or gone, another .crate's sum): it is not analysed as that package.
  std::optional<std::string> mismatch;
  // What could not be checked, and files the checksum file does not list.
  std::vector<std::string> warnings;
};

struct VendorCheckLimits {
  size_t max_checksum_file_bytes = 64u << 20;
  size_t max_file_bytes = 64u << 20;  // a larger listed file is not hashed (a warning says so)
  size_t max_unlisted_shown = 10;     // the rest are counted
};

// `dir` is the vendored crate root; `package` ("name version") and `locked`
// (Cargo.lock's checksum, may be empty) are for the package check and messages.
VendorCheck check_vendored_package(const FileSystem& files, const std::filesystem::path& dir,
                                   const std::string& package, const std::string& locked,
                                   const VendorCheckLimits& limits = {});

}  // namespace cratescope::sources
