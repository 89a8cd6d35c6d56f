#pragma once
// The index's call graph (or a part of it) for other tools: GraphML (yEd,
// Gephi, NetworkX), DOT (Graphviz) and the CSV files of `neo4j-admin
// database import full`, for users who already run Painter-style tooling.
#include <string>

#include "core/expected.hpp"
#include "index/index_queries.hpp"

namespace cratescope::index {

enum class ExportFormat { graphml, dot, neo4j };

// Which part: the callers of one function (with the function), the
// functions of one crate (`name` or `name@version`) and what they call, or
// everything when both are empty.
struct ExportSelection {
  std::string callers_of;
  std::string version_requirement;  // with callers_of
  unsigned depth = 64;              // with callers_of
  std::string crate;
};

struct ExportCounts {
  size_t functions = 0, calls = 0, crate_versions = 0;
};

// `out`: a file for GraphML and DOT ("-": standard output), a directory for neo4j.
Expected<ExportCounts> export_graph(const IndexReader& reader, const ExportSelection& selection, ExportFormat format,
                                    const std::string& out);

}  // namespace cratescope::index
