// The audit as SARIF 2.1.0, for code scanning UIs (GitHub, GitLab, IDEs): one
// rule per advisory, one result per finding located at the package's
// [[package]] entry in Cargo.lock, with the Cargo.toml line that pulls it in
// as a related location.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

#include "report/audit_report.hpp"
#include "report/reachability_values.hpp"
#include "report/finding_facts.hpp"
#include "report/json_values.hpp"
#include "report/sarif_values.hpp"
#include "core/untrusted_text.hpp"

namespace cratescope::report {

namespace {

using nlohmann::json;

constexpr const char* kFingerprintKey = "cratescope/package/v1";
constexpr const char* kYankedRuleId = "yanked";

std::string rustsec_page(const std::string& id) { return "https://rustsec.org/advisories/" + id + ".html"; }

// Level from the finding's nature: CVSS critical/high are errors, medium a
// warning, low/none and informational advisories notes. A vulnerability
// without CVSS is a warning: its severity is unknown, not low.
const char* rule_level(const audit::Finding& finding) {
  if (finding.kind != audit::FindingKind::vulnerability) return "note";
  switch (severity_bucket(finding)) {
    case SeverityBucket::critical:
    case SeverityBucket::high: return "error";
    case SeverityBucket::medium:
    case SeverityBucket::unscored: return "warning";
    case SeverityBucket::low:
    case SeverityBucket::none: return "note";
  }
  return "warning";
}

std::string rule_name(audit::FindingKind kind) {
  switch (kind) {
    case audit::FindingKind::vulnerability: return "VulnerableCrate";
    case audit::FindingKind::unmaintained: return "UnmaintainedCrate";
    case audit::FindingKind::unsound: return "UnsoundCrate";
    case audit::FindingKind::notice: return "CrateNotice";
    case audit::FindingKind::yanked: return "YankedCrate";
  }
  return "CrateAdvisory";
}

// The first prose paragraph of an advisory's Markdown (headings and code
// skipped), on one line: SARIF viewers show fullDescription as a summary.
std::string first_paragraph(const std::string& markdown) {
  std::string safe = terminal_safe(markdown, true);
  size_t start = 0;
  while (start < safe.size()) {
    size_t end = safe.find("\n\n", start);
    std::string paragraph = safe.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t first = paragraph.find_first_not_of(" \n");
    if (first != std::string::npos && paragraph[first] != '#' && paragraph.compare(first, 3, "```") != 0)
      return terminal_safe(paragraph.substr(first));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return "";
}

std::string trimmed(std::string text) {
  text.erase(text.find_last_not_of(" \n") + 1);
  return text;
}

class SarifWriter {
 public:
  explicit SarifWriter(const AuditReportInput& input) : in_(input) {}

  json render() {
    // Ignored findings are results too (with a suppression), so that viewers
    // show them as dismissed rather than forgetting them.
    std::vector<const audit::Finding*> findings = findings_in_report_order(in_.result, in_.graph, false);
    for (const audit::Finding* ignored : findings_in_report_order(in_.result, in_.graph, true))
      findings.push_back(ignored);

    std::map<std::string, const audit::Finding*> first_by_rule;  // sorted by id: stable rule indices
    for (const audit::Finding* finding : findings) first_by_rule.emplace(rule_id(*finding), finding);
    json rules = json::array();
    for (auto& [id, finding] : first_by_rule) {
      rule_index_[id] = rules.size();
      rules.push_back(rule(*finding));
    }
    json results = json::array();
    for (const audit::Finding* finding : findings) results.push_back(result(*finding));

    json driver = {{"name", "cratescope"},
                   {"informationUri", kToolInformationUri},
                   {"version", json_text(in_.tool_version)},
                   {"semanticVersion", json_text(in_.tool_version)},
                   {"rules", rules}};
    json run = {{"tool", {{"driver", driver}}}, {"results", results}, {"invocations", json::array({invocation()})}};
    if (!in_.graph.root.empty()) run["originalUriBaseIds"] = sarif_uri_base_ids(in_.graph.root);
    const advisory::DatabaseInfo& db = in_.db.info;
    run["properties"] = {{"advisoryDatabase", {{"path", json_text(db.path)},
                                               {"commit", json_text_or_null(db.commit)},
                                               {"advisoryCount", db.advisory_count}}},
                         {"packagesScanned", in_.result.packages_scanned},
                         {"packagesSkipped", in_.result.packages_skipped}};
    return {{"$schema", kSarifSchemaUri}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  }

 private:
  const std::string& root() const { return in_.graph.root; }
  // A graph resolved by `cargo metadata` alone may have no lockfile path;
  // results still point at the Cargo.lock cargo would write.
  std::string lockfile_path() const {
    return in_.graph.lockfile_path.empty() ? "Cargo.lock" : in_.graph.lockfile_path;
  }

  json artifact_location(const std::string& path) const { return sarif_artifact_location(path, root()); }
  json physical_location(const std::string& path, TextPosition position) const {
    return sarif_physical_location(path, position, root());
  }

  json rule(const audit::Finding& finding) const {
    const advisory::Advisory* adv = finding.advisory;
    json properties = json::object();
    json tags = json::array();
    if (finding.kind == audit::FindingKind::vulnerability) tags.push_back("security");
    else tags.push_back(audit::to_string(finding.kind));
    if (adv) {
      for (const std::string& tag : adv->categories) tags.push_back(json_text(tag));
      for (const std::string& tag : adv->keywords) tags.push_back(json_text(tag));
    }
    properties["tags"] = tags;
    // GitHub code scanning reads the CVSS score from here, as a string.
    if (adv && adv->cvss && finding.kind == audit::FindingKind::vulnerability)
      properties["security-severity"] = format_score(adv->cvss->score);

    if (!adv) {
      return {{"id", kYankedRuleId},
              {"name", rule_name(finding.kind)},
              {"shortDescription", {{"text", "A locked package version has been yanked from crates.io"}}},
              {"fullDescription", {{"text", "The locked version was yanked by its authors, usually because it is "
                                            "broken or insecure; update to a version that is not yanked."}}},
              {"helpUri", "https://doc.rust-lang.org/cargo/commands/cargo-yank.html"},
              {"help", {{"text", "Run `cargo update -p NAME` to move to a version that is not yanked."},
                        {"markdown", "Run `cargo update -p NAME` to move to a version that is not yanked."}}},
              {"defaultConfiguration", {{"level", rule_level(finding)}}},
              {"properties", properties}};
    }
    std::string title = terminal_safe(adv->title);
    std::string summary = first_paragraph(adv->description);
    std::string url = adv->url.empty() ? rustsec_page(adv->id) : adv->url;
    std::string patched = terminal_safe(patched_ranges(*adv));
    std::string description = trimmed(terminal_safe(adv->description, true));
    std::string help_text = title + "\n\n" + description + "\n\nPatched: " + patched + "\nAdvisory: " +
                            rustsec_page(adv->id) + "\n";
    std::string help_markdown = "**" + title + "**\n\n" + description + "\n\n**Patched:** " + patched +
                                "\n\n[" + terminal_safe(adv->id) + "](" + rustsec_page(adv->id) + ")\n";
    return {{"id", json_text(adv->id)},
            {"name", rule_name(finding.kind)},
            {"shortDescription", {{"text", json_text(title)}}},
            {"fullDescription", {{"text", json_text(summary.empty() ? title : summary)}}},
            {"helpUri", json_text(url)},
            {"help", {{"text", json_text(help_text)}, {"markdown", json_text(help_markdown)}}},
            {"defaultConfiguration", {{"level", rule_level(finding)}}},
            {"properties", properties}};
  }

  std::string message(const audit::Finding& finding) const {
    const load::GraphPackage& package = in_.graph.packages[finding.package];
    std::string text;
    if (finding.advisory) {
      text = package.display() + ": " + finding.advisory->id + " (" + audit::to_string(finding.kind) +
             "): " + finding_title(finding, in_.graph) + ".";
      if (auto severity = cvss_severity(finding))
        text += " CVSS " + format_score(finding.advisory->cvss->score) + " (" + advisory::to_string(*severity) + ").";
    } else {
      text = finding_title(finding, in_.graph) + ".";
    }
    text += " Reach: " + finding.reach.describe() + ".";
    if (!finding.applies_to_target) text += " Does not apply to the audited target.";
    if (!finding.fix.text.empty()) text += " Fix: " + finding.fix.text;
    if (!finding.fix.command.empty()) text += " (`" + finding.fix.command + "`)";
    if (!finding.fix.text.empty() || !finding.fix.command.empty()) text += ".";
    return terminal_safe(text);
  }

  // The Cargo.toml line of each path's first edge: the dependency the user
  // declared that leads to the vulnerable package.
  json related_locations(const audit::Finding& finding) const {
    json out = json::array();
    std::vector<std::pair<std::string, uint32_t>> seen;
    for (const std::vector<size_t>& path : finding.paths) {
      if (path.empty()) continue;
      const load::GraphEdge& first = in_.graph.edges[path.front()];
      if (first.declared_at.file.empty()) continue;
      std::pair<std::string, uint32_t> key{first.declared_at.file, first.declared_at.position.line};
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      std::string text = in_.graph.packages[first.from].display() + " declares " + in_.graph.packages[first.to].name +
                         " here; path: " + format_dependency_path(in_.graph, path, finding.package);
      out.push_back({{"id", out.size() + 1},
                     {"physicalLocation", physical_location(first.declared_at.file, first.declared_at.position)},
                     {"message", {{"text", json_text(terminal_safe(text))}}}});
    }
    return out;
  }

  json result(const audit::Finding& finding) const {
    const load::GraphPackage& package = in_.graph.packages[finding.package];
    std::string id = rule_id(finding);
    std::string lockfile = display_path(lockfile_path(), root());
    json location = {{"physicalLocation", physical_location(lockfile_path(), package.lock_position)},
                     {"logicalLocations", json::array({{{"name", json_text(package.name)},
                                                        {"fullyQualifiedName", json_text(package.name + "@" +
                                                                                         package.version.to_string())},
                                                        {"kind", "package"}}})}};
    json out = {
        {"ruleId", json_text(id)},
        {"ruleIndex", rule_index_.at(id)},
        {"level", finding.applies_to_target ? rule_level(finding) : "note"},
        {"message", {{"text", json_text(message(finding))}}},
        {"locations", json::array({location})},
        // No line numbers: the fingerprint must survive edits that move the entry.
        {"partialFingerprints",
         {{kFingerprintKey, fingerprint({id, package.name, package.version.to_string(), lockfile})}}},
        {"properties", {{"package", json_text(package.name)},
                        {"version", json_text(package.version.to_string())},
                        {"kind", audit::to_string(finding.kind)},
                        {"reach", json_text(finding.reach.describe())},
                        {"appliesToTarget", finding.applies_to_target}}},
    };
    json related = related_locations(finding);
    if (!related.empty()) out["relatedLocations"] = related;
    if (finding.reachability) {
      out["properties"]["reachability"] = to_string(finding.reachability->verdict);
      json flows = json::array();
      if (in_.result.call_graph)
        for (const auto& f : finding.reachability->functions)
          if (f.path) flows.push_back(sarif_code_flow(*in_.result.call_graph, *f.path, in_.graph.root));
      if (!flows.empty()) out["codeFlows"] = flows;
    }
    if (finding.ignored_by) out["suppressions"] = json::array({suppression(*finding.ignored_by)});
    return out;
  }

  json suppression(const audit::IgnoreRule& rule) const {
    std::string justification = "ignored by " + display_location(rule.origin, root());
    if (!rule.reason.empty()) justification += ": " + rule.reason;
    if (!rule.expires.empty()) justification += " (until " + rule.expires + ")";
    json out = {{"kind", "external"}, {"status", "accepted"}, {"justification", json_text(terminal_safe(justification))}};
    if (!rule.origin.file.empty() && rule.origin.position.known())
      out["location"] = {{"physicalLocation", physical_location(rule.origin.file, rule.origin.position)}};
    return out;
  }

  // Expired and unused ignore rules are problems with the configuration, not
  // with the dependencies: SARIF's tool configuration notifications.
  json invocation() const {
    json notifications = json::array();
    auto notify = [&](const audit::IgnoreRule& rule, const char* descriptor, const char* level, std::string text) {
      json notification = {{"descriptor", {{"id", descriptor}}},
                           {"level", level},
                           {"message", {{"text", json_text(terminal_safe(text))}}}};
      if (!rule.origin.file.empty() && rule.origin.position.known())
        notification["locations"] =
            json::array({{{"physicalLocation", physical_location(rule.origin.file, rule.origin.position)}}});
      notifications.push_back(notification);
    };
    for (const audit::IgnoreRule& rule : in_.result.expired_ignores)
      notify(rule, "expired-ignore", "error",
             "ignore of " + rule.id + " in " + display_location(rule.origin, root()) + " expired on " + rule.expires);
    for (const audit::IgnoreRule& rule : in_.result.unused_ignores)
      notify(rule, "unused-ignore", "note",
             "ignore of " + rule.id + " in " + display_location(rule.origin, root()) + " matched no finding");
    json out = {{"executionSuccessful", true}};
    if (!notifications.empty()) out["toolConfigurationNotifications"] = notifications;
    return out;
  }

  const AuditReportInput& in_;
  std::map<std::string, size_t> rule_index_;
};

}  // namespace

nlohmann::json render_audit_sarif(const AuditReportInput& input) { return SarifWriter(input).render(); }

}  // namespace cratescope::report
