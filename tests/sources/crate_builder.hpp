#pragma once
// Builds .crate tarballs (gzip'd pax tar) in memory with libarchive's writer,
// including entries a well-behaved `cargo package` would never write.
#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <vector>

namespace cratescope::testing {

struct TarEntry {
  std::string path;
  std::string data;           // regular files
  unsigned type = AE_IFREG;   // AE_IFDIR, AE_IFLNK, AE_IFCHR, ...
  std::string link;           // symlink target
  std::string hardlink;       // non-empty: a hard link to this path
  long long declared_size = -1;  // -1: data.size()
};

inline std::string build_crate(const std::vector<TarEntry>& entries, bool gzip = true) {
  archive* a = archive_write_new();
  if (gzip) archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_set_bytes_in_last_block(a, 1);  // no padding after the gzip stream
  std::string out;
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* client, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr);
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
    if (!e.link.empty()) archive_entry_set_symlink(entry, e.link.c_str());
    if (!e.hardlink.empty()) archive_entry_set_hardlink(entry, e.hardlink.c_str());
    bool has_data = e.type == AE_IFREG && e.hardlink.empty();
    archive_entry_set_size(entry, has_data ? static_cast<la_int64_t>(e.declared_size >= 0 ? e.declared_size : static_cast<long long>(e.data.size())) : 0);
    archive_write_header(a, entry);
    if (has_data && !e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

inline std::vector<TarEntry> normal_crate_entries() {
  return {
      {"demo-1.0.0/Cargo.toml", "[package]\nname = \"demo\"\nversion = \"1.0.0\"\n"},
      {"demo-1.0.0/src", "", AE_IFDIR},
      {"demo-1.0.0/src/lib.rs", "pub fn f() {}\n"},
      {"demo-1.0.0/src/inner/mod.rs", "// inner\n"},
      {"demo-1.0.0/README.md", ""},
  };
}

}  // namespace cratescope::testing
