#include "audit/fix_suggestion.hpp"

#include <algorithm>

namespace cratescope::audit {
namespace {

// The lowest version a comparator admits (for `>= 1.2` that is 1.2.0).
std::optional<semver::Version> lowest_admitted(const semver::Comparator& c) {
  semver::Version v(c.major, c.minor.value_or(0), c.patch.value_or(0));
  v.pre = c.pre;
  switch (c.op) {
    case semver::Op::greater_eq:
    case semver::Op::exact:
    case semver::Op::caret:
    case semver::Op::tilde:
    case semver::Op::wildcard:
      return v;
    case semver::Op::greater:
      if (!c.minor) return semver::Version(c.major + 1, 0, 0);
      if (!c.patch) return semver::Version(c.major, *c.minor + 1, 0);
      return semver::Version(c.major, *c.minor, *c.patch + 1);
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<semver::Version> fix_candidates(const advisory::Advisory& advisory, const semver::Version& current,
                                            const std::vector<IndexedVersion>* released) {
  std::vector<semver::Version> out;
  if (released) {
    for (auto& r : *released)
      if (!r.yanked && current < r.version && !r.version.is_prerelease() && !advisory.affects(r.version))
        out.push_back(r.version);
  } else {
    for (auto& range : advisory.patched) {
      std::optional<semver::Version> lowest;
      for (auto& c : range.requirement.comparators) {
        auto v = lowest_admitted(c);
        if (v && (!lowest || *lowest < *v)) lowest = v;
      }
      if (!lowest) lowest = semver::Version(0, 0, 0);
      if (current < *lowest && !advisory.affects(*lowest)) out.push_back(*lowest);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Fix suggest_fix(const load::ProjectGraph& graph, size_t package, const advisory::Advisory& advisory,
                const RegistryIndex* index) {
  const load::GraphPackage& p = graph.packages[package];
  Fix fix;
  std::optional<std::vector<IndexedVersion>> released;
  if (index) released = index->versions(p.name);
  auto candidates = fix_candidates(advisory, p.version, released ? &*released : nullptr);
  if (candidates.empty()) {
    fix.kind = Fix::Kind::no_fix;
    fix.text = advisory.patched.empty() ? "no fixed version of " + p.name + " is available; consider an alternative"
                                        : "no newer release of " + p.name + " is known to fix this";
    return fix;
  }
  fix.version = candidates.front();

  // Which candidates do the dependents' requirements allow?
  struct Requirement {
    std::string dependent;
    std::string text;
    std::optional<semver::VersionReq> req;
    bool dependent_is_member;
  };
  std::vector<Requirement> requirements;
  std::vector<std::string> unknown_dependents;  // whose manifests were not available
  for (size_t e : graph.in_edges(package)) {
    const load::GraphEdge& edge = graph.edges[e];
    if (edge.requirement.empty()) {
      std::string who = graph.packages[edge.from].display();
      if (std::find(unknown_dependents.begin(), unknown_dependents.end(), who) == unknown_dependents.end())
        unknown_dependents.push_back(who);
      continue;
    }
    auto req = semver::VersionReq::parse(edge.requirement);
    requirements.push_back({graph.packages[edge.from].display(), edge.requirement,
                            req ? std::optional(*req) : std::nullopt, graph.packages[edge.from].is_member});
  }
  for (auto& candidate : candidates) {
    bool allowed = std::all_of(requirements.begin(), requirements.end(),
                               [&](auto& r) { return !r.req || r.req->matches(candidate); });
    if (!allowed) continue;
    fix.kind = unknown_dependents.empty() ? Fix::Kind::upgrade : Fix::Kind::unknown;
    fix.version = candidate;
    fix.command = "cargo update -p " + p.name + "@" + p.version.to_string() + " --precise " + candidate.to_string();
    fix.text = "upgrade " + p.name + " to " + candidate.to_string();
    if (!unknown_dependents.empty()) {
      std::string who = unknown_dependents.front();
      if (unknown_dependents.size() > 1) who += " and " + std::to_string(unknown_dependents.size() - 1) + " more";
      fix.text += ", if " + who + " allow" + (unknown_dependents.size() > 1 ? "" : "s") +
                  " it (requirement unknown: no manifest on disk)";
    }
    return fix;
  }
  // Every candidate is outside some requirement: name the first one blocking the lowest.
  fix.kind = Fix::Kind::semver_incompatible;
  for (auto& r : requirements) {
    if (r.req && !r.req->matches(candidates.front())) {
      fix.blocking_dependent = r.dependent;
      fix.blocking_requirement = r.text;
      fix.text = "needs a semver-incompatible upgrade of " + p.name + " to " + candidates.front().to_string() + ": " +
                 r.dependent + " requires " + p.name + " " + r.text +
                 (r.dependent_is_member ? "; change that requirement in its Cargo.toml"
                                        : "; upgrade " + r.dependent.substr(0, r.dependent.find(' ')) +
                                              " to a release that accepts the fixed version");
      break;
    }
  }
  return fix;
}

}  // namespace cratescope::audit
