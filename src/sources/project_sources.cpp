#include "sources/project_sources.hpp"

#include <tbb/parallel_for.h>

#include "load/source_locator.hpp"
#include "core/cargo_home.hpp"
#include "core/thread_limit.hpp"
#include "sources/crate_checksum.hpp"
#include "sources/crate_reader.hpp"
#include "sources/git_checkout.hpp"
#include "sources/vendored_checksums.hpp"

namespace cratescope::sources {

namespace fs = std::filesystem;

std::string_view to_string(SourceOrigin origin) {
  switch (origin) {
    case SourceOrigin::path: return "path";
    case SourceOrigin::vendor: return "vendor";
    case SourceOrigin::registry_src: return "registry-src";
    case SourceOrigin::crate_file: return "crate-file";
    case SourceOrigin::directory_registry: return "directory-registry";
    case SourceOrigin::git_checkout: return "git-checkout";
    case SourceOrigin::missing: return "missing";
  }
  return "missing";
}

SourceSearch SourceSearch::defaults(const fs::path& project_root) {
  return {project_root, default_cargo_home(), {"/usr/share/cargo/registry"}};
}

namespace {

fs::path file_url_path(const std::string& url) {
  constexpr std::string_view kFile = "file://";
  return url.compare(0, kFile.size(), kFile) == 0 ? fs::path(url.substr(kFile.size())) : fs::path(url);
}

// The roots of each kind, looked up once for the whole project.
class Searcher {
 public:
  Searcher(const FileSystem& files, const SourceSearch& search)
      : files_(files), search_(search), vendor_(files), registry_src_(files), directories_(files) {
    vendor_.add_root(search.project_root / "vendor");
    if (!search.cargo_home.empty()) {
      for (auto& dir : files.list_directory(search.cargo_home / "registry" / "src")) registry_src_.add_root(dir);
      for (auto& dir : files.list_directory(search.cargo_home / "registry" / "cache"))
        if (files.is_directory(dir)) caches_.push_back(dir);
    }
    for (auto& dir : search.directory_registries) directories_.add_root(dir);
  }

  PackageSource find(const load::GraphPackage& p) const {
    if (!p.source) return path_package(p);
    switch (p.source->kind) {
      case load::SourceKind::registry:
      case load::SourceKind::sparse_registry: return registry_package(p);
      case load::SourceKind::git: return git_package(p);
      case load::SourceKind::path: return directory_of(file_url_path(p.source->url), p, SourceOrigin::path);
      case load::SourceKind::directory: return in_directory(file_url_path(p.source->url), p);
      case load::SourceKind::local_registry: return in_local_registry(file_url_path(p.source->url), p);
      case load::SourceKind::unknown: break;
    }
    return missing("unsupported source " + p.source->raw);
  }

 private:
  static PackageSource missing(std::string reason) { return {SourceOrigin::missing, {}, {}, std::move(reason), {}}; }
  static PackageSource at(SourceOrigin origin, fs::path dir) { return {origin, std::move(dir), {}, {}, {}}; }

  PackageSource directory_of(const fs::path& dir, const load::GraphPackage& p, SourceOrigin origin) const {
    if (files_.is_file(dir / "Cargo.toml")) return at(origin, dir);
    return missing("no Cargo.toml in " + dir.string() + " for " + p.display());
  }

  PackageSource path_package(const load::GraphPackage& p) const {
    if (p.manifest_path.empty()) return missing("a path package whose manifest is unknown");
    return directory_of(fs::path(p.manifest_path).parent_path(), p, SourceOrigin::path);
  }

