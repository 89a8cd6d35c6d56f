// CVSS v4.0 scoring, per the FIRST CVSS v4.0 specification (section 8) and
// its reference calculator: the vector is mapped to a macro vector (six
// equivalence classes), whose expert-rated score is then lowered by the
// vector's severity distance from the most severe vectors of that macro
// vector, interpolated towards the next lower macro vectors.
#include <algorithm>
#include <array>
#include <cmath>

#include "advisory/cvss_metrics.hpp"
#include "advisory/cvss_v4_tables.hpp"

namespace cratescope::advisory::cvss_detail {

const std::vector<MetricDefinition>& cvss_v4_definitions() {
  static const std::vector<MetricDefinition> definitions = {
      // Base
      {"AV", {"N", "A", "L", "P"}, true},
      {"AC", {"L", "H"}, true},
      {"AT", {"N", "P"}, true},
      {"PR", {"N", "L", "H"}, true},
      {"UI", {"N", "P", "A"}, true},
      {"VC", {"H", "L", "N"}, true},
      {"VI", {"H", "L", "N"}, true},
      {"VA", {"H", "L", "N"}, true},
      {"SC", {"H", "L", "N"}, true},
      {"SI", {"H", "L", "N"}, true},
      {"SA", {"H", "L", "N"}, true},
      // Threat
      {"E", {"X", "A", "P", "U"}},
      // Environmental
      {"CR", {"X", "H", "M", "L"}},
      {"IR", {"X", "H", "M", "L"}},
      {"AR", {"X", "H", "M", "L"}},
      {"MAV", {"X", "N", "A", "L", "P"}},
      {"MAC", {"X", "L", "H"}},
      {"MAT", {"X", "N", "P"}},
      {"MPR", {"X", "N", "L", "H"}},
      {"MUI", {"X", "N", "P", "A"}},
      {"MVC", {"X", "H", "L", "N"}},
      {"MVI", {"X", "H", "L", "N"}},
      {"MVA", {"X", "H", "L", "N"}},
      {"MSC", {"X", "H", "L", "N"}},
      {"MSI", {"X", "S", "H", "L", "N"}},
      {"MSA", {"X", "S", "H", "L", "N"}},
      // Supplemental (never change the score)
      {"S", {"X", "N", "P"}},
      {"AU", {"X", "N", "Y"}},
      {"R", {"X", "A", "U", "I"}},
      {"V", {"X", "D", "C"}},
      {"RE", {"X", "L", "M", "H"}},
      {"U", {"X", "Clear", "Green", "Amber", "Red"}},
  };
  return definitions;
}

namespace {

// The values that enter the score: a modified (environmental) metric
// overrides its base metric, and "Not Defined" threat/requirement metrics
// take their worst case (E:A, CR/IR/AR:H), as the specification says.
struct EffectiveMetrics {
  char av, ac, at, pr, ui, vc, vi, va, sc, si, sa, e, cr, ir, ar;
  bool msi_safety, msa_safety;

