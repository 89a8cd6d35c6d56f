#include "cli/db_command.hpp"

#include <iostream>
#include <unistd.h>

#include "advisory/database.hpp"
#include "advisory/update.hpp"
#include "cli/command_session.hpp"
#include "cli/exit_codes.hpp"

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
  update->add_option("--timeout", o.timeout_seconds,
                     "Give up when the server sends nothing for this many seconds (0: wait for ever)")
      ->check(CLI::Range(0u, 86400u))
      ->capture_default_str();
  update->callback([&o] { o.action = "update"; });
  auto* info = db->add_subcommand("info", "Describe the advisory database: path, commit, date, advisory count, errors");
  add_db_option(info);
  info->callback([&o] { o.action = "info"; });
}

int run_db_command(const DbCommandOptions& o, const CommonOptions& common) {
  CommandSession session(common);
  fs::path path = o.db.empty() ? advisory::default_database_path() : fs::path(o.db);

  if (o.action == "update") {
    auto summary = advisory::update_database(path, o.url, session.ctx, std::chrono::seconds(o.timeout_seconds));
    session.print_new_diagnostics();
    if (!summary) {
      session.print_error("", summary.error());
      return kExitError;
    }
    std::cout << summary->to_string() << "\n";
    return kExitClean;
  }

  auto db = advisory::load_database(path, {}, session.ctx);
  session.print_new_diagnostics();
  if (!db) {
    session.report_missing_database(path);
    return kExitError;
  }
  std::cout << "path:       " << db->info.path << "\n"
            << "commit:     " << (db->info.commit.empty() ? "(not a git checkout)" : db->info.commit) << "\n"
            << "date:       " << (db->info.commit_date.empty() ? "(unknown)" : db->info.commit_date) << "\n"
            << "advisories: " << db->info.advisory_count << "\n"
            << "errors:     " << session.diagnostics.error_count() << "\n";
  if (common.time) std::cerr << session.timers.format();
  return session.diagnostics.has_errors() ? kExitError : kExitClean;
}

}  // namespace cratescope::cli
