#include "cli/scan_command.hpp"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "cli/command_session.hpp"
#include "cli/crate_input.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_line.hpp"
#include "cli/project_loader.hpp"
#include "cli/terminal.hpp"
#include "report/scan_report.hpp"
#include "scan/quarantine_store.hpp"
#include "sources/project_sources.hpp"

namespace cratescope::cli {

void add_scan_command(CLI::App& app, ScanCommandOptions& o) {
  auto* cmd = app.add_subcommand(
      "scan",
      "Look for malicious code, leaked secrets, typosquatted names, bundled binaries and packaging problems, from "
      "source: nothing is built or run");
  cmd->footer(
      "INPUT is a project (directory, Cargo.toml or Cargo.lock: every locked package and the members are scanned), "
      "a crate directory, a .crate file, or a registry directory of crates (name-version/ directories or .crate "
      "files, such as /usr/share/cargo/registry or ~/.cargo/registry/cache).\n"
      "Every file of a crate is read, not only .rs. Each crate gets a verdict: clean, suspicious (a reviewer should "
      "look) or malicious (patterns of known malicious crates).\n"
      "Exit codes: 0 no verdict at or above --fail-on, 1 some, 2 usage or input error.");
  cmd->add_option("input", o.input, "Project, crate directory, .crate file or registry directory")->capture_default_str();
  cmd->add_flag("--crate", o.crate_mode, "Scan INPUT as one crate, even if it has a Cargo.lock");
  cmd->add_flag("--registry", o.registry_mode, "Scan every crate inside the directory INPUT");
  cmd->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Write the report to this file instead of standard output");
  cmd->add_option("--popular", o.popular, "Popular crate names to check typosquats against (one per line), instead of "
                                          "the list shipped with cratescope");
  cmd->add_flag("--no-typosquat", o.no_typosquat, "Do not compare crate names with popular ones");
  cmd->add_flag("--exclude-dev", o.exclude_dev, "Skip packages that only tests, examples and benches use");
  cmd->add_flag("--exclude-build", o.exclude_build, "Skip packages only used at build time");
  cmd->add_flag("--use-cargo", o.use_cargo, "Resolve the graph with `cargo metadata --offline` (never builds anything)");
  cmd->add_option("--fail-on", o.fail_on, "Verdict that makes the run fail: none, suspicious, malicious")
      ->check(CLI::IsMember({"none", "suspicious", "malicious"}))
      ->capture_default_str();
  cmd->add_option("--quarantine", o.quarantine,
                  "Record every verdict in this quarantine store (SQLite; see `cratescope quarantine`)");
  cmd->add_option("--yara-rules", o.yara_rules,
                  "A directory of your own YARA rules (*.yar, *.yara), run with the shipped ones over every file; "
                  "meta: description, severity, verdict = \"malicious\"");
  cmd->add_option("--repository", o.repository,
                  "A local git clone of the crate's repository: files packaged but not in the commit that "
                  ".cargo_vcs_info.json names, or different from it, are findings");
  cmd->add_option("--repositories", o.repositories,
                  "A directory of local clones named after the crates (DIR/NAME or DIR/NAME.git), for many crates");
  cmd->add_flag("-v,--verbose", o.verbose, "Also show allow-listed and low-confidence findings, and clean crates");
  cmd->add_flag("--no-cache", o.no_cache, "Compile the pattern databases afresh instead of reading them from ~/.cache/cratescope/scan");
}

namespace {

struct Targets {
  std::vector<scan::ScanTarget> list;
  std::string what;
};

std::optional<Targets> project_targets(const ScanCommandOptions& o, CommandSession& session) {
  auto loaded = load_project(o.input, o.use_cargo, session.ctx);
  session.print_new_diagnostics();
  if (!loaded) return std::nullopt;
  const load::ProjectGraph& graph = loaded->graph;
  auto located = sources::ProjectSources::locate(graph, session.files, sources::SourceSearch::defaults(graph.root));
  located.check_vendored(session.ctx.threads);  // all at once, in parallel: the loop below only asks
  Targets out{{}, "project"};
  for (size_t i = 0; i < graph.packages.size(); ++i) {
    const auto& package = graph.packages[i];
    const load::Reach& reach = graph.reach(i);
    if (!package.is_member && o.exclude_dev && !reach.runtime && !reach.build_time) continue;
    if (!package.is_member && o.exclude_build && !reach.runtime && !reach.test) continue;
    const sources::PackageSource& source = located.at(i);
    scan::ScanTarget target;
    target.label = package.name + " " + package.version.to_string();
    target.name = package.name;
    target.version = package.version.to_string();
    target.workspace_member = package.is_member;
    if (source.origin == sources::SourceOrigin::vendor) located.report_warnings(i, session.ctx.diagnostics);
    if (!source.found()) target.missing_reason = source.reason;
    else if (auto mismatch = located.checksum_mismatch(i)) target.missing_reason = *mismatch;
    else if (source.origin == sources::SourceOrigin::crate_file) target.crate_file = source.crate_file.string();
    else target.dir = source.dir.string();
    out.list.push_back(std::move(target));
  }
  return out;
}

std::optional<Targets> targets_of(const ScanCommandOptions& o, CommandSession& session) {
  if (o.registry_mode || (fs::is_directory(o.input) && !o.crate_mode && scan::looks_like_registry(o.input))) {
    auto list = scan::registry_targets(o.input);
    if (list.empty()) {
      session.print_error(o.input, "no crates here (name-version/ directories with a Cargo.toml, or .crate files)");
      return std::nullopt;
    }
    return Targets{std::move(list), "registry"};
  }
  if (is_crate_file(o.input)) {
    if (!fs::is_regular_file(o.input)) {
      session.print_error(o.input, "no such .crate file");
      return std::nullopt;
    }
    return Targets{{{o.input, "", o.input, "", "", "", false}}, "crate"};
  }
  if (!o.crate_mode && looks_like_project(o.input)) return project_targets(o, session);
  if (!fs::is_directory(o.input)) {
    session.print_error(o.input, "not a project, crate directory, .crate file or registry directory");
    return std::nullopt;
  }
  // A crate being developed has cargo's build output beside it (target/CACHEDIR.TAG): not source.
  std::error_code ec;
  bool build_output = fs::exists(fs::path(o.input) / "target" / "CACHEDIR.TAG", ec);
  return Targets{{{o.input, fs::path(o.input).lexically_normal().string(), "", "", "", "", build_output}}, "crate"};
}

std::optional<scan::PopularCrates> popular_crates(const ScanCommandOptions& o, CommandSession& session) {
  if (o.popular.empty()) return scan::PopularCrates::shipped();
  auto text = session.files.read_file(o.popular);
  if (!text) {
    session.print_error(o.popular, text.error());
    return std::nullopt;
  }
  auto list = scan::PopularCrates::parse(*text);
  if (list.size() == 0) {
    session.print_error(o.popular, "no crate names in the file");
    return std::nullopt;
  }
  return list;
}

}  // namespace

int run_scan_command(const ScanCommandOptions& o, const CommonOptions& common) {
  CommandSession session(common);
  auto popular = popular_crates(o, session);
  if (!popular) return kExitError;
  auto targets = targets_of(o, session);
  if (!targets) return kExitError;

  auto yara = scan::YaraRules::compile(o.yara_rules);
  if (!yara) {
    session.print_error(o.yara_rules.empty() ? "YARA rules" : o.yara_rules, yara.error());
    return kExitError;
  }
  std::filesystem::path cache = o.no_cache || user_cache_directory().empty() ? std::filesystem::path()
                                                                             : user_cache_directory() / "scan";
  scan::ScanRules rules(std::move(*popular), *yara, cache);
  scan::ScanOptions options;
  options.typosquats = !o.no_typosquat;
  options.repository = o.repository;
  options.repositories_dir = o.repositories;
  JobProgress progress(common.quiet, "scanning", "scanned");
  scan::ScanRunResult run;
  {
    auto timer = session.timers.scope("scan");
    run = scan::scan_targets(session.ctx, rules, targets->list, options,
                             [&](size_t done, size_t total, const std::string& label) { progress(done, total, label); });
  }
  progress.clear();
  session.print_new_diagnostics(o.verbose ? DiagnosticLevel::note : DiagnosticLevel::error);

  if (!o.quarantine.empty()) {
    auto store = scan::QuarantineStore::open(o.quarantine);
    if (!store) {
      session.print_error(o.quarantine, store.error());
      return kExitError;
    }
    std::vector<std::string> details;
    for (const auto& crate : run.crates)
      details.push_back(report::scan_crate_json(crate).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (auto recorded = store->record(run.crates, details, CRATESCOPE_VERSION); !recorded) {
      session.print_error(o.quarantine, recorded.error());
      return kExitError;
    }
  }

  report::ScanReportInput input{run, CRATESCOPE_VERSION, targets->what};
  std::string rendered;
  if (o.format == "json") rendered = report::render_scan_json(input).dump(2) + "\n";
  else if (o.format == "sarif") rendered = report::render_scan_sarif(input).dump(2) + "\n";
  else rendered = report::render_scan_text(input, {o.format == "text" && o.output.empty() && use_color(session.color_mode, STDOUT_FILENO), o.verbose});
  if (!session.write_report(rendered, o.output)) return kExitError;
  if (common.time) std::cerr << session.timers.format();

  if (o.fail_on == "none") return kExitClean;
  scan::Verdict threshold = o.fail_on == "suspicious" ? scan::Verdict::suspicious : scan::Verdict::malicious;
  for (const auto& crate : run.crates)
    if (crate.verdict >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace cratescope::cli
