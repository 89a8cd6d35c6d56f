// libFuzzer target: parse_cvss on arbitrary strings. A parsed vector must have
// a score in [0, 10] with one decimal and the matching severity.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "advisory/cvss.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cratescope::advisory;
  const std::string_view vector(reinterpret_cast<const char*>(data), size);
  auto cvss = parse_cvss(vector);
  if (!cvss) return 0;
  const double score = cvss->score;
  if (!(score >= 0.0 && score <= 10.0)) __builtin_trap();
  if (std::fabs(score * 10.0 - std::round(score * 10.0)) > 1e-9) __builtin_trap();
  if (cvss->severity != severity_of_score(score)) __builtin_trap();
  if (cvss->major_version != 3 && cvss->major_version != 4) __builtin_trap();
  return 0;
}
