#include "audit/fail_policy.hpp"

#include <algorithm>

namespace cratescope::audit {

Expected<FailPolicy> parse_fail_policy(std::string_view text) {
  FailPolicy policy;
  policy.any_vulnerability = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    bool known = true;
    if (item == "none") policy.never = true;
    else if (item == "vulnerability" || item == "vulnerabilities" || item == "any") policy.any_vulnerability = true;
    else if (item == "reachable") policy.only_reachable = true;
    else if (item == "warnings" || item == "warning")
      policy.warning_kinds = {FindingKind::unmaintained, FindingKind::unsound, FindingKind::notice, FindingKind::yanked};
    else if (auto kind = finding_kind_from_string(item); kind && *kind != FindingKind::vulnerability)
      policy.warning_kinds.insert(*kind);
    else {
      known = false;
      for (auto s : {advisory::Severity::low, advisory::Severity::medium, advisory::Severity::high,
                     advisory::Severity::critical}) {
        if (item == advisory::to_string(s)) {
          policy.min_severity = s;
          known = true;
        }
      }
    }
    if (!known)
      return unexpected("unknown --fail-on value '" + item +
                        "' (expected: none, vulnerability, low, medium, high, critical, reachable, warnings, "
                        "unmaintained, unsound, notice, yanked)");
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  // Naming only warning kinds still fails on vulnerabilities, as users expect.
  if (!policy.min_severity && !policy.never) policy.any_vulnerability = true;
  return policy;
}

bool fails(const FailPolicy& policy, const Finding& finding) {
  if (policy.never || finding.ignored_by || !finding.applies_to_target) return false;
  if (finding.kind != FindingKind::vulnerability) return policy.warning_kinds.count(finding.kind) > 0;
  if (policy.only_reachable && finding.reachability &&
      finding.reachability->verdict == callgraph::Verdict::not_reachable)
    return false;
  if (policy.any_vulnerability) return true;
  if (!policy.min_severity) return false;
  if (!finding.advisory || !finding.advisory->cvss) return true;
  return static_cast<int>(finding.advisory->severity()) >= static_cast<int>(*policy.min_severity);
}

bool fails(const FailPolicy& policy, const AuditResult& result) {
  return std::any_of(result.findings.begin(), result.findings.end(), [&](auto& f) { return fails(policy, f); });
}

}  // namespace cratescope::audit
