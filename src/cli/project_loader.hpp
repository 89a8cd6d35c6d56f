#pragma once
// Turns the user's project argument (a directory, a Cargo.toml or a
// Cargo.lock) into a resolved dependency graph.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/context.hpp"
#include "load/project_graph.hpp"

namespace cratescope::cli {

struct LoadedProject {
  load::Workspace workspace;
  load::ProjectGraph graph;
};

// use_cargo: resolve with `cargo metadata --offline` when cargo is on PATH
// (falls back to Cargo.lock + manifests, saying so). `features` selects the
// members' features, as cargo's flags do (the default: default features).
std::optional<LoadedProject> load_project(const std::string& argument, bool use_cargo, Context& ctx,
                                          const load::FeatureSelection& features = {});

// --features, --all-features, --no-default-features, as cargo spells them.
void add_feature_options(CLI::App* command, load::FeatureSelection& features);

}  // namespace cratescope::cli
