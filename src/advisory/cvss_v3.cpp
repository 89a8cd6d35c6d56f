// CVSS v3.0 / v3.1 base score, per the FIRST specification (section 7).
// Temporal and environmental metrics are accepted (so such vectors are not
// rejected) but only the base score is computed: that is the score NVD,
// GitHub and RustSec publish.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "advisory/cvss_metrics.hpp"

namespace cratescope::advisory::cvss_detail {

const std::vector<MetricDefinition>& cvss_v3_definitions() {
  static const std::vector<MetricDefinition> definitions = {
      {"AV", {"N", "A", "L", "P"}, true},
      {"AC", {"L", "H"}, true},
      {"PR", {"N", "L", "H"}, true},
      {"UI", {"N", "R"}, true},
      {"S", {"U", "C"}, true},
      {"C", {"H", "L", "N"}, true},
      {"I", {"H", "L", "N"}, true},
      {"A", {"H", "L", "N"}, true},
      {"E", {"X", "U", "P", "F", "H"}},
      {"RL", {"X", "O", "T", "W", "U"}},
      {"RC", {"X", "U", "R", "C"}},
      {"CR", {"X", "L", "M", "H"}},
      {"IR", {"X", "L", "M", "H"}},
      {"AR", {"X", "L", "M", "H"}},
      {"MAV", {"X", "N", "A", "L", "P"}},
      {"MAC", {"X", "L", "H"}},
      {"MPR", {"X", "N", "L", "H"}},
      {"MUI", {"X", "N", "R"}},
      {"MS", {"X", "U", "C"}},
      {"MC", {"X", "N", "L", "H"}},
      {"MI", {"X", "N", "L", "H"}},
      {"MA", {"X", "N", "L", "H"}},
  };
  return definitions;
}

// The smallest number with one decimal that is >= x. This is the v3.1
// Roundup (Appendix A), which works on integers to avoid results like
// 4.000000000000001 rounding to 4.1. v3.0 defines Roundup the same way
// mathematically, so the robust version is used for both.
static double round_up(double x) {
  auto scaled = static_cast<int64_t>(std::llround(x * 100000.0));
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return (std::floor(static_cast<double>(scaled) / 10000.0) + 1.0) / 10.0;
}

static double attack_vector(std::string_view v) { return v == "N" ? 0.85 : v == "A" ? 0.62 : v == "L" ? 0.55 : 0.2; }
static double attack_complexity(std::string_view v) { return v == "L" ? 0.77 : 0.44; }
static double privileges_required(std::string_view v, bool scope_changed) {
  if (v == "N") return 0.85;
  if (v == "L") return scope_changed ? 0.68 : 0.62;
  return scope_changed ? 0.5 : 0.27;
}
static double user_interaction(std::string_view v) { return v == "N" ? 0.85 : 0.62; }
static double cia_impact(std::string_view v) { return v == "H" ? 0.56 : v == "L" ? 0.22 : 0.0; }

double cvss_v3_base_score(const MetricValues& m, int /*minor_version: same base formula in 3.0 and 3.1*/) {
  const bool scope_changed = m.get("S") == "C";
  const double impact_sub_score =
      1.0 - (1.0 - cia_impact(m.get("C"))) * (1.0 - cia_impact(m.get("I"))) * (1.0 - cia_impact(m.get("A")));
  const double impact = scope_changed ? 7.52 * (impact_sub_score - 0.029) - 3.25 * std::pow(impact_sub_score - 0.02, 15)
                                      : 6.42 * impact_sub_score;
  const double exploitability = 8.22 * attack_vector(m.get("AV")) * attack_complexity(m.get("AC")) *
                                privileges_required(m.get("PR"), scope_changed) * user_interaction(m.get("UI"));
  if (impact <= 0) return 0.0;
  if (scope_changed) return round_up(std::min(1.08 * (impact + exploitability), 10.0));
  return round_up(std::min(impact + exploitability, 10.0));
}

}  // namespace cratescope::advisory::cvss_detail
