#pragma once
// Finding a git dependency's source in Cargo's checkouts:
// $CARGO_HOME/git/checkouts/<repo>-<hash>/<short commit>/, where the package
// may sit anywhere in the repository (often a workspace member). Best effort:
// the <hash> is Cargo's hash of the canonical URL, which we do not recompute,
// so every checkout of a repository with that name is tried.
#include <filesystem>
#include <optional>
#include <string>

#include "core/file_system.hpp"
#include "load/lockfile.hpp"

namespace cratescope::sources {

struct GitLookup {
  std::optional<std::filesystem::path> dir;  // the package's directory
  std::string reason;                        // why not, when not found
};

GitLookup find_git_checkout(const FileSystem& files, const std::filesystem::path& cargo_home,
                            const load::SourceId& source, const std::string& name, const semver::Version& version);

// "https://github.com/o/Repo.git" -> "repo": the <repo> part of the directory name.
std::string git_repository_ident(const std::string& url);

}  // namespace cratescope::sources
