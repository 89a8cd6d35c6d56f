#include "audit/audit.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include "audit/fix_suggestion.hpp"

namespace cratescope::audit {

const char* to_string(FindingKind kind) {
  switch (kind) {
    case FindingKind::vulnerability: return "vulnerability";
    case FindingKind::unmaintained: return "unmaintained";
    case FindingKind::unsound: return "unsound";
    case FindingKind::notice: return "notice";
    case FindingKind::yanked: return "yanked";
  }
  return "vulnerability";
}

std::optional<FindingKind> finding_kind_from_string(std::string_view text) {
  for (auto kind : {FindingKind::vulnerability, FindingKind::unmaintained, FindingKind::unsound, FindingKind::notice,
                    FindingKind::yanked})
    if (text == to_string(kind)) return kind;
  return std::nullopt;
}

size_t AuditResult::count(FindingKind kind, bool include_ignored) const {
  return std::count_if(findings.begin(), findings.end(),
                       [&](auto& f) { return f.kind == kind && (include_ignored || !f.ignored_by); });
}

namespace {

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

FindingKind kind_of(const advisory::Advisory& a) {
  switch (a.informational) {
    case advisory::Informational::none: return FindingKind::vulnerability;
    case advisory::Informational::unmaintained: return FindingKind::unmaintained;
    case advisory::Informational::unsound: return FindingKind::unsound;
    default: return FindingKind::notice;
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// os/arch restrictions: reported always, filtered only when --target asks.
void apply_platform(const advisory::Advisory& a, const TargetFilter& target, Finding& f) {
  std::vector<std::string> notes;
  if (!a.affected_os.empty()) notes.push_back("os: " + join(a.affected_os));
  if (!a.affected_arch.empty()) notes.push_back("arch: " + join(a.affected_arch));
  if (!notes.empty()) f.platform_note = "only affects " + join(notes);
  auto listed = [](const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || value.empty() || std::find(list.begin(), list.end(), value) != list.end();
  };
  f.applies_to_target = listed(a.affected_os, target.os) && listed(a.affected_arch, target.arch);
}

// Packages that the target can build: edges whose cfg(...) is false there are
// cut (ProjectGraph::select_target); unknown ones (features, custom cfgs) are kept.
std::vector<bool> reachable_on_target(const load::ProjectGraph& graph) {
  return graph.reachable_through([](const load::GraphEdge& edge) { return edge.target_enabled; });
}

bool function_affects(const advisory::AffectedFunction& function, const semver::Version& version) {
  if (function.versions.empty()) return true;
  return std::any_of(function.versions.begin(), function.versions.end(),
                     [&](auto& range) { return range.requirement.matches(version); });
}

int rank(advisory::Severity s) { return static_cast<int>(s); }

advisory::Severity severity_from_name(const std::string& name) {
  for (auto s : {advisory::Severity::none, advisory::Severity::low, advisory::Severity::medium,
                 advisory::Severity::high, advisory::Severity::critical})
    if (name == advisory::to_string(s)) return s;
  return advisory::Severity::none;
}

}  // namespace

AuditResult run_audit(const load::ProjectGraph& graph, const advisory::Database& db, const IgnoreSet& ignores,
                      const RegistryIndex* index, const AuditOptions& options, Context& ctx) {
  auto timer = ctx.timers.scope("audit");
  AuditResult result;
  const std::string today = options.today.empty() ? today_utc() : options.today;

  // Command-line ignores join the configured ones; expired rules stop ignoring.
  std::vector<IgnoreRule> rules;
  for (auto& id : options.ignore_ids) rules.push_back({id, "", "", {"command line", {}}});
  for (auto& rule : ignores.rules) {
    if (rule.expired(today)) result.expired_ignores.push_back(rule);
    else rules.push_back(rule);
  }
  std::vector<bool> rule_used(rules.size(), false);
  auto find_rule = [&](const advisory::Advisory& a) -> std::optional<IgnoreRule> {
    for (size_t i = 0; i < rules.size(); ++i) {
      bool match = rules[i].id == a.id || std::find(a.aliases.begin(), a.aliases.end(), rules[i].id) != a.aliases.end();
      if (match) {
        rule_used[i] = true;
        return rules[i];
      }
    }
    return std::nullopt;
  };

  std::set<FindingKind> warning_kinds = options.warning_kinds;
  if (!ignores.informational_warnings.empty()) {
    warning_kinds = {FindingKind::yanked};
    for (auto& name : ignores.informational_warnings)
      if (auto kind = finding_kind_from_string(name)) warning_kinds.insert(*kind);
  }
  const advisory::Severity threshold = severity_from_name(ignores.severity_threshold);
  const std::vector<bool> on_target = reachable_on_target(graph);

  for (size_t p = 0; p < graph.packages.size(); ++p) {
    const load::GraphPackage& package = graph.packages[p];
    if (package.is_member || !package.source) continue;  // local code is not on crates.io
    if (!package.is_crates_io()) {
      ++result.packages_skipped;
      continue;
    }
    ++result.packages_scanned;
    const load::Reach& reach = graph.reach(p);
    if (options.exclude_dev && !reach.runtime && !reach.build_time && reach.test) continue;
    if (options.exclude_build && !reach.runtime && !reach.test && reach.build_time) continue;
    for (const advisory::Advisory* a : db.for_package(package.name)) {
      if (a->collection != "crates") continue;
      if (a->withdrawn && !options.include_withdrawn) continue;
      if (!a->affects(package.version)) continue;
      Finding f;
      f.kind = kind_of(*a);
      if (f.kind != FindingKind::vulnerability && !warning_kinds.count(f.kind)) continue;
      if (f.kind == FindingKind::vulnerability && a->cvss && rank(a->severity()) < rank(threshold)) continue;
      f.advisory = a;
      f.package = p;
      f.paths = graph.paths_to(p);
      f.reach = graph.reach(p);
      apply_platform(*a, options.target, f);
      if (!on_target[p]) {
        f.applies_to_target = false;
        f.platform_note += std::string(f.platform_note.empty() ? "" : "; ") + "not used when building for " +
                           options.target.describe();
      }
      for (auto& function : a->affected_functions)
        if (function_affects(function, package.version)) f.affected_functions.push_back(&function);
      f.fix = suggest_fix(graph, p, *a, index);
      f.ignored_by = find_rule(*a);
      result.findings.push_back(std::move(f));
    }
    if (index && warning_kinds.count(FindingKind::yanked)) {
      if (auto versions = index->versions(package.name)) {
        for (auto& v : *versions) {
          if (v.version == package.version && v.yanked) {
            Finding f;
            f.kind = FindingKind::yanked;
            f.package = p;
            f.paths = graph.paths_to(p);
            f.reach = graph.reach(p);
            result.findings.push_back(std::move(f));
          }
        }
      }
    }
  }
  result.yanked_checked = index != nullptr;
  if (!index) result.yanked_note = "no local crates.io index copy found; yanked versions were not checked";

  for (size_t i = 0; i < rules.size(); ++i)
    if (!rule_used[i]) result.unused_ignores.push_back(rules[i]);

  // Vulnerabilities first (most severe first), then warnings; stable by package and id.
  std::stable_sort(result.findings.begin(), result.findings.end(), [&](const Finding& a, const Finding& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    auto sa = a.advisory ? rank(a.advisory->severity()) : 0, sb = b.advisory ? rank(b.advisory->severity()) : 0;
    if (sa != sb) return sa > sb;
    const auto &pa = graph.packages[a.package], &pb = graph.packages[b.package];
    if (pa.name != pb.name) return pa.name < pb.name;
    if (pa.version != pb.version) return pa.version < pb.version;
    return (a.advisory ? a.advisory->id : "") < (b.advisory ? b.advisory->id : "");
  });
  return result;
}

}  // namespace cratescope::audit
