#include "crates/crate_targets.hpp"

#include <algorithm>
#include <filesystem>

namespace cratescope::crates {

namespace {

void set_target(std::vector<model::TargetSpec>& targets, model::TargetKind kind, const std::string& name,
                const std::string& root) {
  auto same = [&](const model::TargetSpec& t) {
    return t.kind == kind && (kind != model::TargetKind::bin || t.name == name);
  };
  auto found = std::find_if(targets.begin(), targets.end(), same);
  if (found != targets.end()) {
    found->root = root;
  } else {
    targets.push_back({kind, name, root});
  }
}

}  // namespace

std::vector<model::TargetSpec> crate_targets(const FileSystem& files, const std::string& crate_dir,
                                             const load::PackageInfo* package) {
  auto targets = model::conventional_targets(files, crate_dir);
  if (!package) return targets;
  std::filesystem::path dir(crate_dir);
  auto under_crate = [&](const std::string& path) { return (dir / path).lexically_normal().generic_string(); };
  if (package->lib_path && files.is_file(under_crate(*package->lib_path)))
    set_target(targets, model::TargetKind::lib, "lib", under_crate(*package->lib_path));
  for (const auto& [name, path] : package->bin_paths)
    if (files.is_file(under_crate(path))) set_target(targets, model::TargetKind::bin, name, under_crate(path));
  if (package->build_script_disabled) {
    std::erase_if(targets, [](const auto& t) { return t.kind == model::TargetKind::build_script; });
  } else if (package->build_script && files.is_file(under_crate(*package->build_script))) {
    set_target(targets, model::TargetKind::build_script, "build-script-build", under_crate(*package->build_script));
  }
  return targets;
}

}  // namespace cratescope::crates
