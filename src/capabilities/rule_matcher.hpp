#pragma once
// Looks resolved paths, macro names and method names up in the rule table.
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "capabilities/capability_rules.hpp"

namespace cratescope::capabilities {

class RuleMatcher {
 public:
  explicit RuleMatcher(std::span<const CapabilityRule> rules = capability_rules());

  // The longest rule whose pattern is `path` or a `::`-prefix of it; null when
  // none or when the longest is an exception.
  const CapabilityRule* match_path(std::string_view path) const;
  // `name` as written before the `!` (`asm`, `std::arch::asm`, `core::include_bytes`).
  const CapabilityRule* match_macro(std::string_view name) const;
  const CapabilityRule* match_method(std::string_view name) const;

 private:
  std::unordered_map<std::string_view, const CapabilityRule*> paths_, macros_, methods_;
  std::vector<std::pair<std::string_view, const CapabilityRule*>> crate_suffixes_;  // `*_sys`
};

}  // namespace cratescope::capabilities
