#pragma once
// Building an index in a test: a real file system, its own diagnostics.
#include <filesystem>
#include <string>

#include "index/index_build.hpp"
#include "support/test_support.hpp"

namespace cratescope::index {

inline std::filesystem::path fixture_registry() { return testing::fixtures_dir() / "index" / "registry"; }

// `options.registry` and `options.database` are set from the arguments.
inline Expected<IndexSummary> index_registry(const std::filesystem::path& registry, const std::string& database,
                                             IndexOptions options = {}) {
  static RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 2};
  options.registry = registry.string();
  options.database = database;
  return build_index(context, options);
}

}  // namespace cratescope::index
