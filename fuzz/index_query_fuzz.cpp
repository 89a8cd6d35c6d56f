// Arbitrary text as what users type into `cratescope query`: function paths,
// version requirements and crate names, asked of the fixture registry's index
// (built once). Exercises path resolution through re-exports and globs, the
// callers search, and the dependency queries, which must answer or refuse
// with a reason, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "index/dependency_queries.hpp"
#include "index/index_build.hpp"

namespace {

using namespace cratescope;

const index::IndexReader& fixture_index() {
  static const index::IndexReader* reader = [] {
    static RealFileSystem files;
    static Diagnostics diagnostics;
    static Timers timers;
    Context context{files, diagnostics, timers, 1};
    std::string database = (std::filesystem::temp_directory_path() / "cratescope-index-query-fuzz.sqlite").string();
    index::IndexOptions options;
    options.registry = CRATESCOPE_FIXTURES "/index/registry";
    options.database = database;
    options.force = true;
    if (!index::build_index(context, options)) __builtin_trap();
    auto opened = index::IndexReader::open(database);
    if (!opened) __builtin_trap();
    return new index::IndexReader(std::move(*opened));
  }();
  return *reader;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const index::IndexReader& reader = fixture_index();
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t newline = text.find('\n');
  std::string path = text.substr(0, newline);
  std::string requirement = newline == std::string::npos ? "" : text.substr(newline + 1);
  auto callers = reader.callers(path, {requirement, 8, size % 2 == 0});
  if (callers)
    for (const auto& c : callers->callers)
      if (c.path.empty()) __builtin_trap();  // every caller comes with its path
  (void)reader.functions_named(path);
  index::DependencyQueries queries(reader, reader.db());
  (void)queries.rdeps(path, requirement, true);
  (void)queries.deps(path, requirement);
  (void)queries.crate_path(path, requirement);
  return 0;
}
