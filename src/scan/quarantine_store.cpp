#include "scan/quarantine_store.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

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

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string error_of(sqlite3* db, std::string_view doing) { return std::string(doing) + ": " + sqlite3_errmsg(db); }

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  void bind(int index, const std::string& text) { sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT); }
  int step() { return sqlite3_step(statement_); }
  void reset() { sqlite3_reset(statement_); }
  std::string column(int index) const {
    const unsigned char* text = sqlite3_column_text(statement_, index);
    return text ? reinterpret_cast<const char*>(text) : "";
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
  bool ok_ = false;
};

}  // namespace

std::string_view to_string(Decision decision) { return decision == Decision::release ? "release" : "confirm"; }

std::string QuarantineEntry::status() const {
  if (decision == "confirm") return "confirmed";
  if (decision == "release") return "released";
  return verdict == "clean" ? "clean" : "quarantined";
}

Expected<QuarantineStore> QuarantineStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return unexpected("cannot open the quarantine store: " + message);
  }
  QuarantineStore store(db);
  sqlite3_busy_timeout(db, 5000);  // another scan writing: wait, do not fail
  char* error = nullptr;
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_exec(db, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    return unexpected("not a cratescope quarantine store (or not writable): " + message);
  }
  return store;
}

QuarantineStore::QuarantineStore(QuarantineStore&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
QuarantineStore& QuarantineStore::operator=(QuarantineStore&& other) noexcept {
  std::swap(db_, other.db_);
  return *this;
}
QuarantineStore::~QuarantineStore() { sqlite3_close(db_); }

Expected<bool> QuarantineStore::record(const std::vector<CrateScan>& crates, const std::vector<std::string>& details,
                                       const std::string& tool_version) {
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return unexpected(error_of(db_, "begin"));
  Statement insert(db_,
                   "INSERT INTO scans (name, version, source, verdict, reasons, details, tool_version, scanned_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return unexpected(error_of(db_, "prepare"));
  }
  std::string now = utc_now();
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
    if (insert.step() != SQLITE_DONE) {
      std::string message = error_of(db_, "insert");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return unexpected(message);
    }
    insert.reset();
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return unexpected(error_of(db_, "commit"));
  return true;
}

Expected<bool> QuarantineStore::decide(const std::string& name, const std::string& version, Decision decision,
                                       const std::string& reviewer, const std::string& reason) {
  Statement scanned(db_, "SELECT COUNT(*) FROM scans WHERE name = ?1 AND version = ?2");
  if (!scanned.ok()) return unexpected(error_of(db_, "query"));
  scanned.bind(1, name);
  scanned.bind(2, version);
  if (scanned.step() != SQLITE_ROW || scanned.column(0) == "0")
    return unexpected(name + " " + version + " was never scanned into this store: scan it first (scan --quarantine)");
  Statement insert(db_,
                   "INSERT INTO decisions (name, version, decision, reviewer, reason, decided_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!insert.ok()) return unexpected(error_of(db_, "prepare"));
  insert.bind(1, name);
  insert.bind(2, version);
  insert.bind(3, std::string(to_string(decision)));
  insert.bind(4, reviewer);
  insert.bind(5, reason);
  insert.bind(6, utc_now());
  if (insert.step() != SQLITE_DONE) return unexpected(error_of(db_, "insert"));
  return true;
}

Expected<std::vector<QuarantineEntry>> QuarantineStore::entries(bool all) const {
  // The latest scan and the latest decision of each version.
  Statement query(db_, R"sql(
    SELECT s.name, s.version, s.source, s.verdict, s.scanned_at, s.details,
           COALESCE(d.decision, ''), COALESCE(d.reviewer, ''), COALESCE(d.reason, ''), COALESCE(d.decided_at, '')
    FROM scans s
    LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE name = s.name AND version = s.version)
    WHERE s.id = (SELECT MAX(id) FROM scans WHERE name = s.name AND version = s.version)
    ORDER BY s.name, s.version)sql");
  if (!query.ok()) return unexpected(error_of(db_, "query"));
  std::vector<QuarantineEntry> out;
  while (query.step() == SQLITE_ROW) {
    QuarantineEntry entry{query.column(0), query.column(1), query.column(2), query.column(3), query.column(4),
                          query.column(6), query.column(7), query.column(8), query.column(9), query.column(5)};
    if (all || entry.verdict != "clean" || !entry.decision.empty()) out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace cratescope::scan
