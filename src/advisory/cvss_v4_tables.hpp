#pragma once
// Internal: the data of the CVSS v4.0 scoring system (FIRST CVSS v4.0
// specification, section 8, and its reference calculator): the expert-rated
// score of each macro vector and the highest-severity vectors of each
// equivalence class.
#include <optional>
#include <vector>

namespace cratescope::advisory::cvss_detail {

// Score of macro vector eq1..eq6 (e.g. 0,0,0,0,0,0 -> 10.0), nullopt when
// that combination does not exist (e.g. eq1 = 3, or eq3 = 2 with eq6 = 0).
std::optional<double> macro_vector_score(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6);

// Highest-severity members of each equivalence class level. Values are the
// metric letters in the order given in the field comments.
struct Eq1Max { char av, pr, ui; };
struct Eq2Max { char ac, at; };
struct Eq3Eq6Max { char vc, vi, va, cr, ir, ar; };
struct Eq4Max { char sc, si, sa; };

const std::vector<Eq1Max>& eq1_maxima(int level);
const std::vector<Eq2Max>& eq2_maxima(int level);
const std::vector<Eq3Eq6Max>& eq3_eq6_maxima(int eq3, int eq6);
const std::vector<Eq4Max>& eq4_maxima(int level);

// The depth of each macro vector in severity-distance steps ("max severity").
int eq1_depth(int level);
int eq2_depth(int level);
int eq3_eq6_depth(int eq3, int eq6);
int eq4_depth(int level);

}  // namespace cratescope::advisory::cvss_detail
