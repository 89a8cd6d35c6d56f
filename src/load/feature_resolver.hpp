#pragma once
// Cargo's feature resolution over the locked dependency graph, from the
// manifests: which features of every package a build turns on (what
// `cfg(feature = "..")` in its code sees) and which optional dependencies
// they bring in. Cargo.lock lists every optional dependency that some
// feature could turn on; a build compiles only those its features do.
//
// Features are unified per package across the whole build (normal, build
// and dev-dependencies of the members, every platform the graph keeps), as
// `cargo metadata` reports them: a superset of what resolver 2 builds for
// any one unit, so no code that can run is left out. A package below one
// whose manifest could not be read gets no features (unknown), and the
// optional dependencies of such a package stay on.
#include "load/project_graph.hpp"

namespace cratescope::load {

// Sets GraphPackage::features of the packages with a feature_table and
// GraphEdge::feature_enabled of their optional dependencies, from the
// members' graph.feature_selection, through the edges whose target is enabled.
// Needs the edges indexed (ProjectGraph::finish does both).
void resolve_features(ProjectGraph& graph);

}  // namespace cratescope::load
