#include "audit/registry_index.hpp"

#include "core/ascii_text.hpp"
#include "core/cargo_home.hpp"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace cratescope::audit {

std::string index_relative_path(const std::string& raw_name) {
  std::string name = ascii_lower(raw_name);
  if (name.size() <= 2) return std::to_string(name.size()) + "/" + name;
  if (name.size() == 3) return "3/" + name.substr(0, 1) + "/" + name;
  return name.substr(0, 2) + "/" + name.substr(2, 2) + "/" + name;
}

std::optional<RegistryIndex> RegistryIndex::open(const fs::path& dir, const FileSystem& files) {
  if (!files.is_directory(dir)) return std::nullopt;
  RegistryIndex index;
  // Cargo keeps the entries it has fetched under .cache, in both index kinds.
  index.root_ = files.is_directory(dir / ".cache") ? dir / ".cache" : dir;
  index.files_ = &files;
  return index;
}

std::optional<RegistryIndex> RegistryIndex::open_default(const FileSystem& files) {
  fs::path home = default_cargo_home();
  if (home.empty()) return std::nullopt;
  for (auto& dir : files.list_directory(home / "registry" / "index"))
    if (files.is_directory(dir / ".cache")) return open(dir, files);
  return std::nullopt;
}

// Entries are JSON lines ({"name":..,"vers":..,"yanked":..}). Cargo's cache
// files wrap them in a small binary header with NUL separators, so JSON
// objects are taken from between NULs and newlines alike.
std::optional<std::vector<IndexedVersion>> RegistryIndex::versions(const std::string& name) const {
  auto text = files_->read_file(root_ / index_relative_path(name), 64u << 20);
  if (!text) return std::nullopt;
  std::vector<IndexedVersion> out;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find_first_of(std::string_view("\n\0", 2), start);
    if (end == std::string::npos) end = text->size();
    std::string_view piece(text->data() + start, end - start);
    start = end + 1;
    if (piece.empty() || piece.front() != '{') continue;
    auto entry = nlohmann::json::parse(piece, nullptr, false);
    if (entry.is_discarded() || !entry.is_object() || !entry.contains("vers") || !entry["vers"].is_string()) continue;
    auto version = semver::Version::parse(entry["vers"].get<std::string>());
    if (!version) continue;
    bool yanked = entry.contains("yanked") && entry["yanked"].is_boolean() && entry["yanked"].get<bool>();
    out.push_back({*version, yanked});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

}  // namespace cratescope::audit
