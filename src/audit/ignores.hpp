#pragma once
// Advisory ignores from every place users keep them: --ignore, cargo-audit's
// .cargo/audit.toml, cargo-deny's deny.toml [advisories] ignore, and
// cratescope.toml, whose rules may carry a reason and an expiry date.
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"

namespace cratescope::audit {

struct IgnoreRule {
  std::string id;        // RUSTSEC-... (or an alias such as a CVE / GHSA id)
  std::string reason;    // may be empty
  std::string expires;   // YYYY-MM-DD, empty: never
  SourceLocation origin; // file:line:col where the rule is written ("command line" for --ignore)
  bool expired(const std::string& today) const { return !expires.empty() && expires < today; }
};

struct IgnoreSet {
  std::vector<IgnoreRule> rules;
  // Settings read from the same files (cargo-audit's audit.toml).
  std::vector<std::string> informational_warnings;  // empty: not set
  std::string severity_threshold;                   // empty: not set
  std::string target_os, target_arch;               // [target] os/arch

  const IgnoreRule* find(const std::string& id, const std::vector<std::string>& aliases) const;
};

// Reads <project>/.cargo/audit.toml, $CARGO_HOME/audit.toml, <project>/deny.toml
// and <project>/cratescope.toml (those that exist). Bad files are reported with
// file:line:col and skipped.
IgnoreSet load_ignores(const fs::path& project_root, Context& ctx);
// Parses one file of the given flavour ("audit.toml", "deny.toml", "cratescope.toml").
void read_ignore_file(std::string_view text, const std::string& path, std::string_view flavour, IgnoreSet& into,
                      Diagnostics& diagnostics);

}  // namespace cratescope::audit
