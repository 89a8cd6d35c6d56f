#pragma once
// The smallest upgrade that fixes an advisory for a locked package, given the
// requirements that its dependents place on it.
#include <vector>

#include "advisory/advisory.hpp"
#include "audit/audit.hpp"
#include "audit/registry_index.hpp"
#include "load/project_graph.hpp"

namespace cratescope::audit {

// Versions that could fix `advisory`: the lowest version of each `patched`
// range (from the advisory alone), or the real releases when an index is available.
std::vector<semver::Version> fix_candidates(const advisory::Advisory& advisory, const semver::Version& current,
                                            const std::vector<IndexedVersion>* released);

Fix suggest_fix(const load::ProjectGraph& graph, size_t package, const advisory::Advisory& advisory,
                const RegistryIndex* index);

}  // namespace cratescope::audit
