#pragma once
// `cratescope quarantine`: what `scan --quarantine STORE` held back, and the
// reviewers' decisions on it (release a false alarm, confirm a malicious one).
#include <string>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"

namespace cratescope::cli {

struct QuarantineCommandOptions {
  std::string verb;  // list, release, confirm
  std::string store = "quarantine.sqlite";
  std::string format = "text";
  bool all = false;
  std::string name, version, reviewer, reason;
};

void add_quarantine_command(CLI::App& app, QuarantineCommandOptions& options);
int run_quarantine_command(const QuarantineCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
