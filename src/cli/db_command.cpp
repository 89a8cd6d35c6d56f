#include "cli/db_command.hpp"

#include <iostream>
#include <unistd.h>

#include "advisory/database.hpp"
#include "advisory/update.hpp"
#include "cli/exit_codes.hpp"
#include "cli/terminal.hpp"

namespace cratescope::cli {

void add_db_command(CLI::App& app, DbCommandOptions& o) {
  auto* db = app.add_subcommand("db", "Manage the advisory database");
  db->require_subcommand(1);
  auto add_db_option = [&](CLI::App* cmd) {
    cmd->add_option("--db", o.db, "Advisory database directory (default: ~/.cargo/advisory-db)");
  };
  auto* update = db->add_subcommand("update", "Clone the RustSec advisory database, or pull its latest advisories");
  add_db_option(update);
  update->add_option("--url", o.url, "Where to fetch it from")->capture_default_str();
  update->callback([&o] { o.action = "update"; });
  auto* info = db->add_subcommand("info", "Describe the advisory database: path, commit, date, advisory count, errors");
  add_db_option(info);
  info->callback([&o] { o.action = "info"; });
}

int run_db_command(const DbCommandOptions& o, const CommonOptions& common) {
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers, common.threads};
  ColorMode mode = ColorMode::automatic;
  parse_color_mode(common.color, mode);
  bool color = use_color(mode, STDERR_FILENO);
  fs::path path = o.db.empty() ? advisory::default_database_path() : fs::path(o.db);

  if (o.action == "update") {
    auto summary = advisory::update_database(path, o.url, ctx);
    for (auto& d : diagnostics.all()) std::cerr << format_diagnostic(d, color);
    if (!summary) {
      std::cerr << format_diagnostic({DiagnosticLevel::error, {}, summary.error(), ""}, color);
      return kExitError;
    }
    std::cout << summary->to_string() << "\n";
    return kExitClean;
  }

  auto db = advisory::load_database(path, {}, ctx);
  for (auto& d : diagnostics.all()) std::cerr << format_diagnostic(d, color);
  if (!db) {
    std::cerr << format_diagnostic({DiagnosticLevel::error, {path.string(), {}},
                                    "no advisory database here; fetch one with `cratescope db update`", ""},
                                   color);
    return kExitError;
  }
  std::cout << "path:       " << db->info.path << "\n"
            << "commit:     " << (db->info.commit.empty() ? "(not a git checkout)" : db->info.commit) << "\n"
            << "date:       " << (db->info.commit_date.empty() ? "(unknown)" : db->info.commit_date) << "\n"
            << "advisories: " << db->info.advisory_count << "\n"
            << "errors:     " << diagnostics.error_count() << "\n";
  if (common.time) std::cerr << timers.format();
  return diagnostics.has_errors() ? kExitError : kExitClean;
}

}  // namespace cratescope::cli
