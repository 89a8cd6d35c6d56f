#pragma once
// From a crate's findings to one word a registry operator can act on:
// `malicious` only for combinations real malicious crates show (stealing
// plus sending, running downloaded code at build time, Trojan Source),
// `suspicious` for anything a reviewer should look at, else `clean`.
#include <string>
#include <string_view>
#include <vector>

#include "scan/scan_finding.hpp"

namespace cratescope::scan {

enum class Verdict { clean, suspicious, malicious };
std::string_view to_string(Verdict verdict);

struct VerdictResult {
  Verdict verdict = Verdict::clean;
  std::vector<std::string> reasons;
};

// Findings with `allowed_because` set are ignored.
VerdictResult decide_verdict(const std::vector<ScanFinding>& findings);

}  // namespace cratescope::scan
