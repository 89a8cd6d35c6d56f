#pragma once
// `cratescope why FUNCTION`: every way the workspace's code reaches a
// function of a dependency (the shortest call path per context), from the
// call graph, for users who want to know how they reach something.
#include <string>

#include <CLI/CLI.hpp>

#include "load/feature_selection.hpp"

#include "cli/audit_command.hpp"

namespace cratescope::cli {

struct WhyCommandOptions {
  std::string function;  // `tar::Archive::unpack` or `tar@0.4.38::Archive::unpack`
  std::string project = ".";
  std::string format = "text";
  std::string output;
  bool use_cargo = false;
  load::FeatureSelection features;  // the members' features: which optional dependencies count
  bool no_cache = false;
  std::string target;  // a triple: the call graph of a build for it (empty: every platform)
};

void add_why_command(CLI::App& app, WhyCommandOptions& options);
// Exit codes: 0 reachable, 1 not reachable (or only unknown), 2 usage or input error.
int run_why_command(const WhyCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
