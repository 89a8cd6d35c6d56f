#pragma once
// The advisory database: a RustSec advisory-db checkout, loaded in parallel
// and cached (keyed by the git commit of the checkout, or by file stamps).
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "advisory/advisory.hpp"
#include "core/context.hpp"

namespace cratescope::advisory {

struct DatabaseInfo {
  std::string path;
  std::string commit;       // HEAD commit of the checkout, when it is a git repo
  std::string commit_date;  // ISO 8601, when known
  size_t advisory_count = 0;
  bool from_cache = false;
};

class Database {
 public:
  DatabaseInfo info;
  std::vector<Advisory> advisories;  // sorted by id

  // All advisories for `package` (crates collection), including withdrawn ones.
  std::vector<const Advisory*> for_package(const std::string& package) const;
  const Advisory* find(const std::string& id) const;
  void build_index();

 private:
  std::unordered_map<std::string, std::vector<size_t>> by_package_;
  std::unordered_map<std::string, size_t> by_id_;
};

struct LoadOptions {
  // Where to keep the parsed cache; empty disables caching.
  fs::path cache_dir;
};

// ~/.cargo/advisory-db (honouring $CARGO_HOME), as cargo-audit.
fs::path default_database_path();

// Load every crates/*/RUSTSEC-*.md and rust/*/RUSTSEC-*.md under `path`.
// A malformed advisory is reported and skipped. Returns nullopt only when
// `path` is not an advisory database at all.
std::optional<Database> load_database(const fs::path& path, const LoadOptions& options, Context& ctx);

}  // namespace cratescope::advisory
