#pragma once
// Files the caches write (advisory database, call-graph units, compiled
// Hyperscan patterns): written beside their place and renamed over it, so a
// reader (another cratescope running at the same time) never sees half a
// file and an interrupted write leaves the old one.
#include <filesystem>
#include <string_view>

#include "core/expected.hpp"

namespace cratescope {

// Creates the parent directories; on failure nothing is left behind and the
// error names the file.
Expected<bool> write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace cratescope
