#pragma once
// Many crates scanned in parallel: a project's locked packages, a registry
// directory (Debian's corpus, a Cargo registry cache of .crate files), or one
// crate. A .crate is unpacked into a temporary directory the run owns; one
// that cannot be unpacked safely (path traversal, links, bombs) is itself
// a finding, since honest packaging never produces one.
#include <functional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "scan/crate_scan.hpp"

namespace cratescope::scan {

struct ScanTarget {
  std::string label;            // what the user knows it as: `tar 0.4.38`, a path
  std::string dir;              // a crate directory, or
  std::string crate_file;       // a .crate to unpack first
  std::string missing_reason;   // non-empty: the source was not found (a project's package)
  std::string name, version;    // expected identity (from a lockfile), when known
  bool workspace_member = false;  // the user's own crate: its target/ is skipped
};

struct ScanRunResult {
  std::vector<CrateScan> crates;          // in target order
  std::vector<ScanTarget> missing;        // not scanned: no source
  size_t files = 0, bytes = 0;
  double seconds = 0;
};

using ScanProgress = std::function<void(size_t done, size_t total, const std::string& label)>;

ScanRunResult scan_targets(const Context& context, const ScanRules& rules, const std::vector<ScanTarget>& targets,
                           const ScanOptions& options, const ScanProgress& progress = {});

// Every crate of a registry directory: `name-version/` directories holding a
// Cargo.toml and `*.crate` files, also one level down (a Cargo home's
// registry/cache/<index>/). Sorted by path.
std::vector<ScanTarget> registry_targets(const std::string& registry_dir);

// Whether `dir` looks like a registry (crates inside it) rather than a crate.
bool looks_like_registry(const std::string& dir);

}  // namespace cratescope::scan
