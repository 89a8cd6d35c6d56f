// load_database: either take the parsed database from the cache, or list,
// read and parse the advisory files in parallel (one task per package
// directory: on this kind of machine, file system calls cost as much as
// parsing, so they are spread over the threads too).
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>

#include "advisory/database.hpp"
#include "advisory/database_cache.hpp"
#include "core/atomic_file.hpp"
#include "core/thread_limit.hpp"
#include "git/git_support.hpp"

namespace cratescope::advisory {

namespace {

constexpr const char* kCollections[] = {"crates", "rust"};
constexpr size_t kMaxAdvisoryBytes = 4u << 20;

template <class Body>
void run_parallel(size_t count, const Context& ctx, Body&& body) {
  with_thread_limit(ctx.threads, [&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, count), [&](const tbb::blocked_range<size_t>& range) {
      for (size_t i = range.begin(); i != range.end(); ++i) body(i);
    });
  });
}

struct PackageDir {
  fs::path path;
  const char* collection;
};

// What one package directory yields.
struct PackageResult {
  std::vector<Advisory> advisories;
  std::vector<Diagnostic> diagnostics;
  std::vector<cache::Stamp> stamps;
  bool stamps_complete = true;
};

void report_unreadable(const fs::path& file, const std::string& message, std::vector<Diagnostic>& diagnostics) {
  Diagnostic d;
  d.location.file = file.string();
  d.message = message;
  diagnostics.push_back(std::move(d));
}

// Stamps are taken *before* listing / reading, so a change racing with the
// load makes the cache stale rather than wrong.
void stamp(const fs::path& path, PackageResult& result) {
  if (auto s = cache::stamp_of(path.string())) result.stamps.push_back(std::move(*s));
  else result.stamps_complete = false;
}

PackageResult load_package_dir(const PackageDir& dir, bool with_stamps, const Context& ctx) {
  PackageResult result;
  if (with_stamps) stamp(dir.path, result);
  for (const fs::path& file : ctx.files.list_directory(dir.path)) {
    if (file.extension() != ".md") continue;
    if (with_stamps) stamp(file, result);
    auto text = ctx.files.read_file(file, kMaxAdvisoryBytes);
    if (!text) {
      report_unreadable(file, text.error(), result.diagnostics);
      continue;
    }
    Diagnostics local;  // per file, merged in file order: the report does not depend on thread timing
    auto advisory = parse_advisory(*text, file.string(), local);
    for (Diagnostic& d : local.all()) result.diagnostics.push_back(std::move(d));
    if (advisory) {
      advisory->collection = dir.collection;
      result.advisories.push_back(std::move(*advisory));
    }
  }
  return result;
}

struct ParsedDatabase {
  std::vector<Advisory> advisories;
  std::vector<Diagnostic> diagnostics;
  std::optional<std::vector<cache::Stamp>> stamps;  // nullopt: some path could not be stamped
};

ParsedDatabase parse_database(const fs::path& root, bool with_stamps, const Context& ctx) {
  PackageResult top;
  if (with_stamps) stamp(root, top);
  std::vector<PackageDir> dirs;
  for (const char* collection : kCollections) {
    const fs::path collection_dir = root / collection;
    if (with_stamps && ctx.files.is_directory(collection_dir)) stamp(collection_dir, top);
    // list_directory of a plain file is empty, so no is_directory call per package.
    for (fs::path& dir : ctx.files.list_directory(collection_dir)) dirs.push_back({std::move(dir), collection});
  }

  std::vector<PackageResult> results(dirs.size());
  run_parallel(dirs.size(), ctx, [&](size_t i) { results[i] = load_package_dir(dirs[i], with_stamps, ctx); });

  ParsedDatabase parsed;
  bool stamps_complete = top.stamps_complete;
  std::vector<cache::Stamp> stamps = std::move(top.stamps);
  size_t count = 0;
  for (const PackageResult& r : results) count += r.advisories.size();
  parsed.advisories.reserve(count);
  for (PackageResult& r : results) {
    std::move(r.advisories.begin(), r.advisories.end(), std::back_inserter(parsed.advisories));
    std::move(r.diagnostics.begin(), r.diagnostics.end(), std::back_inserter(parsed.diagnostics));
    std::move(r.stamps.begin(), r.stamps.end(), std::back_inserter(stamps));
    stamps_complete = stamps_complete && r.stamps_complete;
  }
  if (with_stamps && stamps_complete) parsed.stamps = std::move(stamps);
  return parsed;
}

