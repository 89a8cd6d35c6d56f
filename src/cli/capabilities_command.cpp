#include "cli/capabilities_command.hpp"

#include <unistd.h>

#include <iostream>
#include <optional>

#include "capabilities/capability_policy.hpp"
#include "capabilities/lockfile_diff.hpp"
#include "capabilities/project_capabilities.hpp"
#include "cli/capability_reachability.hpp"
#include "cli/command_session.hpp"
#include "cli/crate_input.hpp"
#include "cli/progress_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/project_call_graph.hpp"
#include "cli/project_loader.hpp"
#include "cli/terminal.hpp"
#include "report/capabilities_report.hpp"
#include "sources/crate_archive.hpp"

namespace cratescope::cli {

namespace cap = capabilities;

void add_capabilities_command(CLI::App& app, CapabilitiesCommandOptions& o) {
  auto* cmd = app.add_subcommand(
      "capabilities",
      "Count unsafe code and find the capabilities (files, network, processes, environment, FFI, ...) of every "
      "dependency, from source: nothing is built or run");
  cmd->alias("unsafe");
  cmd->footer(
      "INPUT is a project (directory, Cargo.toml or Cargo.lock: all locked packages are analysed), a crate directory "
      "(with --crate, or when no Cargo.lock is found) or a .crate file.\n"
      "--diff OLD NEW compares two versions of a crate (directories or .crate files) or two Cargo.lock files.\n"
      "Capabilities: FS NET EXEC ENV FFI UNSAFE_PTR TRANSMUTE ASM EXPORT_SYMBOL BUILD_TIME_EXEC COMPILE_TIME_READ "
      "UNANALYZED.\n"
      "Exit codes: 0 nothing matched --fail-on, 1 something did, 2 usage or input error.");
  cmd->add_option("input", o.input, "Project, crate directory or .crate file")->capture_default_str();
  cmd->add_option("--diff", o.diff, "Compare OLD and NEW: two crate versions or two Cargo.lock files")->expected(2);
  cmd->add_flag("--crate", o.crate_mode, "Analyse INPUT as a single crate, even if it has a Cargo.lock");
  cmd->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  cmd->add_option("-o,--output", o.output, "Write the report to this file instead of standard output");
  cmd->add_option("-p,--package", o.packages, "Only report this package (by name); repeatable");
  cmd->add_flag("--details", o.details, "List every site of every package (text; JSON and SARIF always do)");
  cmd->add_flag("--tests", o.tests, "Also analyse tests, examples, benches and #[cfg(test)] code of workspace members");
  cmd->add_flag("--exclude-dev", o.exclude_dev, "Skip packages that only tests, examples and benches use");
  cmd->add_flag("--exclude-build", o.exclude_build, "Skip packages only used at build time (build-dependencies, proc-macros)");
  cmd->add_flag("--use-cargo", o.use_cargo, "Resolve the graph with `cargo metadata --offline` (never builds anything)");
  cmd->add_option("--target", o.target,
                  "Count what a build for this target triple compiles (e.g. x86_64-pc-windows-msvc): code under "
                  "#[cfg(...)] false for it or for the features the build turns on is left out, and so are packages "
                  "it does not build. Without --target or a feature option, every platform's and feature's code counts");
  add_feature_options(cmd, o.features);
  cmd->add_option("--fail-on", o.fail_on,
                  "What makes the run fail: none, unsafe, unknown, new-capability, added, or capability names such "
                  "as NET,EXEC (comma-separated)")
      ->capture_default_str();
  cmd->add_flag("--reachable", o.reachable,
                "Projects: build the call graph and tell for each site whether the build can run it (with the call "
                "path, from the workspace's code or a dependency's build script or proc-macro), cannot, or whether "
                "that is unknown (and why)");
  cmd->add_flag("--no-cache", o.no_cache, "With --reachable: model every crate again instead of reading the cache");
  cmd->add_flag("-v,--verbose", o.verbose, "Explain every site; show parse warnings of dependencies");
}

namespace {

struct Runner {
  const CapabilitiesCommandOptions& o;
  const CommonOptions& common;
  CommandSession session;
  cap::RuleMatcher rules;
  cap::CapabilityPolicy policy;

  Runner(const CapabilitiesCommandOptions& options, const CommonOptions& c) : o(options), common(c), session(c) {}

  // Without a project there is no feature resolution: a crate (or --diff)
  // is narrowed to --target's platform only, its features stay unknown.
  cap::AnalysisOptions analysis_options() const {
    cap::AnalysisOptions a;
    a.include_tests = o.tests;
    if (!o.target.empty()) a.cfg = CfgFacts{TargetPlatform::from_triple(o.target), std::nullopt};
    return a;
  }

