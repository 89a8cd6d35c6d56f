#pragma once
// Internal to the advisory module: the "NAME:VALUE/NAME:VALUE" part of a CVSS
// vector, checked against the metrics a CVSS version defines.
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"

namespace cratescope::advisory::cvss_detail {

struct MetricDefinition {
  std::string_view name;
  std::vector<std::string_view> values;
  bool mandatory = false;
};

// The metrics of one vector, by name, after validation.
class MetricValues {
 public:
  // Empty view when the metric is absent.
  std::string_view get(std::string_view name) const;
  // The value, or "X" (Not Defined) when the metric is absent.
  std::string_view get_or_not_defined(std::string_view name) const;
  void set(std::string_view name, std::string_view value) { entries_.push_back({name, value}); }

 private:
  struct Entry {
    std::string_view name, value;
  };
  std::vector<Entry> entries_;
};

// Splits `metrics` (the vector without its "CVSS:x.y/" prefix) and checks each
// metric against `definitions`: unknown metrics, unknown values, duplicates
// and missing mandatory metrics are errors. The views point into `metrics`.
Expected<MetricValues> parse_metrics(std::string_view metrics, const std::vector<MetricDefinition>& definitions);

// Base score of a CVSS v3.0 / v3.1 vector (metrics already validated).
double cvss_v3_base_score(const MetricValues& metrics, int minor_version);
const std::vector<MetricDefinition>& cvss_v3_definitions();

// CVSS v4.0 score (CVSS-B, -BT, -BE or -BTE, whichever metrics are present).
double cvss_v4_score(const MetricValues& metrics);
const std::vector<MetricDefinition>& cvss_v4_definitions();

}  // namespace cratescope::advisory::cvss_detail
