// parse_cvss: recognise the version prefix, validate the metrics, score.
#include <cmath>

#include "advisory/cvss.hpp"
#include "advisory/cvss_metrics.hpp"

namespace cratescope::advisory {

Expected<Cvss> parse_cvss(std::string_view vector) {
  using namespace cvss_detail;
  constexpr size_t kMaxVectorLength = 512;  // the longest legal v4 vector is ~250 bytes
  if (vector.size() > kMaxVectorLength) return unexpected(std::string("CVSS vector is too long"));
  if (vector.substr(0, 5) != "CVSS:")
    return unexpected(std::string("CVSS vector must start with \"CVSS:3.0/\", \"CVSS:3.1/\" or \"CVSS:4.0/\""));
  size_t slash = vector.find('/');
  std::string_view version = vector.substr(5, slash == std::string_view::npos ? std::string_view::npos : slash - 5);
  if (slash == std::string_view::npos) return unexpected("CVSS vector has no metrics after \"CVSS:" + std::string(version) + "\"");
  std::string_view metrics = vector.substr(slash + 1);

  Cvss cvss;
  cvss.vector = std::string(vector);
  if (version == "3.0" || version == "3.1") {
    auto values = parse_metrics(metrics, cvss_v3_definitions());
    if (!values) return unexpected(values.error());
    cvss.major_version = 3;
    cvss.score = cvss_v3_base_score(*values, version == "3.0" ? 0 : 1);
  } else if (version == "4.0") {
    auto values = parse_metrics(metrics, cvss_v4_definitions());
    if (!values) return unexpected(values.error());
    cvss.major_version = 4;
    cvss.score = cvss_v4_score(*values);
  } else {
    return unexpected("unsupported CVSS version \"" + std::string(version) + "\" (supported: 3.0, 3.1, 4.0)");
  }
  cvss.score = std::round(cvss.score * 10.0) / 10.0;  // scores are defined to one decimal
  cvss.severity = severity_of_score(cvss.score);
  return cvss;
}

}  // namespace cratescope::advisory
