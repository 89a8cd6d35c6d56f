#pragma once
// Which target a dependency edge applies to: `[target.'cfg(...)'.dependencies]`
// and `[target.x86_64-pc-windows-gnu.dependencies]`, evaluated against the
// target the user asks about (--target). Three-valued: what the target does
// not say (features, target_env when unknown, ...) is `unknown`, and an
// unknown edge is kept, never silently dropped.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace cratescope {

struct TargetPlatform {
  std::string triple;  // may be empty when only os/arch were given
  std::string os;      // Rust target_os names: linux, windows, macos, ...
  std::string arch;    // Rust target_arch names: x86_64, x86, aarch64, arm, wasm32, ...
  std::string env;     // gnu, msvc, musl, ... (empty: unknown)

  bool empty() const { return os.empty() && arch.empty() && triple.empty(); }
  // From a triple such as x86_64-unknown-linux-gnu or i686-pc-windows-msvc.
  static TargetPlatform from_triple(std::string_view triple);
  std::string family() const;  // "unix", "windows", "wasm" or ""
  std::string pointer_width() const;  // "64", "32" or "" (unknown)
  std::string endian() const;         // "big", "little" or "" (unknown)
  std::string describe() const;       // the triple, or "os arch"
  // What from_triple could not read from the triple (a typo, a new target),
  // as a warning; empty when the architecture and the OS are known.
  std::string unrecognized() const;
};

enum class Tristate { no, yes, unknown };

// `spec` is what stands after `target.` in a manifest: a cfg(...) expression
// or a target triple. A malformed expression is an error.
Expected<Tristate> target_matches(std::string_view spec, const TargetPlatform& platform);

// What a `#[cfg(...)]` in a crate's code is evaluated against: the target
// platform (empty: any) and the crate's enabled features (none: unknown).
// Builds never set `doc`, `doctest` or `miri`; `test` is false for a crate
// built as a dependency (Cargo sets it only for the crate under test) and
// unknown otherwise; `debug_assertions` and custom `--cfg` flags (build.rs
// output) stay unknown.
struct CfgFacts {
  TargetPlatform platform;
  std::optional<std::set<std::string>> features;
  bool as_dependency = false;  // built for another crate: `cfg(test)` is false
  // False when nothing is known: every cfg but doc/doctest/miri is unknown.
  bool narrows() const { return !platform.empty() || features.has_value() || as_dependency; }
};

// `predicate` is the inside of `cfg(...)`: `unix`, `all(feature = "std", not(windows))`.
Expected<Tristate> cfg_holds(std::string_view predicate, const CfgFacts& facts);

}  // namespace cratescope
