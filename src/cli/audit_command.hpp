#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "load/feature_selection.hpp"

namespace cratescope::cli {

struct CommonOptions {
  std::string color = "auto";
  bool time = false;
  bool quiet = false;
  size_t threads = 0;
};

struct AuditCommandOptions {
  std::string project = ".";
  std::string db;
  std::string format = "text";
  std::string output;
  std::vector<std::string> ignore;
  std::string fail_on = "vulnerability";
  std::string target;  // a triple, or empty
  std::string target_os, target_arch;
  std::string index;
  bool no_yanked = false;
  bool no_reachability = false;  // skip the call graph (verdicts stay absent)
  bool use_cargo = false;
  load::FeatureSelection features;  // the members' features: which optional dependencies count
  bool include_withdrawn = false;
  bool exclude_dev = false;
  bool exclude_build = false;
  bool no_cache = false;
  bool verbose = false;
  std::string today;  // hidden: fixes "today" for reproducible tests
};

void add_audit_command(CLI::App& app, AuditCommandOptions& options);
int run_audit_command(const AuditCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
