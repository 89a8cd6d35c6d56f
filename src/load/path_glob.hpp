#pragma once
// Glob patterns of [workspace] `members` ("crates/*", "tools/*-cli", "libs/**"),
// matched against directories through the FileSystem interface.
#include <string_view>
#include <vector>

#include "core/file_system.hpp"

namespace cratescope::load {

bool has_glob_characters(std::string_view pattern);

// Shell-style match of one path component: `*`, `?`, `[abc]`, `[a-z]`, `[!abc]`.
bool glob_match(std::string_view pattern, std::string_view name);

// Directories under `base` matching the '/'-separated `pattern` (a `**`
// component matches any depth), sorted. Hidden entries only match a pattern
// component that starts with '.'.
std::vector<fs::path> expand_directory_glob(const fs::path& base, std::string_view pattern, const FileSystem& files);

}  // namespace cratescope::load
