#pragma once
// A Cargo workspace on disk: the root manifest and every member's manifest,
// with `workspace = true` inheritance resolved.
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "load/lockfile.hpp"
#include "load/manifest.hpp"

namespace cratescope::load {

struct Workspace {
  fs::path root;                  // directory of the root Cargo.toml
  Manifest root_manifest;
  std::vector<Manifest> members;  // includes the root package when it has one
  // Path dependencies of members that are not members themselves.
  std::vector<Manifest> path_dependencies;
  std::optional<Lockfile> lockfile;  // root/Cargo.lock, when present and valid
};

// `start` may be a directory or a Cargo.toml; walks up to the workspace root
// as Cargo does. Problems go to ctx.diagnostics.
std::optional<Workspace> load_workspace(const fs::path& start, Context& ctx);

}  // namespace cratescope::load
