#pragma once
// `cratescope index REGISTRY --db FILE`: the ecosystem index (index/).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"

namespace cratescope::cli {

struct IndexCommandOptions {
  std::string registry;
  std::string database = "cratescope-index.sqlite";
  bool force = false;
  bool no_cache = false;
  std::string shard;                // "K/N"
  std::string list_files;           // hidden: for bench/index_bench.sh
  bool merge = false;               // `index merge --db OUT SHARD...`
  std::vector<std::string> shards;
};

void add_index_command(CLI::App& app, IndexCommandOptions& options);
int run_index_command(const IndexCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
