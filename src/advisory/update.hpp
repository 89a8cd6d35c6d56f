#pragma once
// `db update`: clone the advisory database, or fetch and move the checkout to
// the remote's main branch (as cargo-audit does, local changes are dropped).
#include <chrono>
#include <string>

#include "core/context.hpp"
#include "core/expected.hpp"

namespace cratescope::advisory {

inline constexpr const char* kDefaultDatabaseUrl = "https://github.com/rustsec/advisory-db.git";

struct UpdateSummary {
  std::string path;
  std::string url;
  bool cloned = false;  // true: there was no checkout before
  std::string old_commit, old_commit_date;  // empty when cloned
  std::string new_commit, new_commit_date;
  bool changed() const { return old_commit != new_commit; }
  // "advisory database at PATH updated: 1a2b3c4 (2024-..) -> 5d6e7f8 (2024-..)"
  std::string to_string() const;
};

// Errors are messages for the user. When the network cannot be reached the
// message says so and names the existing checkout that is still used.
// A server that sends nothing for `timeout` (cargo's http.timeout is 30 s
// too) fails the update the same way: the transfer is abandoned.
inline constexpr std::chrono::seconds kDefaultTransferTimeout{30};
Expected<UpdateSummary> update_database(const fs::path& path, const std::string& url, Context& ctx,
                                        std::chrono::seconds timeout = kDefaultTransferTimeout);
Expected<UpdateSummary> update_database(const fs::path& path, Context& ctx);

}  // namespace cratescope::advisory
