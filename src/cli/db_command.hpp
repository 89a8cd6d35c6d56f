#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"

namespace cratescope::cli {

struct DbCommandOptions {
  std::string action;  // "update" or "info"
  std::string db;
  std::string url = "https://github.com/rustsec/advisory-db.git";
  unsigned timeout_seconds = 30;  // advisory::kDefaultTransferTimeout
};

void add_db_command(CLI::App& app, DbCommandOptions& options);
int run_db_command(const DbCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
