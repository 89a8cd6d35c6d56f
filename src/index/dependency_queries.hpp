#pragma once
// Crate-level questions of an index: who depends on a crate (directly or
// not), what a crate version depends on, and a dependency path between two
// crates; and an advisory's blast radius across the whole index.
#include <optional>
#include <string>
#include <vector>

#include "advisory/advisory.hpp"
#include "index/index_queries.hpp"

namespace cratescope::index {

struct DependencyRow {
  std::string crate, version;          // the depending (rdeps) or depended-on (deps) crate version
  std::string requirement, kind;       // as written, normal/build/dev
  std::string resolved;                // deps: the version selected ("" none present)
  std::vector<std::string> could_select;  // deps: every version present the requirement accepts
  unsigned distance = 1;               // rdeps --transitive: edges away
  std::string via;                     // rdeps --transitive: the crate version it goes through
  int64_t version_id = 0;              // rdeps: the depending crate version's id in the index
};

struct BlastRadius {
  std::string advisory, package, title;
  bool function_level = false;               // the advisory names affected functions
  std::vector<std::string> functions;        // as the advisory writes them
  std::vector<std::string> vulnerable_versions;  // of the package, present in the index
  struct Dependent {
    std::string crate, version;
    std::string depends_on;        // the vulnerable version it selects (`tar 0.4.35`)
    std::vector<Caller> callers;   // reaches: its functions that reach an affected function
    std::string reason;            // unknown: why
  };
  std::vector<Dependent> reaches, does_not_reach, unknown, package_level;
  std::vector<std::string> notes;
};

class DependencyQueries {
 public:
  explicit DependencyQueries(const IndexReader& reader, const SqliteDb& db) : reader_(reader), db_(db) {}

  Expected<std::vector<DependencyRow>> rdeps(const std::string& crate, const std::string& requirement, bool transitive) const;
  Expected<std::vector<DependencyRow>> deps(const std::string& crate, const std::string& requirement) const;
  // Crate versions from `from` down to `to` (both crate names), shortest first; one per version of `from`.
  Expected<std::vector<std::vector<std::string>>> crate_path(const std::string& from, const std::string& to) const;
  Expected<BlastRadius> blast_radius(const advisory::Advisory& advisory, unsigned depth) const;

 private:
  const IndexReader& reader_;
  const SqliteDb& db_;
  struct VersionRow {
    int64_t id;
    std::string name, version, status;
    int64_t unanalyzed_files;
  };
  Expected<std::vector<VersionRow>> versions_of(const std::string& crate, const std::string& requirement) const;
  std::optional<VersionRow> version(int64_t id) const;
  // Whether the version has nothing at module `module` (`crate::bytes`): no
  // function under it, no `pub use` in it or naming it.
  bool has_no_module(int64_t version, const std::string& module) const;
};

}  // namespace cratescope::index
