// The Database's lookups, and where the user's database lives by default.
#include "advisory/database.hpp"

#include "core/cargo_home.hpp"

#include <cstdlib>

namespace cratescope::advisory {

void Database::build_index() {
  by_package_.clear();
  by_id_.clear();
  for (size_t i = 0; i < advisories.size(); ++i) {
    const Advisory& a = advisories[i];
    by_id_.emplace(a.id, i);
    // `rust` advisories are about the toolchain, not about a crate of that name.
    if (a.collection == "crates") by_package_[a.package].push_back(i);
  }
  info.advisory_count = advisories.size();
}

std::vector<const Advisory*> Database::for_package(const std::string& package) const {
  std::vector<const Advisory*> out;
  auto it = by_package_.find(package);
  if (it == by_package_.end()) return out;
  out.reserve(it->second.size());
  for (size_t index : it->second) out.push_back(&advisories[index]);
  return out;
}

const Advisory* Database::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &advisories[it->second];
}

fs::path default_database_path() {
  fs::path home = default_cargo_home();
  return (home.empty() ? fs::path(".cargo") : home) / "advisory-db";
}

}  // namespace cratescope::advisory
