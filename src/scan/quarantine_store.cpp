#include "scan/quarantine_store.hpp"

#include <nlohmann/json.hpp>


namespace cratescope::scan {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS scans (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('clean', 'suspicious', 'malicious')),
  reasons TEXT NOT NULL,
  details TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  scanned_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scans_by_version ON scans (name, version, id);
CREATE TABLE IF NOT EXISTS decisions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('release', 'confirm')),
  reviewer TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_version ON decisions (name, version, id);
CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO store_info (key, value) VALUES ('schema_version', '1');
)sql";

}  // namespace

std::string_view to_string(Decision decision) { return decision == Decision::release ? "release" : "confirm"; }

std::string QuarantineEntry::status() const {
  if (decision == "confirm") return "confirmed";
  if (decision == "release") return "released";
  return verdict == "clean" ? "clean" : "quarantined";
}

Expected<QuarantineStore> QuarantineStore::open(const std::string& path) {
  auto db = SqliteDb::open(path, SqliteDb::Mode::create);
  if (!db) return unexpected("cannot open the quarantine store: " + db.error());
  if (auto made = db->exec(kSchema); !made) return unexpected("not a cratescope quarantine store (or not writable): " + made.error());
  return QuarantineStore(std::move(*db));
}

Expected<bool> QuarantineStore::record(const std::vector<CrateScan>& crates, const std::vector<std::string>& details,
                                       const std::string& tool_version) {
  SqliteTransaction transaction(db_);  // one row per crate, all or none
  if (!transaction.ok()) return unexpected(db_.error("begin"));
  SqliteStatement insert(db_,
                   "INSERT INTO scans (name, version, source, verdict, reasons, details, tool_version, scanned_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) return unexpected(db_.error("prepare"));
  std::string now = utc_timestamp();
  for (size_t i = 0; i < crates.size(); ++i) {
    const CrateScan& crate = crates[i];
    insert.bind(1, crate.name);
    insert.bind(2, crate.version);
    insert.bind(3, crate.dir);
    insert.bind(4, std::string(to_string(crate.verdict)));
    insert.bind(5, nlohmann::json(crate.reasons).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    insert.bind(6, i < details.size() ? details[i] : "{}");
    insert.bind(7, tool_version);
    insert.bind(8, now);
    if (!insert.run()) return unexpected(db_.error("insert"));
  }
  if (auto committed = transaction.commit(); !committed) return unexpected("commit: " + committed.error());
  return true;
}

Expected<bool> QuarantineStore::decide(const std::string& name, const std::string& version, Decision decision,
                                       const std::string& reviewer, const std::string& reason) {
  SqliteStatement scanned(db_, "SELECT COUNT(*) FROM scans WHERE name = ?1 AND version = ?2");
  if (!scanned.ok()) return unexpected(db_.error("query"));
  scanned.bind(1, name);
  scanned.bind(2, version);
  if (!scanned.next_row() || scanned.integer(0) == 0)
    return unexpected(name + " " + version + " was never scanned into this store: scan it first (scan --quarantine)");
  SqliteStatement insert(db_,
                   "INSERT INTO decisions (name, version, decision, reviewer, reason, decided_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!insert.ok()) return unexpected(db_.error("prepare"));
  insert.bind(1, name);
  insert.bind(2, version);
  insert.bind(3, std::string(to_string(decision)));
  insert.bind(4, reviewer);
  insert.bind(5, reason);
  insert.bind(6, utc_timestamp());
  if (!insert.run()) return unexpected(db_.error("insert"));
  return true;
}

Expected<std::vector<QuarantineEntry>> QuarantineStore::entries(bool all) const {
  // The latest scan and the latest decision of each version.
  SqliteStatement query(db_, R"sql(
    SELECT s.name, s.version, s.source, s.verdict, s.scanned_at, s.details,
           COALESCE(d.decision, ''), COALESCE(d.reviewer, ''), COALESCE(d.reason, ''), COALESCE(d.decided_at, '')
    FROM scans s
    LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE name = s.name AND version = s.version)
    WHERE s.id = (SELECT MAX(id) FROM scans WHERE name = s.name AND version = s.version)
    ORDER BY s.name, s.version)sql");
  if (!query.ok()) return unexpected(db_.error("query"));
  std::vector<QuarantineEntry> out;
  while (query.next_row()) {
    QuarantineEntry entry{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4),
                          query.text(6), query.text(7), query.text(8), query.text(9), query.text(5)};
    if (all || entry.verdict != "clean" || !entry.decision.empty()) out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace cratescope::scan
