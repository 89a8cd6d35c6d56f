#include "load/feature_selection.hpp"

namespace cratescope::load {

std::string FeatureSelection::describe() const {
  if (all_features) return "all features";
  std::string out = default_features ? "default features" : "no default features";
  for (size_t i = 0; i < features.size(); ++i) out += (i == 0 ? " + " : ", ") + features[i];
  return out;
}

namespace {

bool is_optional_dependency(const Manifest& manifest, const std::string& key) {
  for (const auto& spec : manifest.dependencies)
    if (spec.optional && spec.name == key) return true;
  return false;
}

// The features this member is asked for: plain names, and `member/feature`
// for this member.
std::vector<std::string> requested(const Manifest& member, const FeatureSelection& selection) {
  std::vector<std::string> out;
  std::string own = member.package ? member.package->name + "/" : std::string();
  for (const auto& f : selection.features) {
    if (f.find('/') == std::string::npos)
      out.push_back(f);
    else if (!own.empty() && f.starts_with(own))
      out.push_back(f.substr(own.size()));
  }
  if (selection.default_features) out.push_back("default");
  return out;
}

// The closure of the requested features: the features on and the optional
// dependencies they turn on.
struct Enabled {
  std::set<std::string> features;
  std::set<std::string> optional_dependencies;
};

Enabled enable(const Manifest& member, const FeatureSelection& selection) {
  Enabled out;
  if (selection.all_features) {
    for (const auto& [feature, _] : member.features) out.features.insert(feature);
    for (const auto& spec : member.dependencies)
      if (spec.optional) {
        out.optional_dependencies.insert(spec.name);
        out.features.insert(spec.name);
      }
    return out;
  }
  std::vector<std::string> pending = requested(member, selection);
  // A feature's values: `dep:x` turns on dependency x; `x/f` turns on x (and
  // its feature f, not followed here); `x?/f` only if x is on anyway; any
  // other value is a feature. An optional dependency is also a feature of
  // its own name (unless `dep:` hides it; that nuance is not needed here).
  while (!pending.empty()) {
    std::string feature = std::move(pending.back());
    pending.pop_back();
    if (!out.features.insert(feature).second) continue;
    auto it = member.features.find(feature);
    if (it == member.features.end()) {
      if (is_optional_dependency(member, feature)) out.optional_dependencies.insert(feature);
      continue;
    }
    for (const std::string& value : it->second) {
      if (value.starts_with("dep:")) {
        out.optional_dependencies.insert(value.substr(4));
      } else if (auto slash = value.find('/'); slash != std::string::npos) {
        std::string dependency = value.substr(0, slash);
        if (dependency.ends_with("?")) continue;
        if (is_optional_dependency(member, dependency)) pending.push_back(dependency);
      } else {
        pending.push_back(value);
      }
    }
  }
  return out;
}

}  // namespace

std::set<std::string> enabled_optional_dependencies(const Manifest& member, const FeatureSelection& selection) {
  return enable(member, selection).optional_dependencies;
}

std::set<std::string> enabled_features(const Manifest& member, const FeatureSelection& selection) {
  std::set<std::string> features = enable(member, selection).features;
  if (!member.features.contains("default")) features.erase("default");  // not a feature then
  return features;
}

}  // namespace cratescope::load
