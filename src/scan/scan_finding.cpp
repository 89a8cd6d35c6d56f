#include "scan/scan_finding.hpp"

namespace cratescope::scan {

bool counts_for_verdict(const ScanFinding& finding) {
  return finding.allowed_because.empty() && finding.confidence != Confidence::low;
}

std::string_view to_string(FindingKind kind) {
  switch (kind) {
    case FindingKind::secret: return "secret";
    case FindingKind::behaviour: return "behaviour";
    case FindingKind::binary: return "binary";
    case FindingKind::malware: return "malware";
    case FindingKind::typosquat: return "typosquat";
    case FindingKind::trojan_source: return "trojan-source";
    case FindingKind::provenance: return "provenance";
  }
  return "?";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "?";
}

std::string_view to_string(Confidence confidence) {
  switch (confidence) {
    case Confidence::low: return "low";
    case Confidence::medium: return "medium";
    case Confidence::high: return "high";
  }
  return "?";
}

}  // namespace cratescope::scan
