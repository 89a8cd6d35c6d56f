#include "load/workspace_root.hpp"

#include <system_error>

namespace cratescope::load {

std::optional<fs::path> locate_manifest(const fs::path& start, const FileSystem& files, Diagnostics& diagnostics) {
  std::error_code ignored;
  fs::path path = normalized(start.is_absolute() ? start : fs::absolute(start, ignored));
  if (files.is_file(path)) return path;
  for (fs::path dir = path;; dir = dir.parent_path()) {
    if (files.is_file(dir / kManifestFileName)) return dir / kManifestFileName;
    if (dir == dir.parent_path() || dir.empty()) break;
  }
  diagnostics.error(path.generic_string(), "", {}, "could not find Cargo.toml here or in any parent directory");
  return std::nullopt;
}

bool is_excluded(const WorkspaceInfo& workspace, const fs::path& root_dir, const fs::path& dir) {
  auto under_any = [&](const std::vector<std::string>& entries) {
    for (const std::string& entry : entries)
      if (is_within(dir, root_dir / entry)) return true;
    return false;
  };
  return under_any(workspace.exclude) && !under_any(workspace.members);
}

fs::path find_root_candidate(const fs::path& manifest_path, ManifestLoader& loader) {
  const LoadedManifest* loaded = loader.load(manifest_path);
  if (!loaded || loaded->manifest.workspace) return manifest_path;
  fs::path package_dir = manifest_path.parent_path();
  if (loaded->manifest.package && loaded->manifest.package->workspace_root)
    return normalized(package_dir / *loaded->manifest.package->workspace_root / kManifestFileName);
  for (fs::path dir = package_dir; dir != dir.parent_path() && !dir.empty();) {
    dir = dir.parent_path();
    fs::path candidate = dir / kManifestFileName;
    if (!loader.files().is_file(candidate)) continue;
    const LoadedManifest* ancestor = loader.load(candidate);
    if (ancestor && ancestor->manifest.workspace && !is_excluded(*ancestor->manifest.workspace, dir, package_dir))
      return candidate;
  }
  return manifest_path;
}

}  // namespace cratescope::load
