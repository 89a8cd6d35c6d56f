#pragma once
// `cratescope index merge`: the databases of `index --shard K/N` (one per
// job of a job array) combined into one index. Each crate version is taken
// from the shard that owns it; functions of dependencies that several shards
// linked against are matched by crate version, target, path and position.
#include <string>
#include <vector>

#include "core/expected.hpp"

namespace cratescope::index {

struct MergeSummary {
  size_t shards = 0, crate_versions = 0, functions = 0, calls = 0;
};

// Every shard 1..N of one N must be given once; `out` is created or replaced.
Expected<MergeSummary> merge_indexes(const std::vector<std::string>& shards, const std::string& out);

}  // namespace cratescope::index
