#pragma once
// Call-graph units of registry crates kept on disk between runs: a published
// crate version never changes, so its functions, call sites and `use`s are
// modelled once (the cold run) and read back afterwards. Files are written
// atomically (temp file + rename); a missing, truncated, corrupt or
// outdated file is a miss, never an error.
#include <filesystem>
#include <optional>
#include <string>

#include "callgraph/crate_unit.hpp"

namespace cratescope::callgraph {

// The file for one crate version: the key covers the package identity, where
// its source is, and the format (bumped when modelling changes).
std::filesystem::path unit_cache_file(const std::filesystem::path& cache_dir, const std::string& name,
                                      const std::string& version, const std::string& source,
                                      const std::string& source_dir);

std::optional<CrateUnit> load_cached_unit(const std::filesystem::path& file);
// The format of units, bumped whenever modelling changes what a unit holds:
// an index built by another one is out of date even for the same crates.
uint32_t unit_format();
// The bytes of a cache file, and back; decode_unit gives nullopt unless
// every part is well-formed.
std::string encode_unit(const CrateUnit& unit);
std::optional<CrateUnit> decode_unit(std::string_view bytes);
// False when it could not be written (a read-only cache is not an error).
bool save_cached_unit(const CrateUnit& unit, const std::filesystem::path& file);

}  // namespace cratescope::callgraph
