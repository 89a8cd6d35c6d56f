#pragma once
// Renders `cratescope capabilities` (and its `--diff`) for people (text) and
// machines (JSON, SARIF 2.1.0). The JSON schema is in docs/capabilities-json.md.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "capabilities/lockfile_diff.hpp"
#include "capabilities/project_capabilities.hpp"
#include "callgraph/vulnerable_functions.hpp"
#include "report/audit_report.hpp"

namespace cratescope::report {

struct CapabilitiesReportInput {
  std::string root;  // project root or the crate dir: locations of members are shown relative to it
  const std::vector<capabilities::PackageCapabilities>& packages;
  std::string tool_version;
  bool details = false;  // every site of every package (text); JSON and SARIF always have them
  // The build counted (`capabilities --target`): "x86_64-pc-windows-msvc,
  // default features"; empty: every platform's and feature's code.
  std::string build;
  size_t not_built = 0;  // locked packages that build leaves out (not in `packages`)
  // `--reachable`: the project's call graph and, by package and by finding,
  // the verdict on the site's function (null: not asked).
  const callgraph::CallGraph* graph = nullptr;
  const std::vector<std::vector<callgraph::FunctionVerdict>>* reach = nullptr;
};

// The `--reachable` verdict on finding `finding` of package `package` (indexes
// in `input.packages` and its findings); null when not asked.
inline const callgraph::FunctionVerdict* site_verdict(const CapabilitiesReportInput& input, size_t package,
                                                      size_t finding) {
  if (!input.reach || package >= input.reach->size() || finding >= (*input.reach)[package].size()) return nullptr;
  return &(*input.reach)[package][finding];
}

struct CapabilitiesDiffInput {
  std::string old_label, new_label;  // what was compared: paths as given
  const std::vector<capabilities::CrateDiff>& crates;
  size_t unchanged = 0;
  std::string tool_version;
};

std::string render_capabilities_text(const CapabilitiesReportInput& input, const TextStyle& style);
nlohmann::json render_capabilities_json(const CapabilitiesReportInput& input);
nlohmann::json render_capabilities_sarif(const CapabilitiesReportInput& input);

std::string render_capabilities_diff_text(const CapabilitiesDiffInput& input, const TextStyle& style);
nlohmann::json render_capabilities_diff_json(const CapabilitiesDiffInput& input);
nlohmann::json render_capabilities_diff_sarif(const CapabilitiesDiffInput& input);

// Where a package's file paths are shown relative to: the project root for
// members, the package's own directory for dependencies.
std::string package_root(const capabilities::PackageCapabilities& package, const std::string& project_root);

}  // namespace cratescope::report