void report_duplicate_ids(const std::vector<Advisory>& advisories, std::vector<Diagnostic>& diagnostics) {
  for (size_t i = 1; i < advisories.size(); ++i) {
    if (advisories[i].id != advisories[i - 1].id) continue;
    Diagnostic d;
    d.level = DiagnosticLevel::warning;
    d.location = {advisories[i].file, advisories[i].position};
    d.message = "duplicate advisory id " + advisories[i].id + " (also in " + advisories[i - 1].file + ")";
    diagnostics.push_back(std::move(d));
  }
}

bool stamps_unchanged(const std::vector<cache::Stamp>& stamps, const Context& ctx) {
  if (stamps.empty()) return false;
  std::atomic<bool> unchanged = true;
  run_parallel(stamps.size(), ctx, [&](size_t i) {
    if (!unchanged.load(std::memory_order_relaxed)) return;
    auto now = cache::stamp_of(stamps[i].path);
    if (!now || !(*now == stamps[i])) unchanged = false;
  });
  return unchanged;
}

// The cached database, if the cache file exists, is intact and still
// describes the checkout.
std::optional<cache::CachedDatabase> read_cache(const fs::path& cache_path, const std::string& key, bool keyed_by_git,
                                                const Context& ctx) {
  auto bytes = cache::read_file(cache_path);
  if (!bytes) return std::nullopt;
  auto cached = cache::deserialize(*bytes, key);
  if (!cached) return std::nullopt;
  if (!keyed_by_git && !stamps_unchanged(cached->stamps, ctx)) return std::nullopt;
  return cached;
}

void report_cache_problem(Context& ctx, const fs::path& file, const std::string& message) {
  Diagnostic d;
  d.level = DiagnosticLevel::warning;
  d.location.file = file.string();
  d.message = "advisory cache not written: " + message;
  ctx.diagnostics.report(std::move(d));
}

}  // namespace

std::optional<Database> load_database(const fs::path& path, const LoadOptions& options, Context& ctx) {
  auto timer = ctx.timers.scope("load advisory db");
  if (!ctx.files.is_directory(path / "crates") && !ctx.files.is_directory(path / "rust")) {
    Diagnostic d;
    d.location.file = path.string();
    d.message = ctx.files.is_directory(path) ? "not an advisory database (no crates/ or rust/ directory)"
                                             : "advisory database not found (run `cratescope db update` to fetch it)";
    ctx.diagnostics.report(std::move(d));
    return std::nullopt;
  }

  Database db;
  db.info.path = path.string();
  const std::optional<git::CommitInfo> head = git::head_commit_of(path);
  if (head) {
    db.info.commit = head->id;
    db.info.commit_date = head->date;
  }

  // A git checkout is keyed by its HEAD commit (a cache hit is then a single
  // file read); anything else by the stamps stored in the cache.
  const bool use_cache = !options.cache_dir.empty();
  const fs::path cache_path = use_cache ? cache::cache_file(options.cache_dir, path) : fs::path();
  const std::string key = path.string() + (head ? "\ngit:" + head->id : "\nstamps");
  if (use_cache) {
    if (auto cached = read_cache(cache_path, key, head.has_value(), ctx)) {
      for (Diagnostic& d : cached->diagnostics) ctx.diagnostics.report(std::move(d));
      db.advisories = std::move(cached->advisories);
      db.info.from_cache = true;
      db.build_index();
      return db;
    }
  }

  ParsedDatabase parsed = parse_database(path, use_cache && !head, ctx);
  db.advisories = std::move(parsed.advisories);
  std::stable_sort(db.advisories.begin(), db.advisories.end(),
                   [](const Advisory& a, const Advisory& b) { return a.id < b.id; });
  report_duplicate_ids(db.advisories, parsed.diagnostics);
  db.build_index();

  // Without git and without complete stamps (e.g. an in-memory file system)
  // there is nothing to key the cache by: skip it.
  if (use_cache && (head || parsed.stamps)) {
    const std::vector<cache::Stamp> no_stamps;
    auto written = write_file_atomically(
        cache_path, cache::serialize(key, head ? no_stamps : *parsed.stamps, db.info.commit, db.info.commit_date,
                                     db.advisories, parsed.diagnostics));
    if (!written) report_cache_problem(ctx, cache_path, written.error());
  }
  for (Diagnostic& d : parsed.diagnostics) ctx.diagnostics.report(std::move(d));
  return db;
}

}  // namespace cratescope::advisory
