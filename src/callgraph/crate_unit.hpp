#pragma once
// One package's part of the call graph, built on its own (in parallel with
// the others): its functions and its call sites with the paths they name,
// resolved as far as the crate itself can tell. Linking the paths into
// other crates happens once every package is modelled (graph_builder).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "callgraph/model_inspection.hpp"
#include "callgraph/target_index.hpp"
#include "core/context.hpp"
#include "crates/crate_loader.hpp"

namespace cratescope::callgraph {

struct PendingCall {
  uint32_t caller = 0;  // index in UnitTarget::functions
  uint32_t file = 0;    // index in CrateUnit::files
  TextPosition position;
  EdgeKind kind = EdgeKind::path;  // method_name: `names` holds the method name
  bool on_self = false;            // `self.f()`
  bool typed_receiver = false;     // the receiver's type is known (see Edge::typed_receiver)
  bool generic_receiver = false;   // of a type parameter or `impl Trait` (see Edge::generic_receiver)
  bool std_receiver = false;       // of one of std's types (see Edge::std_receiver)
  int8_t arity = -1;               // arguments written (method calls)
  std::vector<std::string> names;  // absolute candidate paths (`crate::a::f`, `serde_json::from_str`)
  std::string fallback_method;     // receiver_type: the method name, when the typed path finds nothing
};

struct UnitTarget {
  Target target;
  std::vector<Function> functions;  // `file` indexes CrateUnit::files
  std::vector<PendingCall> calls;
  std::unique_ptr<TargetIndex> index;
};

struct CrateUnit {
  std::vector<std::string> files;
  std::vector<UnitTarget> targets;
  PackageStatus status;
};

// Members get their bins (and, with include_tests, their tests); dependencies
// their lib and build script, as Cargo builds them.
// `cfg` (optional) leaves out code whose #[cfg] is false for the build.
// `inspect`, when set, sees the source model (and the unit's resolvers)
// before they are dropped.
CrateUnit model_crate(const Context& context, const std::string& crate_dir, bool member, bool include_tests,
                      const CfgFacts* cfg = nullptr, const InspectModel& inspect = {});

}  // namespace cratescope::callgraph