  // What a project's ProjectGraph::select_target would say, for a crate or --diff.
  void warn_without_project() const {
    if (common.quiet) return;
    if (!o.features.is_default())
      std::cerr << "warning: feature options select a project's build; for a single crate or --diff they are "
                   "ignored (its #[cfg(feature)] code is kept)\n";
    if (o.target.empty()) return;
    if (std::string doubt = TargetPlatform::from_triple(o.target).unrecognized(); !doubt.empty())
      std::cerr << "warning: " << doubt << "\n";
  }

  // The report in the format asked for (--format).
  template <class Input, class Json, class Sarif, class Text>
  std::string in_format(const Input& input, Json json, Sarif sarif, Text text) const {
    if (o.format == "json") return json(input).dump(2) + "\n";
    if (o.format == "sarif") return sarif(input).dump(2) + "\n";
    return text(input, {text_color(), o.verbose});
  }

  // --target or a feature option: count what that build compiles.
  bool build_view() const {
    return !o.target.empty() || !o.features.is_default();
  }

  bool text_color() const { return o.format == "text" && o.output.empty() && use_color(session.color_mode, STDOUT_FILENO); }

  // Parse warnings of third-party code are in the report (UNANALYZED); on
  // standard error they would drown the run, so they wait for -v (with what
  // extracting a .crate skipped).
  void print_diagnostics() {
    size_t held = session.print_new_diagnostics(o.verbose ? DiagnosticLevel::note : DiagnosticLevel::error);
    if (held && !common.quiet)
      std::cerr << "note: " << held << " warning(s) about the analysed sources (parse errors and missing module "
                << "files, in the report as UNANALYZED; entries a .crate holds that are not read; vendored files that cannot be checked); -v prints them\n";
  }

  int finish(const std::string& rendered, const std::vector<std::string>& failures) {
    print_diagnostics();
    if (!session.write_report(rendered, o.output)) return kExitError;
    if (common.time) std::cerr << session.timers.format();
    if (!failures.empty()) {
      if (!common.quiet)
        for (const auto& f : failures) std::cerr << "fail: " << f << "\n";
      return kExitFindings;
    }
    return kExitClean;
  }

  std::vector<cap::PackageCapabilities> only_wanted(std::vector<cap::PackageCapabilities> packages) const {
    if (o.packages.empty()) return packages;
    std::erase_if(packages, [&](const auto& p) {
      return std::find(o.packages.begin(), o.packages.end(), p.name) == o.packages.end();
    });
    return packages;
  }

  int render(const std::string& root, const std::vector<cap::PackageCapabilities>& packages, std::string build = "",
             size_t not_built = 0, const callgraph::CallGraph* graph = nullptr, const CapabilityReach* reach = nullptr) {
    report::CapabilitiesReportInput input{root, packages, CRATESCOPE_VERSION, o.details || !o.packages.empty(),
                                          std::move(build), not_built, graph, reach ? &reach->verdicts : nullptr};
    std::string rendered = in_format(input, report::render_capabilities_json, report::render_capabilities_sarif,
                                     report::render_capabilities_text);
    return finish(rendered, cap::policy_failures(policy, packages));
  }

  int one_crate(const std::string& path) {
    auto input = CrateInput::open(path);
    if (!input) {
      session.print_error(path, input.error());
      return kExitError;
    }
    for (const auto& w : input->warnings()) std::cerr << "warning: " << path << ": " << w << "\n";
    cap::PackageCapabilities package;
    package.is_member = true;
    package.origin = is_crate_file(path) ? sources::SourceOrigin::crate_file : sources::SourceOrigin::path;
    cap::AnalysisOptions options = analysis_options();
    package.result = cap::analyze_crate(session.ctx, input->dir(), options, rules);
    if (package.result->targets.empty()) {
      session.print_new_diagnostics();
      session.print_error(path, "no crate here: no src/lib.rs, src/main.rs, build.rs or target that Cargo.toml names");
      return kExitError;
    }
    package.name = package.result->name;
    package.version = package.result->version;
    warn_without_project();
    return render(input->dir(), {package}, o.target.empty() ? "" : o.target + ", features unknown");
  }

