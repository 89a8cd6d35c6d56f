#pragma once
// `cratescope query callers|stats|failed`: questions asked of an index that
// `cratescope index` wrote.
#include <string>

#include <CLI/CLI.hpp>

#include "cli/audit_command.hpp"

namespace cratescope::cli {

struct QueryCommandOptions {
  std::string verb;  // callers, stats, failed
  std::string database = "cratescope-index.sqlite";
  std::string format = "text";
  std::string path;      // callers: the function
  std::string version;   // callers: a requirement on the function's crate version
  unsigned depth = 64;
  bool method_names = false;
  size_t top = 10;
  bool transitive = false;    // rdeps
  std::string crate;          // rdeps, deps; export --crate
  std::string from, to;       // path
  std::string advisory;       // blast-radius
  std::string advisories;     // blast-radius: the advisory database
  size_t callers_shown = 3;   // blast-radius, text: callers shown per dependent (0: all)
  std::string export_format = "graphml";
  std::string output = "-";   // export
  std::string callers_of;     // export --callers
};

void add_query_command(CLI::App& app, QueryCommandOptions& options);
int run_query_command(const QueryCommandOptions& options, const CommonOptions& common);

}  // namespace cratescope::cli
