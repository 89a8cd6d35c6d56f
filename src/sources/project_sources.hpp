#pragma once
// Where the source of every package of a project is: the package's own
// directory (path packages), vendor/, the Cargo home (unpacked registry
// sources, cached .crate files, git checkouts) or a directory registry such as
// Debian's /usr/share/cargo/registry. Packages not found are listed with the
// reason, never silently dropped.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "core/diagnostics.hpp"
#include "core/file_system.hpp"
#include "load/project_graph.hpp"
#include "sources/archive_limits.hpp"
#include "sources/crate_archive.hpp"
#include "sources/vendored_checksums.hpp"

namespace cratescope::sources {

enum class SourceOrigin { path, vendor, registry_src, crate_file, directory_registry, git_checkout, missing };
std::string_view to_string(SourceOrigin origin);

struct PackageSource {
  SourceOrigin origin = SourceOrigin::missing;
  std::filesystem::path dir;         // the crate root (for crate_file: once extracted)
  std::filesystem::path crate_file;  // crate_file: the .crate
  std::string reason;                // missing: why
  std::vector<std::string> warnings; // from extracting the .crate, or checking a vendored copy
  std::string package;               // `name version`, for messages
  std::string locked_checksum;       // Cargo.lock's: a crate_file must match it (crate_checksum.hpp)
  // For caches, when `dir` is a temporary directory: what names this
  // source's content instead (the index: the .crate's checksum).
  std::string cache_identity;
  bool found() const { return origin != SourceOrigin::missing; }
};

// Where to look. Tests set every field; the CLI uses defaults().
struct SourceSearch {
  std::filesystem::path project_root;  // its vendor/ is searched; empty: the graph's root
  std::filesystem::path cargo_home;    // empty: not searched
  std::vector<std::filesystem::path> directory_registries;
  static SourceSearch defaults(const std::filesystem::path& project_root);  // $CARGO_HOME, /usr/share/cargo/registry
};

class ProjectSources {
 public:
  // Only looks (no extraction); `files` must outlive the result.
  static ProjectSources locate(const load::ProjectGraph& graph, const FileSystem& files, const SourceSearch& search);
  // Sources already known (the ecosystem index lists a registry itself).
  static ProjectSources of(const FileSystem& files, std::vector<PackageSource> packages);

  const std::vector<PackageSource>& packages() const { return packages_; }  // by graph package index
  const PackageSource& at(size_t index) const { return packages_.at(index); }
  std::vector<size_t> missing() const;
  size_t count(SourceOrigin origin) const;

  // For a crate_file package: unpacks the .crate (once; kept until this
  // object goes) and returns the crate root. A vendored package is checked
  // against its .cargo-checksum.json first (vendored_checksums.hpp). For
  // others: their directory.
  Expected<std::filesystem::path> extract(size_t index, const ArchiveLimits& limits = {},
                                          const std::filesystem::path& temp_parent = {});
  // Checks the vendored packages against their .cargo-checksum.json at once
  // (those `only` marks; empty: all), on up to `threads` threads (0: all
  // cores): hashing a large vendor/ one package at a time in extract() took
  // most of a second. Optional.
  void check_vendored(unsigned threads = 0, const std::vector<bool>& only = {});
  // For a crate_file or vendored package read by someone else (the
  // scanner): why it is not the .crate Cargo.lock pins, or not what was
  // vendored (extract checks this itself; a vendored package checked by
  // check_vendored is not hashed again); nothing when it is, or when that
  // cannot be told.
  std::optional<std::string> checksum_mismatch(size_t index, const ArchiveLimits& limits = {}) const;
  // What extracting a package's .crate left out (a symlink, a device file),
  // as warnings on the .crate, or what its vendored copy's check could not
  // check: said once, after extract().
  void report_warnings(size_t index, Diagnostics& diagnostics) const;

 private:
  const FileSystem* files_ = nullptr;
  std::vector<PackageSource> packages_;
  std::map<size_t, std::unique_ptr<CrateArchive>> extracted_;
  std::set<size_t> vendor_checked_;                 // vendored packages checked (once)
  std::map<size_t, std::string> vendor_mismatches_;  // ... and why those refused are
  VendorCheck check_vendored_copy(const PackageSource& p) const;
  void keep_vendor_check(size_t index, VendorCheck check);
};

}  // namespace cratescope::sources
