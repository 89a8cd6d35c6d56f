#pragma once
// What one crate can do: every capability with its exact site, its unsafe
// code counted as cargo-geiger counts it, and both summed per function.
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "capabilities/capability.hpp"
#include "capabilities/rule_matcher.hpp"
#include "core/context.hpp"
#include "model/crate_model.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::capabilities {

// certain: the path resolves to the rule; likely: one of several candidates
// (globs) or a method name alone; possible: a deref in unsafe code whose
// operand may be a reference rather than a raw pointer.
enum class Confidence { certain, likely, possible };
std::string_view to_string(Confidence confidence);

struct CapabilityFinding {
  Capability capability = Capability::fs;
  SourceLocation location;
  std::string evidence;   // `std::fs::read`, `include_bytes!`, `extern fn getpid`, `#[no_mangle] f`
  std::string written;    // the path as written, when it differs from `evidence`
  std::string why;        // "opens files"
  std::string function;   // the enclosing fn or item (`crate::a::Type::f`), or the module
  model::TargetKind target = model::TargetKind::lib;
  bool test_only = false;
  bool in_macro_args = false;  // found in a macro call's tokens
  Confidence confidence = Confidence::certain;
  std::optional<Capability> exercised;  // BUILD_TIME_EXEC: what build.rs / the proc-macro does
  // Whether the project's code reaches this site: needs the call graph
  // (not computed yet, so always empty; reports print "unknown").
  std::optional<bool> used;
};

struct UnsafeCounts {
  size_t functions = 0, blocks = 0, blocks_with_safety = 0, impls = 0, traits = 0, extern_items = 0;
  size_t in_macro_rules = 0;  // of the above, written inside macro_rules! bodies
  size_t total() const { return functions + blocks + impls + traits + extern_items; }
  void add(const model::UnsafeSite& site);
};

struct UnsafeSiteRecord {
  model::UnsafeSite site;
  model::TargetKind target = model::TargetKind::lib;
};

struct FunctionCapabilities {
  std::string path;  // `crate::a::f`
  SourceLocation location;
  UnsafeCounts unsafe_counts;
  std::set<Capability> capabilities;
};

struct CrateCapabilities {
  std::string name, version, dir;
  bool forbids_unsafe = false;  // #![forbid(unsafe_code)] in every analysed target root
  bool proc_macro = false;
  bool has_build_script = false;
  std::vector<std::string> targets;  // analysed: "lib", "bin main", "build-script"
  std::vector<CapabilityFinding> findings;  // by file, line, column
  std::vector<UnsafeSiteRecord> unsafe_sites;
  UnsafeCounts unsafe_counts;
  std::vector<FunctionCapabilities> functions;  // those with unsafe code or a capability, by path
  std::vector<model::FileStatus> unanalyzed_files;
  size_t files = 0;
  std::vector<std::string> source_files;  // every file parsed

  std::set<Capability> capabilities() const;
  size_t count(Capability capability) const;
};

struct AnalysisOptions {
  bool include_tests = false;  // tests/, examples/, benches/ and #[cfg(test)] code
  bool include_bins = true;    // false for dependencies: Cargo builds only their lib and build script
  std::map<std::string, std::string> crate_aliases;  // renamed dependencies (see UseResolver)
  // Leave out code whose #[cfg] is false for this platform and these
  // features (model::ModelOptions); unset: every platform's and feature's code.
  std::optional<CfgFacts> cfg;
  bool by_function = true;  // fill CrateCapabilities::functions (the index needs the totals only)
};

// Reads the crate's Cargo.toml (when present) for its name, targets and
// renamed dependencies, builds the source model and analyses it.
CrateCapabilities analyze_crate(const Context& context, const std::string& crate_dir, const AnalysisOptions& options,
                                const RuleMatcher& rules);

// The analysis proper, on a model already built. `resolvers`: one per target
// of the model, when they are built already (the call graph's); empty: each
// target's is built here.
CrateCapabilities capabilities_of(const model::CrateModel& model, bool proc_macro, const AnalysisOptions& options,
                                  const RuleMatcher& rules, std::span<const model::UseResolver* const> resolvers = {});

}  // namespace cratescope::capabilities
