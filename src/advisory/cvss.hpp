#pragma once
// CVSS v3.0 / v3.1 base score and v4.0 score (from the vector string alone).
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace cratescope::advisory {

enum class Severity { none, low, medium, high, critical };
const char* to_string(Severity severity);
// Qualitative rating of a score (the same bands in v3 and v4).
Severity severity_of_score(double score);

struct Cvss {
  std::string vector;  // as written
  int major_version = 3;  // 3 or 4
  double score = 0.0;     // 0.0 - 10.0, one decimal
  Severity severity = Severity::none;
};

Expected<Cvss> parse_cvss(std::string_view vector);

}  // namespace cratescope::advisory
