#pragma once
// The audit pass: match every locked crates.io package against the advisory
// database and explain each match (dependency paths, reach, fix).
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "advisory/database.hpp"
#include "callgraph/call_graph.hpp"
#include "callgraph/vulnerable_functions.hpp"
#include "audit/ignores.hpp"
#include "audit/registry_index.hpp"
#include "core/context.hpp"
#include "load/project_graph.hpp"
#include "core/target_platform.hpp"

namespace cratescope::audit {

enum class FindingKind { vulnerability, unmaintained, unsound, notice, yanked };
const char* to_string(FindingKind kind);  // "vulnerability", "unmaintained", ...
std::optional<FindingKind> finding_kind_from_string(std::string_view text);

struct Fix {
  enum class Kind {
    upgrade,                    // a compatible upgrade exists: cargo update -p NAME --precise VERSION
    semver_incompatible,        // a requirement in the tree must change
    no_fix,                     // the advisory lists no patched version
    unknown                     // cannot tell (requirements unknown)
  };
  Kind kind = Kind::unknown;
  std::optional<semver::Version> version;  // the smallest fixed version that we know of
  std::string blocking_dependent;           // for semver_incompatible: who requires the old series
  std::string blocking_requirement;
  std::string command;                      // a one-line suggestion, e.g. "cargo update -p time --precise 0.2.23"
  std::string text;                         // the human sentence
};

// --target: empty means "every platform" (nothing is filtered out).
using TargetFilter = TargetPlatform;

struct Finding {
  FindingKind kind = FindingKind::vulnerability;
  const advisory::Advisory* advisory = nullptr;  // null for `yanked`
  size_t package = 0;                             // index into ProjectGraph::packages
  std::vector<std::vector<size_t>> paths;         // dependency paths (edge indices) from members
  load::Reach reach;
  // Whether the finding applies to --target (always true without one): the
  // advisory's os/arch restriction matches, and the package is reachable
  // through dependency edges whose cfg(...) can hold on that target.
  // `platform_note` says which platforms it concerns.
  bool applies_to_target = true;
  std::string platform_note;
  std::vector<const advisory::AffectedFunction*> affected_functions;  // those whose ranges include this version
  Fix fix;
  // Set when an ignore rule covers it: the finding is reported as ignored and
  // does not count towards --fail-on.
  std::optional<IgnoreRule> ignored_by;
  // Whether the workspace's code can call the affected functions (see
  // audit/reachability.hpp); empty when reachability was not computed.
  std::optional<callgraph::PackageVerdict> reachability;
};

struct AuditOptions {
  std::set<std::string> ignore_ids;  // --ignore
  TargetFilter target;
  bool include_withdrawn = false;
  // Informational kinds reported as warnings (cargo-audit default: unmaintained, unsound, notice? see README)
  std::set<FindingKind> warning_kinds{FindingKind::unmaintained, FindingKind::unsound, FindingKind::notice,
                                      FindingKind::yanked};
  std::string today;  // YYYY-MM-DD, for ignore expiry; empty: the real date
  bool exclude_dev = false;    // drop findings on packages that only tests use
  bool exclude_build = false;  // drop findings on packages only used at build time
};

struct AuditResult {
  std::vector<Finding> findings;  // vulnerabilities first, then warnings; sorted by package then id
  std::vector<IgnoreRule> expired_ignores;  // reported as problems of their own
  std::vector<IgnoreRule> unused_ignores;   // rules that matched nothing (a note)
  size_t packages_scanned = 0;              // crates.io packages checked
  size_t packages_skipped = 0;              // git / path / other registries: advisories do not apply
  bool yanked_checked = false;              // an index copy was available
  std::string yanked_note;                  // why yanked was not checked
  // The call graph the reachability verdicts refer to (names, locations).
  std::shared_ptr<const callgraph::CallGraph> call_graph;

  size_t count(FindingKind kind, bool include_ignored = false) const;
};

AuditResult run_audit(const load::ProjectGraph& graph, const advisory::Database& db, const IgnoreSet& ignores,
                      const RegistryIndex* index, const AuditOptions& options, Context& ctx);

}  // namespace cratescope::audit
