#include "capabilities/capability_policy.hpp"

#include <sstream>

namespace cratescope::capabilities {

Expected<CapabilityPolicy> parse_capability_policy(const std::string& text) {
  CapabilityPolicy policy;
  std::stringstream in(text);
  for (std::string word; std::getline(in, word, ',');) {
    word.erase(0, word.find_first_not_of(' '));
    word.erase(word.find_last_not_of(' ') + 1);
    if (word.empty() || word == "none") continue;
    if (word == "unsafe") policy.any_unsafe = true;
    else if (word == "unknown") policy.unknown = true;
    else if (word == "new-capability") policy.new_capability = true;
    else if (word == "added") policy.added = true;
    else if (auto c = capability_from_string(word)) policy.held.insert(*c);
    else
      return unexpected("--fail-on: unknown value `" + word +
                        "` (expected none, unsafe, unknown, new-capability, added, or a capability such as NET)");
  }
  return policy;
}

std::vector<std::string> policy_failures(const CapabilityPolicy& policy, const std::vector<PackageCapabilities>& packages) {
  std::vector<std::string> out;
  for (const auto& p : packages) {
    std::string who = p.name + " " + p.version;
    if (!p.result) {
      if (policy.unknown) out.push_back(who + " is unknown: " + p.missing_reason);
      continue;
    }
    if (policy.any_unsafe && p.result->unsafe_counts.total() > 0)
      out.push_back(who + " has " + std::to_string(p.result->unsafe_counts.total()) + " unsafe site(s)");
    auto held = p.result->capabilities();
    for (Capability c : policy.held)
      if (held.contains(c)) out.push_back(who + " holds " + std::string(to_string(c)));
    if (policy.unknown && held.contains(Capability::unanalyzed) && !policy.held.contains(Capability::unanalyzed))
      out.push_back(who + " has code cratescope could not analyse (UNANALYZED)");
  }
  return out;
}

std::vector<std::string> policy_failures(const CapabilityPolicy& policy, const std::vector<CrateDiff>& diffs) {
  std::vector<std::string> out;
  for (const auto& d : diffs) {
    std::string who = d.name + " " + (d.old_version.empty() ? "(new)" : d.old_version) + " -> " +
                      (d.new_version.empty() ? "(removed)" : d.new_version);
    if (policy.unknown && !d.unknown.empty()) out.push_back(who + " is unknown: " + d.unknown);
    if (policy.new_capability) {
      for (Capability c : d.new_capabilities) out.push_back(who + " gains " + std::string(to_string(c)));
      if (d.forbid_dropped) out.push_back(who + " no longer forbids unsafe code");
      if (!d.checksum_changed.empty()) out.push_back(who + " is pinned to another checksum: " + d.checksum_changed);
    }
    if (policy.added && d.adds_something())
      out.push_back(who + " adds " + std::to_string(d.added.size()) + " capability site(s) and " +
                    std::to_string(d.added_unsafe.size()) + " unsafe site(s)");
    for (const auto& f : d.added)
      if (policy.held.contains(f.capability)) {
        out.push_back(who + " adds " + std::string(to_string(f.capability)) + " (" + f.evidence + ")");
        break;
      }
    if (policy.any_unsafe && !d.added_unsafe.empty())
      out.push_back(who + " adds " + std::to_string(d.added_unsafe.size()) + " unsafe site(s)");
  }
  return out;
}

}  // namespace cratescope::capabilities
