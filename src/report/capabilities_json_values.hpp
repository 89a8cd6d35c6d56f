#pragma once
// JSON pieces of the capabilities reports, shared by the plain and the diff report.
#include <string>

#include <nlohmann/json.hpp>

#include "capabilities/crate_capabilities.hpp"

namespace cratescope::report {

nlohmann::json json_unsafe_counts(const capabilities::UnsafeCounts& counts);
nlohmann::json json_capability_finding(const capabilities::CapabilityFinding& finding, const std::string& root);
nlohmann::json json_unsafe_site(const capabilities::UnsafeSiteRecord& record, const std::string& root);

}  // namespace cratescope::report
