// `scan --format sarif`: one rule per scanner rule, one result per finding
// that counts for the verdict, located in the scanned file.
#include "core/untrusted_text.hpp"
#include "report/json_values.hpp"
#include "report/sarif_values.hpp"
#include "report/scan_report.hpp"

namespace cratescope::report {

using nlohmann::json;

namespace {

constexpr const char* kFingerprintKey = "cratescope/scan/v1";

const char* sarif_level(scan::Severity severity) {
  switch (severity) {
    case scan::Severity::critical:
    case scan::Severity::high: return "error";
    case scan::Severity::medium: return "warning";
    case scan::Severity::low: return "note";
  }
  return "note";
}

std::string rule_description(const scan::ScanFinding& f) {
  return std::string(scan::to_string(f.kind)) + ": " + f.why;
}

}  // namespace

json render_scan_sarif(const ScanReportInput& in) {
  SarifRules rules("https://github.com/cratescope/cratescope/blob/main/docs/scan.md");
  json results = json::array();
  for (const auto& crate : in.run.crates) {
    std::string package = crate.name + (crate.version.empty() ? "" : " " + crate.version);
    for (const auto& f : crate.findings) {
      if (!scan::counts_for_verdict(f)) continue;
      size_t rule = rules.index(f.rule_id, rule_description(f));
      std::string text = package + " (" + std::string(scan::to_string(crate.verdict)) + "): " + f.why;
      if (!f.excerpt.empty()) text += " — " + f.excerpt;
      json result = {{"ruleId", f.rule_id},
                     {"ruleIndex", rule},
                     {"level", sarif_level(f.severity)},
                     {"message", {{"text", json_text(terminal_safe(text))}}},
                     {"locations",
                      json::array({{{"physicalLocation",
                                     sarif_physical_location(scanned_file_path(crate, f.location.file), f.location.position, "")}}})},
                     {"partialFingerprints", {{kFingerprintKey, fingerprint({package, f.rule_id, f.location.file, f.excerpt})}}},
                     {"properties",
                      {{"package", json_text(package)},
                       {"verdict", scan::to_string(crate.verdict)},
                       {"kind", scan::to_string(f.kind)},
                       {"confidence", scan::to_string(f.confidence)},
                       {"buildTime", f.build_time}}}};
      results.push_back(std::move(result));
    }
  }
  return sarif_log(in.tool_version, "", rules, results);
}

}  // namespace cratescope::report
