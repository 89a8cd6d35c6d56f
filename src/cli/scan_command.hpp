#pragma once
// `cratescope scan`: malicious code, leaked secrets, typosquats, bundled
// binaries and packaging problems in one crate, a project's dependencies or
// a whole registry directory. Nothing is built or run.
#include <string>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"

namespace cratescope::cli {

struct ScanCommandOptions {
  std::string input = ".";  // project, crate dir, .crate, or registry dir
  bool crate_mode = false;
  bool registry_mode = false;
  std::string format = "text";
  std::string output;
  std::string popular;       // a file of popular crate names (one per line) instead of the shipped list
  bool no_typosquat = false;
  bool exclude_dev = false;
  bool exclude_build = false;
  bool use_cargo = false;
  std::string fail_on = "malicious";  // none, suspicious, malicious
  std::string quarantine;             // SQLite store to record verdicts in
  std::string repository;             // a clone to compare the package with
  std::string repositories;           // a directory of clones named after crates
  std::string yara_rules;             // a directory of the user's own YARA rules
  bool verbose = false;
  bool no_cache = false;
};

void add_scan_command(CLI::App& app, ScanCommandOptions& options);
int run_scan_command(const ScanCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
