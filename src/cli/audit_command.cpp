#include "cli/audit_command.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "advisory/database.hpp"
#include "audit/audit.hpp"
#include "audit/fail_policy.hpp"
#include "audit/reachability.hpp"
#include "sources/project_sources.hpp"
#include "cli/command_session.hpp"
#include "cli/exit_codes.hpp"
#include "cli/project_call_graph.hpp"
#include "cli/project_loader.hpp"
#include "cli/terminal.hpp"
#include "report/audit_report.hpp"

namespace cratescope::cli {

void add_audit_command(CLI::App& app, AuditCommandOptions& o) {
  auto* cmd = app.add_subcommand("audit", "Audit a project's dependencies against the RustSec advisory database");
  cmd->footer(
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, 2 usage or input error.\n"
      "Ignores are read from --ignore, .cargo/audit.toml, deny.toml and cratescope.toml.");
  cmd->add_option("project", o.project, "Project directory, Cargo.toml or Cargo.lock")->capture_default_str();
  cmd->add_option("--db", o.db, "Advisory database directory (default: ~/.cargo/advisory-db)");
  cmd->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Write the report to this file instead of standard output");
  cmd->add_option("--ignore", o.ignore, "Ignore an advisory id (RUSTSEC-…, CVE-…, GHSA-…); repeatable");
  cmd->add_option("--fail-on", o.fail_on,
                  "What makes the run fail: none, vulnerability, low, medium, high, critical, warnings, "
                  "unmaintained, unsound, notice, yanked (comma-separated); `reachable` keeps only the "
                  "vulnerabilities whose functions the call graph does not rule out")
      ->capture_default_str();
  cmd->add_option("--target", o.target,
                  "Audit a build for this target triple (e.g. x86_64-pc-windows-msvc): advisories, dependencies and "
                  "code under #[cfg(...)] for other platforms do not count");
  cmd->add_option("--target-os", o.target_os, "Only count advisories that apply to this OS (linux, windows, macos, …)");
  cmd->add_option("--target-arch", o.target_arch, "Only count advisories that apply to this architecture (x86_64, aarch64, …)");
  cmd->add_option("--index", o.index, "A local crates.io index copy, for yanked versions (default: Cargo's cache, if any)");
  cmd->add_flag("--no-yanked", o.no_yanked, "Do not check for yanked versions");
  cmd->add_flag("--no-reachability", o.no_reachability,
                "Do not build the call graph that tells whether the vulnerable functions are reachable");
  cmd->add_flag("--use-cargo", o.use_cargo, "Resolve the graph with `cargo metadata --offline` (never builds anything)");
  add_feature_options(cmd, o.features);
  cmd->add_flag("--exclude-dev", o.exclude_dev, "Skip packages that only tests, examples and benches use (dev-dependencies)");
  cmd->add_flag("--exclude-build", o.exclude_build, "Skip packages only used at build time (build-dependencies, proc-macros)");
  cmd->add_flag("--include-withdrawn", o.include_withdrawn, "Also match withdrawn advisories");
  cmd->add_flag("--no-cache", o.no_cache,
                "Do not read or write the caches (the parsed advisory database, the call-graph units of registry crates)");
  cmd->add_flag("-v,--verbose", o.verbose, "Show every dependency path and full descriptions");
  cmd->add_option("--today", o.today, "Date used for ignore expiry (YYYY-MM-DD)")->group("");
}

namespace {



// Reachability needs every package's source (found offline, never built):
// packages without one make their verdicts `unknown`, never silently clean.
void add_call_graph_verdicts(audit::AuditResult& result, const load::ProjectGraph& graph, CommandSession& session,
                             const CommonOptions& common, bool use_cache) {
  auto sources = sources::ProjectSources::locate(graph, session.files, sources::SourceSearch::defaults(graph.root));
  callgraph::BuildOptions options;
  options.only = audit::packages_for_reachability(result, graph);
  auto call_graph = std::make_shared<callgraph::CallGraph>(
      build_project_call_graph(session, common, graph, sources, std::move(options), use_cache));
  audit::add_reachability(result, std::move(call_graph));
  // Parse warnings about dependencies' sources are counted, not printed:
  // they show up as `unknown` verdicts where they matter.
  session.print_new_diagnostics(DiagnosticLevel::error);
}

}  // namespace

int run_audit_command(const AuditCommandOptions& o, const CommonOptions& common) {
  CommandSession session(common);
  Context& ctx = session.ctx;
  const bool stderr_color = session.stderr_color;

  auto policy = audit::parse_fail_policy(o.fail_on);
  if (!policy) {
    std::cerr << "error: " << policy.error() << "\n";
    return kExitError;
  }

  // The database's own problems (a malformed advisory) are reported but do not
  // make the project's audit fail: the other advisories still apply.
  Diagnostics db_diagnostics;
  Context db_ctx{session.files, db_diagnostics, session.timers, common.threads};
  fs::path db_path = o.db.empty() ? advisory::default_database_path() : fs::path(o.db);
  advisory::LoadOptions load_options;
  if (!o.no_cache) load_options.cache_dir = user_cache_directory();
  auto db = advisory::load_database(db_path, load_options, db_ctx);
  for (auto& d : db_diagnostics.all()) {
    Diagnostic warning = d;
    if (warning.level == DiagnosticLevel::error) warning.level = DiagnosticLevel::warning;
    if (!common.quiet) std::cerr << format_diagnostic(warning, stderr_color);
  }
  if (!db) {
    session.report_missing_database(db_path);
    return kExitError;
  }

  auto project = load_project(o.project, o.use_cargo, ctx, o.features);
  session.print_new_diagnostics();
  if (!project) return kExitError;

  auto ignores = audit::load_ignores(project->workspace.root, ctx);
  audit::AuditOptions options;
  options.ignore_ids.insert(o.ignore.begin(), o.ignore.end());
  options.include_withdrawn = o.include_withdrawn;
  options.today = o.today;
  options.target.os = ignores.target_os;
  options.target.arch = ignores.target_arch;
  if (!o.target.empty()) options.target = TargetPlatform::from_triple(o.target);
  if (!o.target_os.empty()) options.target.os = o.target_os;
  if (!o.target_arch.empty()) options.target.arch = o.target_arch;
  if (!options.target.empty()) project->graph.select_target(options.target, ctx.diagnostics);
  if (o.no_yanked) options.warning_kinds.erase(audit::FindingKind::yanked);
  options.exclude_dev = o.exclude_dev;
  options.exclude_build = o.exclude_build;

  std::optional<audit::RegistryIndex> index;
  if (!o.no_yanked) index = o.index.empty() ? audit::RegistryIndex::open_default(session.files) : audit::RegistryIndex::open(o.index, session.files);
  if (!o.index.empty() && !index) {
    std::cerr << "error: --index " << o.index << ": not a directory\n";
    return kExitError;
  }

  auto result = audit::run_audit(project->graph, *db, ignores, index ? &*index : nullptr, options, ctx);
  session.print_new_diagnostics();
  if (!o.no_reachability && audit::wants_reachability(result)) {
    add_call_graph_verdicts(result, project->graph, session, common, !o.no_cache);
    if (session.diagnostics.has_errors()) return kExitError;
  }

  const load::Lockfile* lockfile = project->workspace.lockfile ? &*project->workspace.lockfile : nullptr;
  report::AuditReportInput input{project->graph, *db, result, options, CRATESCOPE_VERSION, lockfile};
  std::string rendered;
  {
    auto timer = session.timers.scope("report");
    if (o.format == "json") rendered = report::render_audit_json(input).dump(2) + "\n";
    else if (o.format == "sarif") rendered = report::render_audit_sarif(input).dump(2) + "\n";
    else {
      int fd = o.output.empty() ? STDOUT_FILENO : -1;
      rendered = report::render_audit_text(input, {fd >= 0 && use_color(session.color_mode, fd), o.verbose});
    }
  }
  if (!session.write_report(rendered, o.output)) return kExitError;
  if (common.time) std::cerr << session.timers.format();
  if (session.diagnostics.has_errors()) return kExitError;
  return audit::fails(*policy, result) ? kExitFindings : kExitClean;
}

}  // namespace cratescope::cli
