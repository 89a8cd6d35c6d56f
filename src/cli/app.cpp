#include "cli/app.hpp"

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"
#include "cli/capabilities_command.hpp"
#include "cli/scan_command.hpp"
#include "cli/why_command.hpp"
#include "cli/quarantine_command.hpp"
#include "cli/db_command.hpp"
#include "cli/index_command.hpp"
#include "cli/query_command.hpp"
#include "cli/exit_codes.hpp"

namespace cratescope::cli {

namespace {

// Invoked as `cargo cratescope ...`, cargo passes "cratescope" as the first argument.
bool invoked_by_cargo(int argc, char** argv) {
  std::string self = argv[0];
  return argc > 1 && self.size() >= 16 && self.substr(self.size() - 16) == "cargo-cratescope" &&
         std::string(argv[1]) == "cratescope";
}

}  // namespace

int run(int argc, char** argv) {
  if (invoked_by_cargo(argc, argv)) {
    --argc;
    ++argv;
  }
  CLI::App app{"cratescope " CRATESCOPE_VERSION
               ": supply-chain security for Rust projects, from source, offline.\n"
               "It never builds a crate nor runs a build script.",
               "cratescope"};
  app.footer(
      "Exit codes: 0 nothing found at or above --fail-on, 1 findings at or above --fail-on,\n"
      "            2 usage error or input that could not be used.\n"
      "Run `cratescope COMMAND --help` for a command's options.");
  app.set_version_flag("-V,--version", "cratescope " CRATESCOPE_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand

  CommonOptions common;
  app.add_option("--color", common.color, "Colour: auto (terminals only), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("--time", common.time, "Print the time each pass took (on standard error)");
  app.add_flag("-q,--quiet", common.quiet, "Only print the report and errors");
  app.add_option("-j,--threads", common.threads, "Threads to use (default: all cores)");

  AuditCommandOptions audit;
  add_audit_command(app, audit);
  CapabilitiesCommandOptions capabilities;
  add_capabilities_command(app, capabilities);
  ScanCommandOptions scan;
  add_scan_command(app, scan);
  QuarantineCommandOptions quarantine;
  add_quarantine_command(app, quarantine);
  WhyCommandOptions why;
  add_why_command(app, why);
  DbCommandOptions db;
  add_db_command(app, db);
  IndexCommandOptions index;
  add_index_command(app, index);
  QueryCommandOptions query;
  add_query_command(app, query);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? kExitClean : kExitError;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? kExitClean : kExitError;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  if (app.got_subcommand("audit")) return run_audit_command(audit, common);
  if (app.got_subcommand("capabilities")) return run_capabilities_command(capabilities, common);
  if (app.got_subcommand("scan")) return run_scan_command(scan, common);
  if (app.got_subcommand("quarantine")) return run_quarantine_command(quarantine, common);
  if (app.got_subcommand("why")) return run_why_command(why, common);
  if (app.got_subcommand("db")) return run_db_command(db, common);
  if (app.got_subcommand("index")) return run_index_command(index, common);
  if (app.got_subcommand("query")) return run_query_command(query, common);
  return kExitError;
}

}  // namespace cratescope::cli
