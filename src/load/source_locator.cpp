#include "load/source_locator.hpp"

#include "core/cargo_home.hpp"

#include <cstdlib>

#include "load/manifest.hpp"

namespace cratescope::load {

void SourceLocator::add_root(fs::path dir) {
  if (files_.is_directory(dir)) roots_.push_back(std::move(dir));
}

void SourceLocator::add_default_roots(const fs::path& project_root) {
  add_root(project_root / "vendor");
  if (auto home = default_cargo_home(); !home.empty()) {
    for (auto& registry : files_.list_directory(home / "registry" / "src")) add_root(registry);
  }
  add_root("/usr/share/cargo/registry");
}

// `cargo vendor` names a directory after the crate alone when only one
// version is vendored, so the version has to be read from its manifest.
static bool manifest_has_version(const FileSystem& files, const fs::path& dir, const std::string& name,
                                 const semver::Version& version) {
  auto text = files.read_file(dir / "Cargo.toml", 16u << 20);
  if (!text) return false;
  Diagnostics ignored;
  auto manifest = parse_manifest(*text, (dir / "Cargo.toml").string(), ignored);
  if (!manifest || !manifest->package || manifest->package->name != name) return false;
  auto parsed = semver::Version::parse(manifest->package->version);
  return parsed && *parsed == version;
}

std::optional<fs::path> SourceLocator::locate(const std::string& name, const semver::Version& version) const {
  // Cargo names registry sources with the full version; Debian's directory
  // registry drops build metadata (libgit2-sys-0.14.1 for 0.14.1+1.5.0).
  semver::Version without_build = version;
  without_build.build.clear();
  const std::string versioned = name + "-" + version.to_string();
  const std::string plain = name + "-" + without_build.to_string();
  for (auto& root : roots_) {
    if (files_.is_file(root / versioned / "Cargo.toml")) return root / versioned;
    if (plain != versioned && files_.is_file(root / plain / "Cargo.toml")) return root / plain;
    fs::path bare = root / name;
    if (files_.is_file(bare / "Cargo.toml") && manifest_has_version(files_, bare, name, version)) return bare;
  }
  return std::nullopt;
}

}  // namespace cratescope::load
