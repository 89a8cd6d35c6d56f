#pragma once
// The quarantine store: every scanned crate version with its verdict and
// evidence, and the reviewers' decisions on them (release: a false alarm;
// confirm: malicious indeed), with who, when and why. One SQLite file; plain
// SQL so a server database can take the same schema later. The review web UI
// reads it. Schema: docs/scan.md.
#include <memory>
#include <string>
#include <vector>

#include "core/expected.hpp"
#include "core/sqlite_db.hpp"
#include "scan/crate_scan.hpp"

namespace cratescope::scan {

enum class Decision { release, confirm };
std::string_view to_string(Decision decision);

struct QuarantineEntry {
  std::string name, version, source;
  std::string verdict;           // of the latest scan
  std::string scanned_at;        // ISO 8601, UTC
  std::string decision;          // latest decision: "", "release", "confirm"
  std::string reviewer, reason, decided_at;
  std::string details;           // the latest scan's findings, as the JSON report has them
  // Quarantined: suspicious or malicious and not released (or confirmed).
  std::string status() const;
};

class QuarantineStore {
 public:
  static Expected<QuarantineStore> open(const std::string& path);

  // One row per crate, in one transaction. `details[i]` describes crates[i] (JSON).
  Expected<bool> record(const std::vector<CrateScan>& crates, const std::vector<std::string>& details,
                        const std::string& tool_version);
  // A decision on a version that was scanned; an error when it never was.
  Expected<bool> decide(const std::string& name, const std::string& version, Decision decision,
                        const std::string& reviewer, const std::string& reason);
  // Latest state of every version (all: clean ones too), by name and version.
  Expected<std::vector<QuarantineEntry>> entries(bool all) const;

 private:
  explicit QuarantineStore(SqliteDb db) : db_(std::move(db)) {}
  SqliteDb db_;
};

}  // namespace cratescope::scan
