#pragma once
// Which optional dependencies of a workspace member its features turn on, as
// Cargo's `--features`, `--all-features` and `--no-default-features` select.
// Cargo.lock is resolved with every feature of the members, so it lists their
// optional dependencies whether or not a build uses them.
#include <set>
#include <string>
#include <vector>

#include "load/manifest.hpp"

namespace cratescope::load {

struct FeatureSelection {
  bool all_features = false;
  bool default_features = true;
  std::vector<std::string> features;  // of the members; `member/feature` names one member's
  // "default features", "all features", "default features + a, b", ...
  std::string describe() const;
};

// The dependency keys (DependencySpec::name) of `member`'s optional
// dependencies that `selection` enables.
std::set<std::string> enabled_optional_dependencies(const Manifest& member, const FeatureSelection& selection);
// The features of `member` that `selection` turns on (what `cfg(feature = "x")` sees).
std::set<std::string> enabled_features(const Manifest& member, const FeatureSelection& selection);

}  // namespace cratescope::load
