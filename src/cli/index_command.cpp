#include "cli/index_command.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/command_session.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_line.hpp"
#include "index/index_build.hpp"
#include "index/index_merge.hpp"

namespace cratescope::cli {

void add_index_command(CLI::App& app, IndexCommandOptions& o) {
  auto* cmd = app.add_subcommand(
      "index", "Index a whole registry: every crate version's functions and calls, linked at the versions Cargo "
               "would select, in one SQLite file (query it with `cratescope query`)");
  cmd->add_option("registry", o.registry,
                  "A registry directory: name-version/ crate directories (Debian's /usr/share/cargo/registry), "
                  "or .crate files (~/.cargo/registry/cache/*/)");
  cmd->add_option("--db", o.database, "The index to create or update")->capture_default_str();
  cmd->add_flag("--force", o.force, "Rebuild even when no crate version is new or changed");
  cmd->add_flag("--no-cache", o.no_cache,
                "Model every crate again (by default each version's call-graph unit is kept under "
                "~/.cache/cratescope, so a re-run models only new versions)");
  cmd->add_option("--shard", o.shard,
                  "K/N: index only slice K of N (by a hash of name@version; their dependencies are linked too), "
                  "for a job array; combine the N databases with `cratescope index merge`");
  cmd->add_option("--list-files", o.list_files, "Write the source files read to this file (for benchmarks)")
      ->group("");  // hidden
  auto* merge = cmd->add_subcommand("merge", "Combine the databases of `index --shard K/N`, K = 1..N, into one index");
  merge->add_option("--db", o.database, "The index to write (replaced)")->capture_default_str();
  merge->add_option("shards", o.shards, "The shard databases")->required();
  merge->callback([&o] { o.merge = true; });
  cmd->footer(
      "Nothing is built or run. A crate version that cannot be indexed is recorded with its error and the run\n"
      "goes on. Re-running with nothing new leaves the index as it is; a new index is written next to the\n"
      "old one and renamed over it, so an interrupted run leaves the previous one whole.\n"
      "Exit codes: 0 indexed (some versions may have failed: see the summary), 2 usage error or the index\n"
      "could not be written.");
}

namespace {

int run_merge(const IndexCommandOptions& o, CommandSession& session) {
  auto merged = index::merge_indexes(o.shards, o.database);
  if (!merged) {
    session.print_error(o.database, merged.error());
    return kExitError;
  }
  std::printf("merged %zu shards into %s: %zu crate versions, %zu functions, %zu calls\n", merged->shards,
              o.database.c_str(), merged->crate_versions, merged->functions, merged->calls);
  return kExitClean;
}

}  // namespace

int run_index_command(const IndexCommandOptions& o, const CommonOptions& common) {
  CommandSession session(common);
  if (o.merge) return run_merge(o, session);
  if (o.registry.empty()) {
    session.print_error("index", "give a registry directory (see `cratescope index --help`)");
    return kExitError;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(o.registry, ec)) {
    session.print_error(o.registry, "not a directory (give a registry directory)");
    return kExitError;
  }
  index::IndexOptions options;
  options.registry = o.registry;
  options.database = o.database;
  options.force = o.force;
  options.list_files = o.list_files;
  if (!o.shard.empty()) {
    char slash = 0;
    int used = 0;
    if (std::sscanf(o.shard.c_str(), "%u%c%u%n", &options.shard, &slash, &options.shards, &used) != 3 || slash != '/' ||
        static_cast<size_t>(used) != o.shard.size() || options.shard == 0 || options.shard > options.shards) {
      session.print_error("--shard", "`" + o.shard + "`: expected K/N with 1 <= K <= N (e.g. 3/16)");
      return kExitError;
    }
  }
  if (!o.no_cache && !user_cache_directory().empty()) options.cache_dir = user_cache_directory() / "units";
  JobProgress progress(common.quiet, "indexing", "modelled");
  options.progress = [&](size_t done, size_t total, const std::string& crate) { progress(done, total, crate); };
  auto summary = index::build_index(session.ctx, options);
  progress.clear();
  if (!summary) {
    session.print_error(o.database, summary.error());
    return kExitError;
  }
  if (common.time) std::cerr << session.timers.format();
  if (summary->up_to_date) {
    std::cout << o.database << " is up to date: " << summary->crate_versions
              << " crate versions, none new or changed (" << summary->seconds << " s)\n";
    return kExitClean;
  }
  std::printf("indexed %zu crate versions into %s in %.1f s: %zu indexed, %zu failed, %zu modelled (the others from "
              "the cache)\n",
              summary->crate_versions, o.database.c_str(), summary->seconds, summary->indexed, summary->failed,
              summary->modelled);
  std::printf("functions: %zu, calls: %zu resolved + %zu by method name only; dependencies: %zu (%zu match no "
              "version present)\n",
              summary->functions, summary->calls, summary->method_calls, summary->dependencies,
              summary->unresolved_dependencies);
  if (summary->failed) std::printf("failed versions and why: cratescope query failed --db %s\n", o.database.c_str());
  return kExitClean;
}

}  // namespace cratescope::cli
