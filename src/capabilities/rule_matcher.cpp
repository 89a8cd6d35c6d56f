#include "capabilities/rule_matcher.hpp"

#include "model/use_resolver.hpp"

namespace cratescope::capabilities {

RuleMatcher::RuleMatcher(std::span<const CapabilityRule> rules) {
  for (const CapabilityRule& rule : rules) {
    std::string_view p = rule.pattern;
    if (p.ends_with("!")) {
      macros_[p.substr(0, p.size() - 1)] = &rule;
    } else if (p.starts_with("*")) {
      crate_suffixes_.emplace_back(p.substr(1), &rule);
    } else if (p.starts_with(".")) {
      methods_[p.substr(1)] = &rule;
    } else {
      paths_[p] = &rule;
    }
  }
}

const CapabilityRule* RuleMatcher::match_path(std::string_view path) const {
  for (size_t end = path.size();;) {
    auto found = paths_.find(path.substr(0, end));
    if (found != paths_.end()) return found->second->capability ? found->second : nullptr;
    if (end == 0) break;
    end = path.rfind("::", end - 1);
    if (end == std::string_view::npos || end == 0) break;
  }
  size_t first_end = path.find("::");
  if (first_end == std::string_view::npos) return nullptr;  // a crate name alone is not a use
  std::string_view crate = path.substr(0, first_end);
  for (const auto& [suffix, rule] : crate_suffixes_)
    if (crate.size() > suffix.size() && crate.ends_with(suffix)) return rule->capability ? rule : nullptr;
  return nullptr;
}

const CapabilityRule* RuleMatcher::match_macro(std::string_view name) const {
  std::string normal = model::normalize_std(std::string(name));
  auto found = macros_.find(normal);
  if (found == macros_.end() && normal.starts_with("std::")) {
    // `std::include_bytes!` is the prelude's `include_bytes!`.
    size_t last = normal.rfind("::");
    found = macros_.find(std::string_view(normal).substr(last + 2));
  }
  if (found == macros_.end() || !found->second->capability) return nullptr;
  return found->second;
}

const CapabilityRule* RuleMatcher::match_method(std::string_view name) const {
  auto found = methods_.find(name);
  if (found == methods_.end() || !found->second->capability) return nullptr;
  return found->second;
}

}  // namespace cratescope::capabilities
