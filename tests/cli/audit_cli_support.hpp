#pragma once
// Runs the real cratescope binary on a fixture project and reads its JSON.
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace cratescope::testing {

struct AuditRun {
  int exit_code = -1;
  nlohmann::json report;          // the --format json output
  std::string stderr_text;
  // "RUSTSEC-… name version" of findings that count: not ignored, applying to the target.
  std::set<std::string> counted;
  std::set<std::string> ignored;  // ids of ignored findings
};

std::filesystem::path project_fixture(const std::string& name);  // tests/fixtures/projects/NAME
// `extra` is appended to: cratescope audit PROJECT --format json --db <snapshot> --today 2026-11-24 --no-cache
// `environment` is put before the command ("CARGO_HOME=/x"). The call graph
// is skipped (--no-reachability) unless asked for: most tests are about
// findings, and modelling real crates under the sanitizers is slow.
enum class Reachability { skipped, computed };
AuditRun run_audit_json(const std::filesystem::path& project, const std::string& extra = "",
                        const std::string& environment = "", Reachability reachability = Reachability::skipped);
// For `--use-cargo` runs: "CARGO_HOME='<temp>'" whose config makes Debian's
// crate corpus cargo's crates.io source, offline; "" when cargo is not on
// PATH or the corpus is not installed (the caller skips).
std::string offline_cargo_environment();
// Plain text run, stdout and stderr merged.
CommandResult run_cratescope(const std::string& arguments);

}  // namespace cratescope::testing