  int project() {
    auto loaded = load_project(o.input, o.use_cargo, session.ctx, o.features);
    session.print_new_diagnostics();
    if (!loaded) return kExitError;
    cap::AnalysisOptions options = analysis_options();
    if (build_view()) {
      TargetPlatform platform = options.cfg ? options.cfg->platform : TargetPlatform{};  // --target's
      if (!platform.empty()) loaded->graph.select_target(platform, session.diagnostics);
      session.print_new_diagnostics();
      options.cfg = CfgFacts{platform, std::nullopt};  // each package's features: analyze_project
    }
    const load::ProjectGraph& graph = loaded->graph;
    auto search = sources::SourceSearch::defaults(graph.root);
    auto sources = sources::ProjectSources::locate(graph, session.files, search);
    // Filters by reach and name are applied before the work, not after.
    std::vector<bool> keep(graph.packages.size(), true);
    size_t not_built = 0;
    for (size_t i = 0; i < graph.packages.size(); ++i) {
      const load::Reach& r = graph.reach(i);
      bool member = graph.packages[i].is_member;
      if (options.cfg && !member && !r.reached()) {
        keep[i] = false;
        ++not_built;
        continue;
      }
      if (!member && o.exclude_dev && !r.runtime && !r.build_time) keep[i] = false;
      if (!member && o.exclude_build && !r.runtime && !r.test) keep[i] = false;
      if (!o.packages.empty() &&
          std::find(o.packages.begin(), o.packages.end(), graph.packages[i].name) == o.packages.end())
        keep[i] = false;
    }
    ProgressLine progress(!common.quiet && isatty(STDERR_FILENO));
    auto result = cap::analyze_project(
        session.ctx, graph, sources, options, rules,
        [&](size_t done, size_t total, const std::string& name) { progress(done, total, name); }, keep);
    progress.clear();
    std::string build;
    if (options.cfg) build = (o.target.empty() ? "of every platform" : o.target) + ", " + graph.feature_selection.describe();
    if (!o.reachable) return render(graph.root, result.packages, build, not_built);
    callgraph::CallGraph call_graph = build_project_call_graph(session, common, graph, sources, {}, !o.no_cache);
    CapabilityReach reach = reach_capability_sites(call_graph, result.packages);
    return render(graph.root, result.packages, build, not_built, &call_graph, &reach);
  }

  int diff() {
    warn_without_project();
    const std::string& old_path = o.diff[0];
    const std::string& new_path = o.diff[1];
    std::vector<cap::CrateDiff> crates;
    size_t unchanged = 0;
    if (is_lockfile(old_path) != is_lockfile(new_path)) {
      session.print_error(new_path, "--diff compares two Cargo.lock files or two crates, not one of each");
      return kExitError;
    }
    if (is_lockfile(old_path)) {
      std::optional<load::Lockfile> locks[2];
      for (int k = 0; k < 2; ++k) {
        auto text = session.files.read_file(o.diff[k]);
        if (!text) {
          session.print_error(o.diff[k], text.error());
          return kExitError;
        }
        locks[k] = load::parse_lockfile(*text, o.diff[k], session.diagnostics);
        if (!locks[k]) {
          session.print_new_diagnostics();
          return kExitError;
        }
      }
      auto search = sources::SourceSearch::defaults(fs::path(new_path).parent_path());
      auto result = cap::diff_lockfiles(session.ctx, *locks[0], *locks[1], search, analysis_options(), rules);
      crates = std::move(result.crates);
      unchanged = result.unchanged;
    } else {
      auto before = CrateInput::open(old_path);
      auto after = CrateInput::open(new_path);
      if (!before || !after) {
        session.print_error(before ? new_path : old_path, before ? after.error() : before.error());
        return kExitError;
      }
      cap::AnalysisOptions options = analysis_options();
      options.include_bins = true;
      auto a = cap::analyze_crate(session.ctx, before->dir(), options, rules);
      auto b = cap::analyze_crate(session.ctx, after->dir(), options, rules);
      crates.push_back(cap::diff_crates(&a, &b));
    }
    report::CapabilitiesDiffInput input{old_path, new_path, crates, unchanged, CRATESCOPE_VERSION};
    std::string rendered = in_format(input, report::render_capabilities_diff_json,
                                     report::render_capabilities_diff_sarif, report::render_capabilities_diff_text);
    return finish(rendered, cap::policy_failures(policy, crates));
  }
};

}  // namespace

int run_capabilities_command(const CapabilitiesCommandOptions& o, const CommonOptions& common) {
  Runner runner(o, common);
  auto policy = cap::parse_capability_policy(o.fail_on);
  if (!policy) {
    std::cerr << "error: " << policy.error() << "\n";
    return kExitError;
  }
  runner.policy = *policy;
  bool diff = o.diff.size() == 2;
  bool project = !diff && !o.crate_mode && looks_like_project(o.input);
  if (o.reachable && !project) {
    std::cerr << "error: --reachable needs a project (a Cargo.lock): a single crate or --diff has no workspace to "
                 "call from\n";
    return kExitError;
  }
  if (diff) return runner.diff();
  return project ? runner.project() : runner.one_crate(o.input);
}

}  // namespace cratescope::cli
