#include "index/registry_crates.hpp"

#include <tbb/parallel_for.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/fnv1a.hpp"
#include "core/thread_limit.hpp"
#include "scan/scan_run.hpp"

namespace fs = std::filesystem;

namespace cratescope::index {

namespace {

constexpr size_t kMaxManifestBytes = 1 << 20;
constexpr size_t kMaxCrateFileBytes = 256u << 20;

std::string package_checksum(const Context& context, const fs::path& dir) {
  auto text = context.files.read_file(dir / ".cargo-checksum.json", kMaxManifestBytes);
  if (!text) return "";
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("package") || !json["package"].is_string()) return "";
  std::string sum = json["package"].get<std::string>();
  return sum.empty() ? "" : "sha256:" + sum;
}

// Without a registry checksum: what changes when a file is edited.
std::string directory_fingerprint(const fs::path& dir) {
  std::vector<std::string> lines;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto time = fs::last_write_time(it->path(), ec).time_since_epoch().count();
    lines.push_back(fs::relative(it->path(), dir, ec).generic_string() + " " + std::to_string(it->file_size(ec)) + " " +
                    std::to_string(time));
  }
  std::sort(lines.begin(), lines.end());
  uint64_t hash = kFnv1aSeed;
  for (const auto& line : lines) hash = fnv1a(line + "\n", hash);
  return "files:" + hex64(hash);
}

void read_identity(const Context& context, RegistryCrate& crate) {
  fs::path manifest_path = fs::path(crate.dir) / "Cargo.toml";
  auto text = context.files.read_file(manifest_path, kMaxManifestBytes);
  if (!text) {
    crate.error = text.error();
    return;
  }
  Diagnostics diagnostics;  // the reason is kept with the crate, not printed per warning
  crate.manifest = load::parse_manifest(*text, manifest_path.generic_string(), diagnostics);
  if (!crate.manifest || !crate.manifest->package) {
    std::string why = "no [package] in Cargo.toml";
    for (const auto& d : diagnostics.all())
      if (d.level == DiagnosticLevel::error) {
        why = to_string(d.location) + ": " + d.message;
        break;
      }
    crate.error = why;
    crate.manifest.reset();
    return;
  }
  crate.name = crate.manifest->package->name;
  crate.version = crate.manifest->package->version;
}

}  // namespace

std::pair<std::string, std::string> split_entry_name(const std::string& entry_name) {
  for (size_t i = 0; i + 1 < entry_name.size(); ++i)
    if (entry_name[i] == '-' && std::isdigit(static_cast<unsigned char>(entry_name[i + 1])))
      return {entry_name.substr(0, i), entry_name.substr(i + 1)};
  return {entry_name, ""};
}

namespace {

template <class Work>
void in_parallel(const Context& context, size_t count, Work work) {
  with_thread_limit(context.threads, [&] { tbb::parallel_for(size_t{0}, count, work); });
}

std::string crate_file_stem(const std::string& crate_file) {
  std::string name = fs::path(crate_file).filename().string();
  return name.substr(0, name.size() - std::string_view(".crate").size());
}

}  // namespace

std::vector<RegistryCrate> list_registry(const Context& context, const std::string& registry_dir) {
  std::vector<scan::ScanTarget> entries = scan::registry_targets(registry_dir);
  std::vector<RegistryCrate> out(entries.size());
  in_parallel(context, entries.size(), [&](size_t i) {
    const scan::ScanTarget& entry = entries[i];
    RegistryCrate& crate = out[i];
    crate.from_crate_file = !entry.crate_file.empty();
    crate.entry = crate.from_crate_file ? entry.crate_file : entry.dir;
    std::tie(crate.name, crate.version) =
        split_entry_name(crate.from_crate_file ? crate_file_stem(crate.entry) : fs::path(crate.entry).filename().string());
    if (!crate.from_crate_file) {
      crate.dir = entry.dir;
      crate.checksum = package_checksum(context, crate.dir);
      if (crate.checksum.empty()) crate.checksum = directory_fingerprint(crate.dir);
      read_identity(context, crate);
      return;
    }
    auto bytes = context.files.read_file(crate.entry, kMaxCrateFileBytes);
    if (!bytes) {
      crate.error = bytes.error();
      return;
    }
    crate.checksum = "fnv1a:" + hex64(fnv1a(*bytes));
  });
  return out;
}

void unpack_crate_files(const Context& context, std::vector<RegistryCrate>& crates) {
  in_parallel(context, crates.size(), [&](size_t i) {
    RegistryCrate& crate = crates[i];
    if (!crate.from_crate_file || !crate.error.empty() || crate.unpacked) return;
    auto bytes = context.files.read_file(crate.entry, kMaxCrateFileBytes);
    if (!bytes) {
      crate.error = bytes.error();
      return;
    }
    auto archive = sources::CrateArchive::extract_bytes(*bytes, crate.entry, crate_file_stem(crate.entry));
    if (!archive) {
      crate.error = "cannot unpack safely: " + archive.error();
      return;
    }
    crate.unpacked = std::make_shared<sources::CrateArchive>(std::move(*archive));
    crate.dir = crate.unpacked->root().generic_string();
    read_identity(context, crate);
  });
}

}  // namespace cratescope::index
