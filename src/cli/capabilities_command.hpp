#pragma once
// `cratescope capabilities` (alias `unsafe`): unsafe code and capabilities of
// a project's packages, of one crate, or what an update changes (--diff).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"
#include "load/feature_selection.hpp"

namespace cratescope::cli {

struct CapabilitiesCommandOptions {
  std::string input = ".";            // project dir, Cargo.toml, Cargo.lock, crate dir or .crate
  std::vector<std::string> diff;      // OLD NEW
  bool crate_mode = false;            // analyse `input` as one crate, not as a project
  std::string format = "text";
  std::string output;
  std::vector<std::string> packages;  // only these (by name)
  bool details = false;
  bool tests = false;                 // also tests/, examples/, benches/ and #[cfg(test)] code
  bool exclude_dev = false;
  bool exclude_build = false;
  bool use_cargo = false;
  std::string target;                 // the build for this triple: its cfgs, its packages
  load::FeatureSelection features;    // of the members, for the build's view
  std::string fail_on = "none";
  bool verbose = false;
  bool reachable = false;             // build the call graph: can the workspace call each site?
  bool no_cache = false;              // --reachable: model every crate again (no call-graph cache)
};

void add_capabilities_command(CLI::App& app, CapabilitiesCommandOptions& options);
int run_capabilities_command(const CapabilitiesCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
