#pragma once
// Renders `cratescope scan` for people (text) and machines (JSON, SARIF
// 2.1.0). The JSON schema is in docs/scan-json.md.
#include <string>

#include <nlohmann/json.hpp>

#include "report/audit_report.hpp"
#include "scan/scan_run.hpp"

namespace cratescope::report {

struct ScanReportInput {
  const scan::ScanRunResult& run;
  std::string tool_version;
  std::string what;  // "crate", "project", "registry": how the input was read
};

// Text shows the findings that count for the verdict; -v adds the ones an
// allow-list or low confidence set aside, and lists clean crates.
std::string render_scan_text(const ScanReportInput& input, const TextStyle& style);
nlohmann::json render_scan_json(const ScanReportInput& input);
// One crate as the JSON report has it (the quarantine store keeps it too).
nlohmann::json scan_crate_json(const scan::CrateScan& crate);
nlohmann::json render_scan_sarif(const ScanReportInput& input);

// Where a crate's file is: `<crate dir>/<file>`, or `<x.crate>/<file>` for an
// archive unpacked only for the scan.
std::string scanned_file_path(const scan::CrateScan& crate, const std::string& file);

}  // namespace cratescope::report
