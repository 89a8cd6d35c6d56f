// `scan --format json`: every crate with its verdict, the reasons for it and
// every finding (allow-listed ones included, marked). Schema: docs/scan-json.md.
#include "core/untrusted_text.hpp"
#include "report/json_values.hpp"
#include "report/scan_report.hpp"

namespace cratescope::report {

using nlohmann::json;

namespace {

json finding_json(const scan::ScanFinding& f) {
  return {{"rule_id", f.rule_id},
          {"kind", scan::to_string(f.kind)},
          {"category", json_text_or_null(f.category)},
          {"severity", scan::to_string(f.severity)},
          {"confidence", scan::to_string(f.confidence)},
          {"location", json_location(f.location, "")},
          {"excerpt", json_text(f.excerpt)},
          {"why", json_text(f.why)},
          {"build_time", f.build_time},
          {"counted", scan::counts_for_verdict(f)},
          {"allowed_because", json_text_or_null(f.allowed_because)}};
}

}  // namespace

json scan_crate_json(const scan::CrateScan& crate) {
  json findings = json::array();
  for (const auto& finding : crate.findings) findings.push_back(finding_json(finding));
  return {{"name", json_text(crate.name)},
          {"version", json_text_or_null(crate.version)},
          {"source", json_text(crate.dir)},
          {"verdict", scan::to_string(crate.verdict)},
          {"reasons", json_text_list(crate.reasons)},
          {"files", crate.files},
          {"bytes", crate.bytes},
          {"errors", json_text_list(crate.errors)},
          {"findings", findings}};
}

json render_scan_json(const ScanReportInput& in) {
  json crates = json::array();
  size_t counts[3] = {0, 0, 0};
  for (const auto& crate : in.run.crates) {
    crates.push_back(scan_crate_json(crate));
    ++counts[static_cast<size_t>(crate.verdict)];
  }
  json missing = json::array();
  for (const auto& target : in.run.missing)
    missing.push_back({{"name", json_text(target.name.empty() ? target.label : target.name)},
                       {"version", json_text_or_null(target.version)},
                       {"reason", json_text(target.missing_reason)},
                       {"verdict", "unknown"}});
  return {{"tool", {{"name", "cratescope"}, {"version", json_text(in.tool_version)}}},
          {"input", in.what},
          {"summary",
           {{"crates", in.run.crates.size()},
            {"clean", counts[0]},
            {"suspicious", counts[1]},
            {"malicious", counts[2]},
            {"unknown", in.run.missing.size()},
            {"files", in.run.files},
            {"bytes", in.run.bytes}}},
          {"crates", crates},
          {"not_scanned", missing}};
}

}  // namespace cratescope::report
