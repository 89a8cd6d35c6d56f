#pragma once
// Turns the user's project argument (a directory, a Cargo.toml or a
// Cargo.lock) into a resolved dependency graph.
#include <optional>
#include <string>

#include "core/context.hpp"
#include "load/project_graph.hpp"

namespace cratescope::cli {

struct LoadedProject {
  load::Workspace workspace;
  load::ProjectGraph graph;
};

// use_cargo: resolve with `cargo metadata --offline` when cargo is on PATH
// (falls back to Cargo.lock + manifests, saying so).
std::optional<LoadedProject> load_project(const std::string& argument, bool use_cargo, Context& ctx);

}  // namespace cratescope::cli
