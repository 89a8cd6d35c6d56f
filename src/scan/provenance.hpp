#pragma once
// What a package says of where it came from: `.cargo_vcs_info.json`, which
// `cargo publish` writes with the commit it packaged. Missing, unreadable or
// "dirty" (published with uncommitted changes) vcs info means the package
// cannot be tied to its repository. With a local clone of the repository, the
// package's files are compared with the commit's: a file that is in the
// package but not in the commit, or differs from it, was added at packaging
// time, where nobody reviews it (a build.rs most of all).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "scan/scan_finding.hpp"

namespace cratescope::scan {

struct VcsInfo {
  std::string commit;  // sha1
  bool dirty = false;
  std::string path_in_vcs;
};

// nullopt with `error` set when the file is not the JSON cargo writes.
std::optional<VcsInfo> parse_vcs_info(std::string_view text, std::string& error);

void vcs_info_findings(std::string_view file, std::string_view text, std::vector<ScanFinding>& out);
ScanFinding missing_vcs_info_finding();

// The package's `files` (relative to `crate_dir`) against the clone at
// `repository`, at the commit and sub-directory `info` names. `build_time`:
// files that run at build time (weigh more). Findings go to `out`; an error
// when the clone cannot be read at all.
Expected<bool> compare_with_repository(const std::string& crate_dir, const std::vector<std::string>& files,
                                       const VcsInfo& info, const std::string& repository,
                                       const std::set<std::string>& build_time, std::vector<ScanFinding>& out);

}  // namespace cratescope::scan
