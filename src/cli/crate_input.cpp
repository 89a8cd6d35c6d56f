#include "cli/crate_input.hpp"

namespace cratescope::cli {

bool is_lockfile(const std::string& path) { return fs::path(path).extension() == ".lock"; }
bool is_crate_file(const std::string& path) { return fs::path(path).extension() == ".crate"; }

bool looks_like_project(const std::string& input) {
  if (is_crate_file(input)) return false;
  if (is_lockfile(input) || fs::path(input).filename() == "Cargo.toml") return true;
  for (fs::path dir = fs::absolute(input).lexically_normal(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / "Cargo.lock")) return true;
    if (dir == dir.parent_path()) break;
  }
  return false;
}

Expected<CrateInput> CrateInput::open(const std::string& path) {
  CrateInput in;
  if (is_crate_file(path)) {
    auto archive = sources::CrateArchive::extract(path);
    if (!archive) return unexpected(path + ": " + archive.error());
    in.archive_.emplace(std::move(*archive));
    in.dir_ = in.archive_->root().generic_string();
    in.warnings_ = in.archive_->warnings();
  } else if (fs::is_directory(path)) {
    in.dir_ = fs::path(path).lexically_normal().generic_string();
    if (in.dir_.size() > 1 && in.dir_.ends_with('/')) in.dir_.pop_back();
  } else {
    return unexpected(path + ": not a crate directory or .crate file");
  }
  return in;
}

}  // namespace cratescope::cli