  explicit EffectiveMetrics(const MetricValues& m) {
    auto pick = [&](std::string_view base) {
      std::string_view modified = m.get_or_not_defined(std::string("M") + std::string(base));
      return modified != "X" ? modified[0] : m.get(base)[0];
    };
    auto defaulted = [&](std::string_view name, char worst) {
      std::string_view value = m.get_or_not_defined(name);
      return value == "X" ? worst : value[0];
    };
    av = pick("AV"), ac = pick("AC"), at = pick("AT"), pr = pick("PR"), ui = pick("UI");
    vc = pick("VC"), vi = pick("VI"), va = pick("VA"), sc = pick("SC"), si = pick("SI"), sa = pick("SA");
    e = defaulted("E", 'A'), cr = defaulted("CR", 'H'), ir = defaulted("IR", 'H'), ar = defaulted("AR", 'H');
    msi_safety = m.get("MSI") == "S";
    msa_safety = m.get("MSA") == "S";
  }
};

struct MacroVector {
  int eq1, eq2, eq3, eq4, eq5, eq6;
};

MacroVector macro_vector_of(const EffectiveMetrics& m) {
  MacroVector mv{};
  if (m.av == 'N' && m.pr == 'N' && m.ui == 'N') mv.eq1 = 0;
  else if ((m.av == 'N' || m.pr == 'N' || m.ui == 'N') && m.av != 'P') mv.eq1 = 1;
  else mv.eq1 = 2;

  mv.eq2 = m.ac == 'L' && m.at == 'N' ? 0 : 1;

  if (m.vc == 'H' && m.vi == 'H') mv.eq3 = 0;
  else if (m.vc == 'H' || m.vi == 'H' || m.va == 'H') mv.eq3 = 1;
  else mv.eq3 = 2;

  if (m.msi_safety || m.msa_safety) mv.eq4 = 0;
  else if (m.sc == 'H' || m.si == 'H' || m.sa == 'H') mv.eq4 = 1;
  else mv.eq4 = 2;

  mv.eq5 = m.e == 'A' ? 0 : m.e == 'P' ? 1 : 2;

  mv.eq6 = (m.cr == 'H' && m.vc == 'H') || (m.ir == 'H' && m.vi == 'H') || (m.ar == 'H' && m.va == 'H') ? 0 : 1;
  return mv;
}

// Severity levels in tenths, as in the specification's severity distances.
int level_av(char v) { return v == 'N' ? 0 : v == 'A' ? 1 : v == 'L' ? 2 : 3; }
int level_pr(char v) { return v == 'N' ? 0 : v == 'L' ? 1 : 2; }
int level_ui(char v) { return v == 'N' ? 0 : v == 'P' ? 1 : 2; }
int level_ac(char v) { return v == 'L' ? 0 : 1; }
int level_at(char v) { return v == 'N' ? 0 : 1; }
int level_vulnerable(char v) { return v == 'H' ? 0 : v == 'L' ? 1 : 2; }
int level_sc(char v) { return v == 'H' ? 1 : v == 'L' ? 2 : 3; }
int level_si_sa(char v) { return v == 'S' ? 0 : v == 'H' ? 1 : v == 'L' ? 2 : 3; }
int level_requirement(char v) { return v == 'H' ? 0 : v == 'M' ? 1 : 2; }

struct SeverityDistances {
  int eq1 = 0, eq2 = 0, eq3_eq6 = 0, eq4 = 0;
};

// Distance of `m` from the first most-severe vector of its macro vector that
// is at least as severe in every metric (the reference calculator's search
// order; if none qualifies, the last candidate is used, as there).
SeverityDistances severity_distances(const EffectiveMetrics& m, const MacroVector& mv) {
  // MSI:S / MSA:S are reported as SI/SA "S" for the distance.
  const char si = m.msi_safety ? 'S' : m.si, sa = m.msa_safety ? 'S' : m.sa;
  SeverityDistances result;
  for (const Eq1Max& e1 : eq1_maxima(mv.eq1))
    for (const Eq2Max& e2 : eq2_maxima(mv.eq2))
      for (const Eq3Eq6Max& e3 : eq3_eq6_maxima(mv.eq3, mv.eq6))
        for (const Eq4Max& e4 : eq4_maxima(mv.eq4)) {
          const std::array<int, 14> d = {
              level_av(m.av) - level_av(e1.av),
              level_pr(m.pr) - level_pr(e1.pr),
              level_ui(m.ui) - level_ui(e1.ui),
              level_ac(m.ac) - level_ac(e2.ac),
              level_at(m.at) - level_at(e2.at),
              level_vulnerable(m.vc) - level_vulnerable(e3.vc),
              level_vulnerable(m.vi) - level_vulnerable(e3.vi),
              level_vulnerable(m.va) - level_vulnerable(e3.va),
              level_requirement(m.cr) - level_requirement(e3.cr),
              level_requirement(m.ir) - level_requirement(e3.ir),
              level_requirement(m.ar) - level_requirement(e3.ar),
              level_sc(m.sc) - level_sc(e4.sc),
              level_si_sa(si) - level_si_sa(e4.si),
              level_si_sa(sa) - level_si_sa(e4.sa),
          };
          result = {d[0] + d[1] + d[2], d[3] + d[4], d[5] + d[6] + d[7] + d[8] + d[9] + d[10], d[11] + d[12] + d[13]};
          bool all_non_negative = true;
          for (int x : d) all_non_negative = all_non_negative && x >= 0;
          if (all_non_negative) return result;
        }
  return result;
}

std::optional<double> score_of(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
  return macro_vector_score(eq1, eq2, eq3, eq4, eq5, eq6);
}

}  // namespace

double cvss_v4_score(const MetricValues& metrics) {
  const EffectiveMetrics m(metrics);
  // No impact on any system: the score is 0 whatever else the vector says.
  if (m.vc == 'N' && m.vi == 'N' && m.va == 'N' && m.sc == 'N' && m.si == 'N' && m.sa == 'N') return 0.0;

  const MacroVector mv = macro_vector_of(m);
  const auto [eq1, eq2, eq3, eq4, eq5, eq6] = mv;
  const std::optional<double> macro_score = score_of(eq1, eq2, eq3, eq4, eq5, eq6);
  if (!macro_score) return 0.0;  // cannot happen for a validated vector
  double value = *macro_score;

  // Scores of the next lower macro vector in each class (may not exist).
  const std::optional<double> lower_eq1 = score_of(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  const std::optional<double> lower_eq2 = score_of(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  std::optional<double> lower_eq3_eq6;  // EQ3 and EQ6 are stepped together
  if (eq3 == 0 && eq6 == 0) {
    // Two ways down (00 -> 01 or 00 -> 10): the higher-scoring one.
    auto left = score_of(eq1, eq2, eq3, eq4, eq5, eq6 + 1), right = score_of(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    lower_eq3_eq6 = left && (!right || *left > *right) ? left : right;
  } else if (eq3 == 1 && eq6 == 0) {
    lower_eq3_eq6 = score_of(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  } else if (eq3 < 2) {
    lower_eq3_eq6 = score_of(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  }  // eq3 == 2: nothing lower
  const std::optional<double> lower_eq4 = score_of(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  const std::optional<double> lower_eq5 = score_of(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  const SeverityDistances distance = severity_distances(m, mv);
  double total = 0.0;
  int classes_with_lower = 0;
  auto add = [&](const std::optional<double>& lower, int severity_distance, int depth) {
    if (!lower) return;
    ++classes_with_lower;
    total += (value - *lower) * static_cast<double>(severity_distance) / static_cast<double>(depth);
  };
  add(lower_eq1, distance.eq1, eq1_depth(eq1));
  add(lower_eq2, distance.eq2, eq2_depth(eq2));
  add(lower_eq3_eq6, distance.eq3_eq6, eq3_eq6_depth(eq3, eq6));
  add(lower_eq4, distance.eq4, eq4_depth(eq4));
  add(lower_eq5, 0, 1);  // EQ5 has a single vector per level: distance is always 0

  if (classes_with_lower > 0) value -= total / classes_with_lower;
  value = std::clamp(value, 0.0, 10.0);
  // Round half up to one decimal; the small lift keeps ties such as
  // 5.6499999999999995 (meant as 5.65) on the right side.
  return std::floor((value + 1e-6) * 10.0 + 0.5) / 10.0;
}

}  // namespace cratescope::advisory::cvss_detail
