#include "scan/scan_run.hpp"

#include <tbb/parallel_for.h>

#include <atomic>
#include <chrono>
#include <mutex>

#include "core/thread_limit.hpp"
#include "sources/crate_archive.hpp"

namespace cratescope::scan {

namespace {

CrateScan unsafe_archive(const ScanTarget& target, const std::string& error) {
  CrateScan scan;
  scan.name = target.name.empty() ? fs::path(target.crate_file).stem().string() : target.name;
  scan.version = target.version;
  scan.dir = target.crate_file;
  ScanFinding finding;
  finding.rule_id = "archive-rejected";
  finding.kind = FindingKind::provenance;
  finding.category = "archive";
  finding.severity = Severity::high;
  finding.confidence = Confidence::medium;
  finding.location = {fs::path(target.crate_file).filename().string(), {}};
  finding.excerpt = error;
  finding.why = "cargo package never writes such an archive; unpacking it could write outside its directory or "
                "exhaust the disk, so it was not unpacked and its contents were not scanned";
  scan.findings.push_back(std::move(finding));
  scan.errors.push_back(target.crate_file + ": " + error);
  VerdictResult verdict = decide_verdict(scan.findings);
  scan.verdict = verdict.verdict;
  scan.reasons = std::move(verdict.reasons);
  return scan;
}

CrateScan scan_one(const Context& context, const ScanRules& rules, const ScanTarget& target, const ScanOptions& options) {
  if (target.crate_file.empty()) {
    ScanOptions own = options;
    own.skip_build_output = target.workspace_member;
    CrateScan scan = scan_crate(context, rules, target.dir, own);
    if (!target.name.empty()) scan.name = target.name;  // the lockfile's identity wins over `version.workspace`
    if (!target.version.empty()) scan.version = target.version;
    return scan;
  }
  auto archive = sources::CrateArchive::extract(target.crate_file);
  if (!archive) return unsafe_archive(target, archive.error());
  CrateScan scan = scan_crate(context, rules, archive->root().generic_string(), options);
  scan.dir = target.crate_file;  // the temporary directory is gone after this
  for (const std::string& warning : archive->warnings()) scan.errors.push_back(target.crate_file + ": " + warning);
  return scan;
}

}  // namespace

ScanRunResult scan_targets(const Context& context, const ScanRules& rules, const std::vector<ScanTarget>& targets,
                           const ScanOptions& options, const ScanProgress& progress) {
  auto start = std::chrono::steady_clock::now();
  ScanRunResult out;
  std::vector<size_t> present;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].missing_reason.empty()) present.push_back(i);
    else out.missing.push_back(targets[i]);
  }
  out.crates.resize(present.size());
  Context inner{context.files, context.diagnostics, context.timers, 0};
  std::mutex progress_mutex;
  std::atomic<size_t> done = 0;
  auto work = [&] {
    tbb::parallel_for(size_t{0}, present.size(), size_t{1}, [&](size_t k) {
      const ScanTarget& target = targets[present[k]];
      out.crates[k] = scan_one(inner, rules, target, options);
      size_t now = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(now, present.size(), target.label);
      }
    });
  };
  with_thread_limit(context.threads, work);
  for (const CrateScan& scan : out.crates) {
    out.files += scan.files;
    out.bytes += scan.bytes;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

namespace {

void collect_registry(const fs::path& dir, int depth, std::vector<ScanTarget>& out) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    if (fs::is_symlink(entry, ec)) {
      // Debian's registry links crate directories into place: follow only those.
      if (!fs::is_directory(entry, ec) || !fs::exists(entry / "Cargo.toml", ec)) continue;
    }
    if (entry.extension() == ".crate" && fs::is_regular_file(entry, ec)) {
      out.push_back({entry.filename().string(), "", entry.string(), "", "", "", false});
    } else if (fs::is_directory(entry, ec)) {
      if (fs::exists(entry / "Cargo.toml", ec)) out.push_back({entry.filename().string(), entry.string(), "", "", "", "", false});
      else if (depth == 0) collect_registry(entry, depth + 1, out);
    }
  }
}

}  // namespace

std::vector<ScanTarget> registry_targets(const std::string& registry_dir) {
  std::vector<ScanTarget> out;
  collect_registry(registry_dir, 0, out);
  return out;
}

bool looks_like_registry(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "Cargo.toml", ec)) return false;
  return !registry_targets(dir).empty();
}

}  // namespace cratescope::scan
