#pragma once
// What the text, JSON and SARIF reports all say about a finding, computed in
// one place so the three formats never disagree: report order, severity
// labels, dependency paths, patched ranges, counts and file paths.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"

namespace cratescope::report {

// Findings in the order every report uses: by package name and version, then
// vulnerabilities before warnings (in FindingKind order), then the worst
// severity first, then advisory id.
// Ignored findings are left out unless `ignored` is set, and then only they are returned.
std::vector<const audit::Finding*> findings_in_report_order(const audit::AuditResult& result,
                                                            const load::ProjectGraph& graph, bool ignored);

// "RUSTSEC-2020-0071", or "yanked" for a yanked package (which has no advisory).
std::string rule_id(const audit::Finding& finding);
// The advisory title, or a sentence for a yanked package. Untrusted: sanitize before printing.
std::string finding_title(const audit::Finding& finding, const load::ProjectGraph& graph);

// Severity of a vulnerability from its CVSS vector; nullopt when the advisory
// has none or the finding is a warning (informational advisories carry no CVSS).
std::optional<advisory::Severity> cvss_severity(const audit::Finding& finding);
// "6.2": CVSS scores always have one decimal.
std::string format_score(double score);

// The label the text report prints: "critical" ... "low", "none" (CVSS 0.0),
// "vulnerability" (no CVSS), or "warning: unmaintained" and the like.
std::string severity_label(const audit::Finding& finding);

// Sort key, worst first: 0 critical ... 4 none, 5 no CVSS.
enum class SeverityBucket { critical, high, medium, low, none, unscored };
SeverityBucket severity_bucket(const audit::Finding& finding);
const char* to_string(SeverityBucket bucket);

// Counts of the findings a report shows (not ignored), by severity and kind.
struct FindingCounts {
  size_t vulnerabilities = 0;
  std::array<size_t, 6> by_severity{};  // indexed by SeverityBucket
  size_t warnings = 0;
  std::array<size_t, 5> by_kind{};  // indexed by FindingKind
  size_t ignored = 0;
};
FindingCounts count_findings(const audit::AuditResult& result);

// Patched ranges as written, one range from the next by " | " (">= 0.2.23 | ^0.1.45"), or "no patched version".
std::string patched_ranges(const advisory::Advisory& advisory);
// Paths of the advisory's affected functions that concern this version.
std::vector<std::string> affected_function_paths(const audit::Finding& finding);

// ---- dependency paths ----

// Marks of the edge leading to a package: "dev", "build", the target cfg,
// "as NAME" when renamed. Empty for a plain normal dependency.
std::vector<std::string> edge_marks(const load::ProjectGraph& graph, const load::GraphEdge& edge);
// "app 0.1.0 -> chrono 0.4.19 -> time 0.1.43 (dev)". An empty edge list is a
// member itself (the path to `package` has no edges).
std::string format_dependency_path(const load::ProjectGraph& graph, const std::vector<size_t>& path, size_t package);

// ---- files ----

// `path` relative to `root` ("Cargo.lock", "crates/app/Cargo.toml"), or
// nullopt when it lies outside the root. A relative `path` is taken as is.
std::optional<std::string> path_under_root(const std::string& path, const std::string& root);
// `path` relative to the root when under it, else unchanged: for messages.
std::string display_path(const std::string& path, const std::string& root);
// "cratescope.toml:4:1" with the file shown relative to the root.
std::string display_location(const SourceLocation& location, const std::string& root);

}  // namespace cratescope::report
