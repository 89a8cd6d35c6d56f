#pragma once
// Finding the workspace root of a package the way Cargo does. Internal to the
// load module.
#include "core/diagnostics.hpp"
#include "load/manifest_loader.hpp"

namespace cratescope::load {

inline constexpr const char* kManifestFileName = "Cargo.toml";

// The Cargo.toml `start` designates: the file itself, or the nearest
// Cargo.toml in `start` or a parent directory (Cargo's search from the
// current directory). Reports and returns nullopt when there is none.
std::optional<fs::path> locate_manifest(const fs::path& start, const FileSystem& files, Diagnostics& diagnostics);

// The root manifest Cargo would choose for `manifest_path`: itself when it
// has [workspace]; the target of `package.workspace`; else the nearest
// ancestor Cargo.toml with [workspace] that does not exclude it; else itself.
// Membership is not checked here.
fs::path find_root_candidate(const fs::path& manifest_path, ManifestLoader& loader);

// Cargo's rule: `dir` is excluded when it lies under an `exclude` entry and
// not under a `members` entry (taken literally).
bool is_excluded(const WorkspaceInfo& workspace, const fs::path& root_dir, const fs::path& dir);

}  // namespace cratescope::load
