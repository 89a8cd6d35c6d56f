#include "advisory/cvss.hpp"

namespace cratescope::advisory {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::none: return "none";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "none";
}

Severity severity_of_score(double score) {
  // FIRST's qualitative bands (identical in v3.x and v4.0).
  if (!(score > 0.0)) return Severity::none;  // also catches NaN
  if (score < 4.0) return Severity::low;
  if (score < 7.0) return Severity::medium;
  if (score < 9.0) return Severity::high;
  return Severity::critical;
}

}  // namespace cratescope::advisory