  // Order: what Cargo would build from first (vendored copies replace the
  // registry), then the exact bytes Cargo downloaded, then a distribution's copy.
  PackageSource registry_package(const load::GraphPackage& p) const {
    if (auto dir = vendor_.locate(p.name, p.version)) return at(SourceOrigin::vendor, *dir);
    if (auto dir = registry_src_.locate(p.name, p.version)) return at(SourceOrigin::registry_src, *dir);
    for (auto& cache : caches_)
      if (auto file = crate_file_in(cache, p)) return {SourceOrigin::crate_file, {}, *file, {}, {}};
    if (auto dir = directories_.locate(p.name, p.version)) return at(SourceOrigin::directory_registry, *dir);
    return missing("not found in " + searched());
  }

  PackageSource git_package(const load::GraphPackage& p) const {
    if (auto dir = vendor_.locate(p.name, p.version)) return at(SourceOrigin::vendor, *dir);
    auto lookup = find_git_checkout(files_, search_.cargo_home, *p.source, p.name, p.version);
    if (lookup.dir) return at(SourceOrigin::git_checkout, *lookup.dir);
    return missing(lookup.reason);
  }

  PackageSource in_directory(const fs::path& root, const load::GraphPackage& p) const {
    load::SourceLocator locator(files_);
    locator.add_root(root);
    if (auto dir = locator.locate(p.name, p.version)) return at(SourceOrigin::directory_registry, *dir);
    return missing("not found in the directory source " + root.string());
  }

  PackageSource in_local_registry(const fs::path& root, const load::GraphPackage& p) const {
    if (auto file = crate_file_in(root, p)) return {SourceOrigin::crate_file, {}, *file, {}, {}};
    return missing("no .crate for " + p.display() + " in the local registry " + root.string());
  }

  std::optional<fs::path> crate_file_in(const fs::path& dir, const load::GraphPackage& p) const {
    semver::Version plain = p.version;
    plain.build.clear();
    for (const auto& v : {p.version, plain}) {
      auto file = dir / (p.name + "-" + v.to_string() + ".crate");
      if (files_.is_file(file)) return file;
    }
    return std::nullopt;
  }

  std::string searched() const {
    std::string out;
    auto add = [&](const fs::path& dir) { out += (out.empty() ? "" : ", ") + dir.string(); };
    for (auto* locator : {&vendor_, &registry_src_})
      for (auto& dir : locator->roots()) add(dir);
    for (auto& dir : caches_) add(dir);
    for (auto& dir : directories_.roots()) add(dir);
    return out.empty() ? "any source directory (none exists)" : out;
  }

  const FileSystem& files_;
  const SourceSearch& search_;
  load::SourceLocator vendor_, registry_src_, directories_;
  std::vector<fs::path> caches_;
};

}  // namespace

ProjectSources ProjectSources::of(const FileSystem& files, std::vector<PackageSource> packages) {
  ProjectSources out;
  out.files_ = &files;
  out.packages_ = std::move(packages);
  return out;
}

ProjectSources ProjectSources::locate(const load::ProjectGraph& graph, const FileSystem& files,
                                      const SourceSearch& search) {
  SourceSearch resolved = search;
  if (resolved.project_root.empty()) resolved.project_root = graph.root;
  Searcher searcher(files, resolved);
  ProjectSources out;
  out.files_ = &files;
  out.packages_.reserve(graph.packages.size());
  for (const auto& p : graph.packages) {
    out.packages_.push_back(searcher.find(p));
    out.packages_.back().package = p.display();
    out.packages_.back().locked_checksum = p.checksum;
  }
  return out;
}

std::vector<size_t> ProjectSources::missing() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < packages_.size(); ++i)
    if (!packages_[i].found()) out.push_back(i);
  return out;
}

size_t ProjectSources::count(SourceOrigin origin) const {
  size_t n = 0;
  for (const auto& p : packages_) n += p.origin == origin;
  return n;
}

