#include "load/feature_selection.hpp"

namespace cratescope::load {

std::string FeatureSelection::describe() const {
  if (all_features) return "all features";
  std::string out = default_features ? "default features" : "no default features";
  for (size_t i = 0; i < features.size(); ++i) out += (i == 0 ? " + " : ", ") + features[i];
  return out;
}

}  // namespace cratescope::load
