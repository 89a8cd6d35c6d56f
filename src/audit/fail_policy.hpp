#pragma once
// --fail-on: which findings make the run fail (exit code 1).
#include <set>
#include <string>
#include <string_view>

#include "advisory/cvss.hpp"
#include "audit/audit.hpp"
#include "core/expected.hpp"

namespace cratescope::audit {

struct FailPolicy {
  bool never = false;                     // "none"
  bool any_vulnerability = true;          // "vulnerability" (the default)
  std::optional<advisory::Severity> min_severity;  // "low" .. "critical"
  std::set<FindingKind> warning_kinds;    // "unmaintained", "unsound", "notice", "yanked"; "warnings" = all
  // "reachable": a vulnerability fails only when the call graph does not rule
  // it out (verdict reachable or unknown, or reachability not computed).
  bool only_reachable = false;
};

// A comma-separated list, e.g. "high,unsound". Accepts: none, vulnerability,
// low, medium, high, critical, reachable, warnings, unmaintained, unsound,
// notice, yanked. `reachable` narrows the vulnerabilities the others select.
Expected<FailPolicy> parse_fail_policy(std::string_view text);

// Does this (not ignored) finding fail the run? Vulnerabilities without a CVSS
// score fail at every severity threshold: an unknown severity is not a low one.
bool fails(const FailPolicy& policy, const Finding& finding);
bool fails(const FailPolicy& policy, const AuditResult& result);

}  // namespace cratescope::audit
