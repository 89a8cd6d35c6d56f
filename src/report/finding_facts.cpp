#include "report/finding_facts.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

namespace cratescope::report {

std::vector<const audit::Finding*> findings_in_report_order(const audit::AuditResult& result,
                                                            const load::ProjectGraph& graph, bool ignored) {
  std::vector<const audit::Finding*> out;
  for (const audit::Finding& finding : result.findings)
    if (finding.ignored_by.has_value() == ignored) out.push_back(&finding);
  // Crates with the worst findings come first (a critical vulnerability
  // before a lone unmaintained warning), then by name and version.
  auto rank = [](const audit::Finding* f) { return std::pair(static_cast<int>(f->kind), static_cast<int>(severity_bucket(*f))); };
  std::map<size_t, std::pair<int, int>> worst;
  for (const audit::Finding* f : out) {
    auto it = worst.find(f->package);
    if (it == worst.end() || rank(f) < it->second) worst[f->package] = rank(f);
  }
  std::stable_sort(out.begin(), out.end(), [&](const audit::Finding* a, const audit::Finding* b) {
    const load::GraphPackage& pa = graph.packages[a->package];
    const load::GraphPackage& pb = graph.packages[b->package];
    if (a->package != b->package && worst[a->package] != worst[b->package]) return worst[a->package] < worst[b->package];
    if (pa.name != pb.name) return pa.name < pb.name;
    if (!(pa.version == pb.version)) return pa.version < pb.version;
    if (a->kind != b->kind) return a->kind < b->kind;
    if (severity_bucket(*a) != severity_bucket(*b)) return severity_bucket(*a) < severity_bucket(*b);  // worst first
    return rule_id(*a) < rule_id(*b);
  });
  return out;
}

std::string rule_id(const audit::Finding& finding) { return finding.advisory ? finding.advisory->id : "yanked"; }

std::string finding_title(const audit::Finding& finding, const load::ProjectGraph& graph) {
  if (finding.advisory) return finding.advisory->title;
  return graph.packages[finding.package].display() + " has been yanked from crates.io";
}

std::optional<advisory::Severity> cvss_severity(const audit::Finding& finding) {
  if (finding.kind != audit::FindingKind::vulnerability || !finding.advisory || !finding.advisory->cvss)
    return std::nullopt;
  return finding.advisory->cvss->severity;
}

std::string format_score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f", score);
  return buffer;
}

SeverityBucket severity_bucket(const audit::Finding& finding) {
  auto severity = cvss_severity(finding);
  if (!severity) return SeverityBucket::unscored;
  switch (*severity) {
    case advisory::Severity::critical: return SeverityBucket::critical;
    case advisory::Severity::high: return SeverityBucket::high;
    case advisory::Severity::medium: return SeverityBucket::medium;
    case advisory::Severity::low: return SeverityBucket::low;
    case advisory::Severity::none: return SeverityBucket::none;
  }
  return SeverityBucket::unscored;
}

const char* to_string(SeverityBucket bucket) {
  switch (bucket) {
    case SeverityBucket::critical: return "critical";
    case SeverityBucket::high: return "high";
    case SeverityBucket::medium: return "medium";
    case SeverityBucket::low: return "low";
    case SeverityBucket::none: return "none";
    case SeverityBucket::unscored: return "unscored";
  }
  return "unscored";
}

std::string severity_label(const audit::Finding& finding) {
  if (finding.kind != audit::FindingKind::vulnerability) return std::string("warning: ") + audit::to_string(finding.kind);
  SeverityBucket bucket = severity_bucket(finding);
  return bucket == SeverityBucket::unscored ? "vulnerability" : to_string(bucket);
}

FindingCounts count_findings(const audit::AuditResult& result) {
  FindingCounts counts;
  for (const audit::Finding& finding : result.findings) {
    if (finding.ignored_by) {
      ++counts.ignored;
    } else if (finding.kind == audit::FindingKind::vulnerability) {
      ++counts.vulnerabilities;
      ++counts.by_severity[static_cast<size_t>(severity_bucket(finding))];
    } else {
      ++counts.warnings;
      ++counts.by_kind[static_cast<size_t>(finding.kind)];
    }
  }
  return counts;
}

std::string patched_ranges(const advisory::Advisory& advisory) {
  if (advisory.patched.empty()) return "no patched version";
  std::string out;
  for (size_t i = 0; i < advisory.patched.size(); ++i) out += (i ? " | " : "") + advisory.patched[i].text;
  return out;
}

std::vector<std::string> affected_function_paths(const audit::Finding& finding) {
  std::vector<std::string> out;
  for (const advisory::AffectedFunction* function : finding.affected_functions)
    if (function) out.push_back(function->path);
  return out;
}

std::vector<std::string> edge_marks(const load::ProjectGraph& graph, const load::GraphEdge& edge) {
  std::vector<std::string> marks;
  if (edge.kind != load::DependencyKind::normal) marks.emplace_back(load::to_string(edge.kind));
  if (!edge.target.empty()) marks.push_back(edge.target);
  const std::string& real_name = graph.packages[edge.to].name;
  if (!edge.name.empty() && edge.name != real_name) marks.push_back("as " + edge.name);
  return marks;
}

std::string format_dependency_path(const load::ProjectGraph& graph, const std::vector<size_t>& path, size_t package) {
  if (path.empty()) return graph.packages[package].display() + " (workspace member)";
  std::string out = graph.packages[graph.edges[path.front()].from].display();
  for (size_t edge_index : path) {
    const load::GraphEdge& edge = graph.edges[edge_index];
    out += " -> " + graph.packages[edge.to].display();
    std::vector<std::string> marks = edge_marks(graph, edge);
    if (marks.empty()) continue;
    out += " (";
    for (size_t i = 0; i < marks.size(); ++i) out += (i ? ", " : "") + marks[i];
    out += ')';
  }
  return out;
}

std::optional<std::string> path_under_root(const std::string& path, const std::string& root) {
  namespace fs = std::filesystem;
  if (path.empty()) return std::nullopt;
  fs::path file(path);
  if (file.is_relative()) return file.lexically_normal().generic_string();
  if (root.empty()) return std::nullopt;
  fs::path relative = file.lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

std::string display_path(const std::string& path, const std::string& root) {
  return path_under_root(path, root).value_or(path);
}

std::string display_location(const SourceLocation& location, const std::string& root) {
  SourceLocation shown = location;
  shown.file = display_path(location.file, root);
  return to_string(shown);
}

}  // namespace cratescope::report
