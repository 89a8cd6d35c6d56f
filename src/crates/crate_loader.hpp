#pragma once
// One crate directory read the way Cargo would build it: Cargo.toml (name,
// version, proc-macro, targets, renamed dependencies) and the source model of
// the targets asked for. Shared by every analysis that starts from a crate.
#include <map>
#include <string>

#include "core/context.hpp"
#include "model/crate_model.hpp"

namespace cratescope::crates {

struct LoadOptions {
  bool include_tests = false;  // tests/, examples/ and benches/ targets
  bool include_bins = true;    // false for dependencies: Cargo builds only their lib and build script
  bool for_call_graph = false; // facts only the call graph needs (model::ModelOptions)
  const CfgFacts* cfg = nullptr;  // leave out code whose #[cfg] is false (model::ModelOptions)
};

struct LoadedCrate {
  std::string name, version;  // from Cargo.toml; empty without one
  bool has_manifest = false;
  bool proc_macro = false;
  // Names the code uses for its dependencies, underscore form, to the
  // package's (`tokio1` -> `tokio` when renamed, `serde` -> `serde`): see
  // model::UseResolver.
  std::map<std::string, std::string> crate_aliases;
  model::CrateModel model;
};

// Problems (an unreadable Cargo.toml, files that do not parse) go to
// context.diagnostics; the crate is loaded as far as it can be.
LoadedCrate load_crate(const Context& context, const std::string& crate_dir, const LoadOptions& options);

// `serde-json` -> `serde_json`: how code names a crate.
std::string crate_identifier(std::string name);

}  // namespace cratescope::crates
