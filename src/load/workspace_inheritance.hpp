#pragma once
// `workspace = true` in a member: dependencies from [workspace.dependencies]
// and package fields from [workspace.package]. Internal to the load module.
#include <string_view>

#include "core/diagnostics.hpp"
#include "core/file_system.hpp"
#include "load/manifest.hpp"

namespace cratescope::load {

// Resolves every inherited dependency and package field of `member` (whose
// text is `member_text`) against `workspace`, declared in the Cargo.toml in
// `root_dir`. `workspace` null: there is none, so inheriting is an error.
void resolve_inheritance(Manifest& member, std::string_view member_text, const WorkspaceInfo* workspace,
                         const fs::path& root_dir, Diagnostics& diagnostics);

}  // namespace cratescope::load
