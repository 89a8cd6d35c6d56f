#pragma once
// Renders an audit for people (text) and machines (JSON, SARIF 2.1.0).
// The JSON schema is documented in docs/audit-json.md.
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"

namespace cratescope::report {

struct AuditReportInput {
  const load::ProjectGraph& graph;
  const advisory::Database& db;
  const audit::AuditResult& result;
  const audit::AuditOptions& options;
  std::string tool_version;  // e.g. "0.1.0"
  // Optional: the parsed Cargo.lock, for what the graph does not keep
  // (checksums, v1 `replace`), which cargo-audit's JSON reports per package.
  const load::Lockfile* lockfile = nullptr;
};

struct TextStyle {
  bool color = false;    // ANSI colours (only for terminals)
  bool verbose = false;  // all paths, full descriptions
};

std::string render_audit_text(const AuditReportInput& input, const TextStyle& style);
nlohmann::json render_audit_json(const AuditReportInput& input);
nlohmann::json render_audit_sarif(const AuditReportInput& input);

}  // namespace cratescope::report
