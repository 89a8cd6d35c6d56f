#pragma once
// What a caller of the call graph may see of each crate while it is modelled
// (the ecosystem index counts unsafe code and capabilities on it).
#include <functional>
#include <vector>

#include "crates/crate_loader.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::callgraph {

struct ModelInspection {
  const crates::LoadedCrate& loaded;
  // The `use` resolver of each target of loaded.model, in order, built for
  // the call graph. It remembers its answers, so the same questions asked
  // again (capabilities resolves the same paths) cost a lookup.
  std::vector<const model::UseResolver*> resolvers;
};

using InspectModel = std::function<void(const ModelInspection&)>;

}  // namespace cratescope::callgraph
