#pragma once
// The sha256 Cargo.lock pins for a registry package, checked against the
// .crate file it would be built from: a cached .crate that differs from the
// one the lockfile names (tampered with, or corrupt) is not analysed as if
// it were that package.
#include <optional>
#include <string>
#include <string_view>

namespace cratescope::sources {

// Lower-case hex sha256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// A lockfile checksum that is a sha256 (64 hex digits); other strings (Debian
// writes some) say nothing that can be checked.
bool is_sha256_hex(std::string_view checksum);
// Two sha256s that are the same (written in either case); false when either is not one.
bool same_sha256(std::string_view a, std::string_view b);

// Why `bytes` (read from `crate_file`) are not the .crate Cargo.lock pins for
// `package`; nothing when they are, or when `locked` cannot be checked.
std::optional<std::string> crate_checksum_mismatch(std::string_view bytes, const std::string& crate_file,
                                                   const std::string& package, std::string_view locked);

}  // namespace cratescope::sources
