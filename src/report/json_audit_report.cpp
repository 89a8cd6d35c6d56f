// The audit as JSON: cargo-audit's `--json` report shape (database, lockfile,
// settings, vulnerabilities, warnings) so existing consumers keep working,
// with cratescope's additions under "cratescope" keys. docs/audit-json.md is
// the schema; keep the two in step and bump kSchemaVersion on breaking changes.
#include <map>
#include <set>

#include "report/audit_report.hpp"
#include "report/reachability_values.hpp"
#include "report/finding_facts.hpp"
#include "report/json_values.hpp"
#include "core/untrusted_text.hpp"

namespace cratescope::report {

namespace {

using nlohmann::json;

constexpr int kSchemaVersion = 1;

// Ranges in the `semver` crate's display form (">=0.2.23"), as cargo-audit
// prints them; the text report shows them as written instead.
json version_ranges(const std::vector<advisory::VersionRange>& ranges) {
  json out = json::array();
  for (const advisory::VersionRange& range : ranges) out.push_back(json_text(range.requirement.to_string()));
  return out;
}

json informational_value(const advisory::Advisory& adv) {
  switch (adv.informational) {
    case advisory::Informational::none: return nullptr;
    case advisory::Informational::other: return json_text(adv.informational_text);
    default: return json_text(advisory::to_string(adv.informational));
  }
}

// rustsec's advisory::Metadata, field for field.
json advisory_metadata(const advisory::Advisory& adv) {
  return {
      {"id", json_text(adv.id)},
      {"package", json_text(adv.package)},
      {"title", json_text(adv.title)},
      {"description", json_text(adv.description)},
      {"date", json_text(adv.date)},
      {"aliases", json_text_list(adv.aliases)},
      {"related", json_text_list(adv.related)},
      {"collection", json_text_or_null(adv.collection)},
      {"categories", json_text_list(adv.categories)},
      {"keywords", json_text_list(adv.keywords)},
      {"cvss", adv.cvss ? json_text(adv.cvss->vector) : json(nullptr)},
      {"informational", informational_value(adv)},
      {"references", json_text_list(adv.references)},
      {"source", nullptr},  // the advisory's registry; every advisory in our database concerns crates.io
      {"url", json_text_or_null(adv.url)},
      {"withdrawn", adv.withdrawn ? json_text(*adv.withdrawn) : json(nullptr)},
      {"license", json_text(adv.license.empty() ? "CC0-1.0" : adv.license)},
      {"expect-deleted", false},
  };
}

json advisory_versions(const advisory::Advisory& adv) {
  return {{"patched", version_ranges(adv.patched)}, {"unaffected", version_ranges(adv.unaffected)}};
}

// rustsec's Affected, or null when the advisory has no [affected] section.
json advisory_affected(const advisory::Advisory& adv) {
  if (adv.affected_arch.empty() && adv.affected_os.empty() && adv.affected_functions.empty()) return nullptr;
  json functions = json::object();
  for (const advisory::AffectedFunction& function : adv.affected_functions)
    functions[valid_utf8(function.path)] = version_ranges(function.versions);
  return {{"arch", json_text_list(adv.affected_arch)}, {"os", json_text_list(adv.affected_os)}, {"functions", functions}};
}

class JsonWriter {
 public:
  explicit JsonWriter(const AuditReportInput& input) : in_(input) {}

  json render() {
    json report;
    report["database"] = database();
    report["lockfile"] = {{"dependency-count", in_.graph.packages.size()}};
    report["settings"] = settings();

    json vulnerabilities = json::array();
    json warnings = json::object();
    for (const audit::Finding* finding : findings_in_report_order(in_.result, in_.graph, false)) {
      if (finding->kind == audit::FindingKind::vulnerability) vulnerabilities.push_back(entry(*finding));
      else warnings[audit::to_string(finding->kind)].push_back(entry(*finding));
    }
    report["vulnerabilities"] = {
        {"found", !vulnerabilities.empty()}, {"count", vulnerabilities.size()}, {"list", vulnerabilities}};
    report["warnings"] = warnings;
    report["cratescope"] = additions();
    return report;
  }

 private:
  const std::string& root() const { return in_.graph.root; }

  json database() const {
    const advisory::DatabaseInfo& info = in_.db.info;
    return {{"advisory-count", info.advisory_count},
            {"last-commit", json_text_or_null(info.commit)},
            {"last-updated", json_text_or_null(info.commit_date)}};
  }

  json settings() const {
    const audit::AuditOptions& options = in_.options;
    // Every id an ignore rule or --ignore named that is in force (expired ones are not).
    std::set<std::string> ignored(options.ignore_ids.begin(), options.ignore_ids.end());
    for (const audit::Finding& finding : in_.result.findings)
      if (finding.ignored_by) ignored.insert(finding.ignored_by->id);
    for (const audit::IgnoreRule& rule : in_.result.unused_ignores) ignored.insert(rule.id);
    json informational = json::array();
    for (audit::FindingKind kind : options.warning_kinds)
      if (kind != audit::FindingKind::yanked && kind != audit::FindingKind::vulnerability)
        informational.push_back(audit::to_string(kind));
    auto one_or_none = [](const std::string& value) {
      return value.empty() ? json::array() : json::array({json_text(value)});
    };
    return {{"target_arch", one_or_none(options.target.arch)},
            {"target_os", one_or_none(options.target.os)},
            {"severity", nullptr},
            {"ignore", json_text_list({ignored.begin(), ignored.end()})},
            {"informational_warnings", informational}};
  }

