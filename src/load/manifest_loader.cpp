#include "load/manifest_loader.hpp"

namespace cratescope::load {

fs::path normalized(const fs::path& path) {
  fs::path out = path.lexically_normal();
  if (!out.has_filename() && out.has_parent_path() && out != out.root_path()) out = out.parent_path();
  return out;
}

bool is_within(const fs::path& path, const fs::path& dir) {
  fs::path p = normalized(path), d = normalized(dir);
  auto p_it = p.begin();
  for (auto d_it = d.begin(); d_it != d.end(); ++d_it, ++p_it)
    if (p_it == p.end() || *p_it != *d_it) return false;
  return true;
}

const LoadedManifest* ManifestLoader::load(const fs::path& manifest_path) {
  std::string key = normalized(manifest_path).generic_string();
  if (auto it = cache_.find(key); it != cache_.end()) return it->second ? &*it->second : nullptr;
  auto& slot = cache_[key];
  auto text = files_.read_file(key);
  if (!text) {
    diagnostics_.error(key, "", {}, text.error());
    return nullptr;
  }
  auto manifest = parse_manifest(*text, key, diagnostics_);
  if (!manifest) return nullptr;
  slot = LoadedManifest{std::move(*manifest), std::move(*text)};
  return &*slot;
}

}  // namespace cratescope::load
