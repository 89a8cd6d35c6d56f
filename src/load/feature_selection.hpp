#pragma once
// The features of the workspace members a build selects, as Cargo's
// `--features`, `--all-features` and `--no-default-features` say. The
// feature resolver (load/feature_resolver) starts from it.
#include <string>
#include <vector>

namespace cratescope::load {

struct FeatureSelection {
  bool all_features = false;
  bool default_features = true;
  // Of the members: `f` for each member that has it, `member/f` for one
  // member's, `dep/f` for a dependency's feature (of each member that has dep).
  std::vector<std::string> features;
  // "default features", "all features", "default features + a, b", ...
  std::string describe() const;
  // No feature option given: the members' default features.
  bool is_default() const { return !all_features && default_features && features.empty(); }
};

}  // namespace cratescope::load