  const load::LockedPackage* locked(const load::GraphPackage& package) const {
    if (!in_.lockfile) return nullptr;
    for (const load::LockedPackage& candidate : in_.lockfile->packages) {
      if (candidate.name != package.name || !(candidate.version == package.version)) continue;
      bool same_source = candidate.source.has_value() == package.source.has_value() &&
                         (!candidate.source || candidate.source->raw == package.source->raw);
      if (same_source) return &candidate;
    }
    return nullptr;
  }

  json source_of(const load::GraphPackage& package) const {
    return package.source ? json_text(package.source->raw) : json(nullptr);
  }

  // cargo-lock's Package: dependencies are fully qualified (name, version, source).
  json package(size_t index) const {
    const load::GraphPackage& package = in_.graph.packages[index];
    std::map<std::pair<std::string, std::string>, json> dependencies;  // sorted, one per target package
    for (size_t edge_index : in_.graph.out_edges(index)) {
      const load::GraphPackage& dependency = in_.graph.packages[in_.graph.edges[edge_index].to];
      dependencies[{dependency.name, dependency.version.to_string()}] = {
          {"name", json_text(dependency.name)},
          {"version", json_text(dependency.version.to_string())},
          {"source", source_of(dependency)}};
    }
    json dependency_list = json::array();
    for (auto& [key, value] : dependencies) dependency_list.push_back(value);
    const load::LockedPackage* lock = locked(package);
    return {{"name", json_text(package.name)},
            {"version", json_text(package.version.to_string())},
            {"source", source_of(package)},
            {"checksum", lock ? json_text_or_null(lock->checksum) : json(nullptr)},
            {"dependencies", dependency_list},
            {"replace", lock && lock->replace ? json_text(*lock->replace) : json(nullptr)}};
  }

  // One step of a dependency path: the package and how the previous one depends on it.
  json path_step(size_t package_index, const load::GraphEdge* edge) const {
    const load::GraphPackage& package = in_.graph.packages[package_index];
    json step = {{"name", json_text(package.name)}, {"version", json_text(package.version.to_string())}};
    if (!edge) {
      step.update({{"kind", nullptr}, {"kind_known", true}, {"target", nullptr}, {"rename", nullptr},
                   {"optional", false}, {"requirement", nullptr}, {"declared_at", nullptr}});
      return step;
    }
    step.update({{"kind", load::to_string(edge->kind)},
                 {"kind_known", edge->kind_known},
                 {"target", json_text_or_null(edge->target)},
                 {"rename", edge->name.empty() || edge->name == package.name ? json(nullptr) : json_text(edge->name)},
                 {"optional", edge->optional},
                 {"requirement", json_text_or_null(edge->requirement)},
                 {"declared_at", json_location(edge->declared_at, root())}});
    return step;
  }

  json paths(const audit::Finding& finding) const {
    json out = json::array();
    for (const std::vector<size_t>& path : finding.paths) {
      json steps = json::array();
      size_t start = path.empty() ? finding.package : in_.graph.edges[path.front()].from;
      steps.push_back(path_step(start, nullptr));
      for (size_t edge_index : path) {
        const load::GraphEdge& edge = in_.graph.edges[edge_index];
        steps.push_back(path_step(edge.to, &edge));
      }
      out.push_back(steps);
    }
    return out;
  }

  json reach(const load::Reach& reach) const {
    json members = json::array();
    for (size_t member : reach.members) {
      const load::GraphPackage& package = in_.graph.packages[member];
      members.push_back({{"name", json_text(package.name)}, {"version", json_text(package.version.to_string())}});
    }
    return {{"runtime", reach.runtime},       {"test", reach.test},
            {"build_time", reach.build_time}, {"via_proc_macro", reach.via_proc_macro},
            {"members", members},             {"description", json_text(reach.describe())}};
  }

  static json fix(const audit::Fix& fix) {
    const char* kind = "unknown";
    switch (fix.kind) {
      case audit::Fix::Kind::upgrade: kind = "upgrade"; break;
      case audit::Fix::Kind::semver_incompatible: kind = "semver_incompatible"; break;
      case audit::Fix::Kind::no_fix: kind = "no_fix"; break;
      case audit::Fix::Kind::unknown: kind = "unknown"; break;
    }
    return {{"kind", kind},
            {"version", fix.version ? json_text(fix.version->to_string()) : json(nullptr)},
            {"command", json_text_or_null(fix.command)},
            {"text", json_text_or_null(fix.text)},
            {"blocking_dependent", json_text_or_null(fix.blocking_dependent)},
            {"blocking_requirement", json_text_or_null(fix.blocking_requirement)}};
  }

