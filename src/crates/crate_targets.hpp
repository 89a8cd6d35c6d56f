#pragma once
// A crate's targets: Cargo's conventions, corrected by what Cargo.toml says
// ([lib] path, [[bin]] path, `build = "..."`, `build = false`).
#include <string>
#include <vector>

#include "core/file_system.hpp"
#include "load/manifest.hpp"
#include "model/crate_model.hpp"

namespace cratescope::crates {

std::vector<model::TargetSpec> crate_targets(const FileSystem& files, const std::string& crate_dir,
                                             const load::PackageInfo* package);

}  // namespace cratescope::crates