std::optional<std::string> ProjectSources::checksum_mismatch(size_t index, const ArchiveLimits& limits) const {
  if (index >= packages_.size()) return std::nullopt;
  const PackageSource& p = packages_[index];
  if (p.origin == SourceOrigin::vendor) {
    if (!vendor_checked_.contains(index)) return check_vendored_copy(p).mismatch;
    auto refused = vendor_mismatches_.find(index);
    return refused == vendor_mismatches_.end() ? std::nullopt : std::optional<std::string>(refused->second);
  }
  if (p.origin != SourceOrigin::crate_file || !is_sha256_hex(p.locked_checksum)) return std::nullopt;
  auto bytes = files_->read_file(p.crate_file, limits.max_archive_bytes);
  if (!bytes) return std::nullopt;  // the reader says what is wrong with the file
  return crate_checksum_mismatch(*bytes, p.crate_file.string(), p.package, p.locked_checksum);
}

void ProjectSources::report_warnings(size_t index, Diagnostics& diagnostics) const {
  if (index >= packages_.size()) return;
  const PackageSource& p = packages_[index];
  // Said on the .crate, or on a vendored package's checksum file.
  std::string file = p.crate_file.empty() ? (p.dir / ".cargo-checksum.json").string() : p.crate_file.string();
  std::string prefix = file + ": ";
  for (const std::string& warning : p.warnings)
    diagnostics.report({DiagnosticLevel::warning, {file, {}},
                        warning.starts_with(prefix) ? warning.substr(prefix.size()) : warning, ""});
}

VendorCheck ProjectSources::check_vendored_copy(const PackageSource& p) const {
  return check_vendored_package(*files_, p.dir, p.package, p.locked_checksum);
}

void ProjectSources::keep_vendor_check(size_t index, VendorCheck check) {
  vendor_checked_.insert(index);
  packages_[index].warnings = std::move(check.warnings);
  if (check.mismatch) vendor_mismatches_[index] = std::move(*check.mismatch);
}

void ProjectSources::check_vendored(unsigned threads, const std::vector<bool>& only) {
  std::vector<size_t> todo;
  for (size_t i = 0; i < packages_.size(); ++i)
    if (packages_[i].origin == SourceOrigin::vendor && !vendor_checked_.contains(i) && (only.empty() || only.at(i)))
      todo.push_back(i);
  std::vector<VendorCheck> checks(todo.size());
  auto work = [&] {
    tbb::parallel_for(size_t{0}, todo.size(), [&](size_t k) { checks[k] = check_vendored_copy(packages_[todo[k]]); });
  };
  with_thread_limit(threads, work);
  for (size_t k = 0; k < todo.size(); ++k) keep_vendor_check(todo[k], std::move(checks[k]));
}

Expected<fs::path> ProjectSources::extract(size_t index, const ArchiveLimits& limits, const fs::path& temp_parent) {
  if (index >= packages_.size()) return unexpected(std::string("no package ") + std::to_string(index));
  PackageSource& p = packages_[index];
  if (!p.found()) return unexpected(p.reason);
  if (p.origin == SourceOrigin::vendor && !vendor_checked_.contains(index))
    keep_vendor_check(index, check_vendored_copy(p));
  if (auto refused = vendor_mismatches_.find(index); refused != vendor_mismatches_.end()) return unexpected(refused->second);
  if (p.origin != SourceOrigin::crate_file || extracted_.count(index)) return p.dir;
  // Read through the FileSystem so tests (and callers) may serve the .crate from memory.
  auto bytes = files_->read_file(p.crate_file, limits.max_archive_bytes);
  if (!bytes) return unexpected(bytes.error());
  if (auto mismatch = crate_checksum_mismatch(*bytes, p.crate_file.string(), p.package, p.locked_checksum))
    return unexpected(*mismatch);
  auto crate = CrateArchive::extract_bytes(*bytes, p.crate_file.string(), crate_top_from_file_name(p.crate_file),
                                           limits, temp_parent);
  if (!crate) return unexpected(crate.error());
  p.dir = crate->root();
  p.warnings = crate->warnings();
  extracted_[index] = std::make_unique<CrateArchive>(std::move(*crate));
  return p.dir;
}

}  // namespace cratescope::sources