  json ignore_rule(const audit::IgnoreRule& rule) const {
    return {{"id", json_text(rule.id)},
            {"reason", json_text_or_null(rule.reason)},
            {"expires", json_text_or_null(rule.expires)},
            {"origin", json_location(rule.origin, root())}};
  }

  json finding_additions(const audit::Finding& finding) const {
    const advisory::Advisory* adv = finding.advisory;
    auto severity = cvss_severity(finding);
    json cvss = nullptr;
    if (adv && adv->cvss)
      cvss = {{"score", adv->cvss->score},
              {"version", adv->cvss->major_version},
              {"severity", advisory::to_string(adv->cvss->severity)},
              {"vector", json_text(adv->cvss->vector)}};
    const load::GraphPackage& package = in_.graph.packages[finding.package];
    return {{"kind", audit::to_string(finding.kind)},
            {"severity", severity ? json(advisory::to_string(*severity)) : json(nullptr)},
            {"cvss", cvss},
            {"affected_functions", json_text_list(affected_function_paths(finding))},
            {"paths", paths(finding)},
            {"reach", reach(finding.reach)},
            {"reachability", finding.reachability ? verdict_json(in_.result.call_graph.get(), *finding.reachability, root())
                                                  : json(nullptr)},
            {"fix", fix(finding.fix)},
            {"applies_to_target", finding.applies_to_target},
            {"platform_note", json_text_or_null(finding.platform_note)},
            {"ignored_by", finding.ignored_by ? ignore_rule(*finding.ignored_by) : json(nullptr)},
            {"lockfile_line", package.lock_position.line ? json(package.lock_position.line) : json(nullptr)}};
  }

  // A vulnerability (rustsec's Vulnerability) or a warning (rustsec's Warning);
  // both shapes are one object here, the warning one adding `kind`.
  json entry(const audit::Finding& finding) const {
    const advisory::Advisory* adv = finding.advisory;
    json out = {{"advisory", adv ? advisory_metadata(*adv) : json(nullptr)},
                {"versions", adv ? advisory_versions(*adv) : json(nullptr)},
                {"affected", adv ? advisory_affected(*adv) : json(nullptr)},
                {"package", package(finding.package)},
                {"cratescope", finding_additions(finding)}};
    if (finding.kind != audit::FindingKind::vulnerability) out["kind"] = audit::to_string(finding.kind);
    return out;
  }

  json additions() const {
    const FindingCounts counts = count_findings(in_.result);
    json by_severity = json::object();
    for (size_t i = 0; i < counts.by_severity.size(); ++i)
      by_severity[to_string(static_cast<SeverityBucket>(i))] = counts.by_severity[i];
    json by_kind = json::object();
    for (size_t i = 1; i < counts.by_kind.size(); ++i)  // 0 is `vulnerability`
      by_kind[audit::to_string(static_cast<audit::FindingKind>(i))] = counts.by_kind[i];

    json ignored = json::array();
    for (const audit::Finding* finding : findings_in_report_order(in_.result, in_.graph, true))
      ignored.push_back(entry(*finding));
    json expired = json::array(), unused = json::array();
    for (const audit::IgnoreRule& rule : in_.result.expired_ignores) expired.push_back(ignore_rule(rule));
    for (const audit::IgnoreRule& rule : in_.result.unused_ignores) unused.push_back(ignore_rule(rule));

    const advisory::DatabaseInfo& db = in_.db.info;
    return {
        {"version", json_text(in_.tool_version)},
        {"schema_version", kSchemaVersion},
        {"root", json_text(in_.graph.root)},
        {"lockfile", {{"path", json_text_or_null(display_path(in_.graph.lockfile_path, root()))},
                      {"version", in_.graph.lockfile_version},
                      {"resolved_by", json_text_or_null(in_.graph.resolved_by)}}},
        {"database", {{"path", json_text(db.path)}, {"from_cache", db.from_cache}}},
        {"packages_scanned", in_.result.packages_scanned},
        {"packages_skipped", in_.result.packages_skipped},
        {"yanked_checked", in_.result.yanked_checked},
        {"yanked_note", json_text_or_null(in_.result.yanked_note)},
        {"call_graph", in_.result.call_graph ? call_graph_summary(*in_.result.call_graph) : json(nullptr)},
        {"summary", {{"vulnerabilities", counts.vulnerabilities},
                     {"by_severity", by_severity},
                     {"warnings", counts.warnings},
                     {"by_kind", by_kind},
                     {"ignored", counts.ignored}}},
        {"ignored", ignored},
        {"expired_ignores", expired},
        {"unused_ignores", unused},
    };
  }

  const AuditReportInput& in_;
};

}  // namespace

nlohmann::json render_audit_json(const AuditReportInput& input) { return JsonWriter(input).render(); }

}  // namespace cratescope::report
