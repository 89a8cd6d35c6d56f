// load_database: find the advisory files, then either take the parsed
// database from the cache or parse the files in parallel.
#include <sys/stat.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <unordered_map>

#include "advisory/database.hpp"
#include "advisory/database_cache.hpp"
#include "advisory/git_support.hpp"

namespace cratescope::advisory {

namespace {

constexpr const char* kCollections[] = {"crates", "rust"};

struct AdvisoryFile {
  fs::path path;
  const char* collection;
};

template <class Body>
void run_parallel(size_t count, const Context& ctx, Body&& body) {
  tbb::task_arena arena(ctx.threads ? static_cast<int>(ctx.threads) : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, count),
                      [&](const tbb::blocked_range<size_t>& range) {
                        for (size_t i = range.begin(); i != range.end(); ++i) body(i);
                      });
  });
}

bool is_advisory_file(const fs::path& path) { return path.extension() == ".md"; }

// <collection>/<package>/*.md, in a stable order. Listing the ~900 package
// directories is itself worth doing in parallel.
std::vector<AdvisoryFile> find_advisory_files(const fs::path& root, const Context& ctx) {
  std::vector<std::pair<fs::path, const char*>> package_dirs;
  for (const char* collection : kCollections)
    for (const fs::path& dir : ctx.files.list_directory(root / collection))
      if (ctx.files.is_directory(dir)) package_dirs.emplace_back(dir, collection);

  std::vector<std::vector<AdvisoryFile>> per_dir(package_dirs.size());
  run_parallel(package_dirs.size(), ctx, [&](size_t i) {
    for (const fs::path& file : ctx.files.list_directory(package_dirs[i].first))
      if (is_advisory_file(file)) per_dir[i].push_back({file, package_dirs[i].second});
  });
  std::vector<AdvisoryFile> files;
  for (auto& dir : per_dir)
    for (auto& file : dir) files.push_back(std::move(file));
  return files;
}

// Without git, the cache key is a digest of every advisory file's name, size
// and modification time; nullopt if any of them cannot be stat'ed (e.g. an
// in-memory file system), which just disables the cache.
std::optional<std::string> file_stamp_key(const std::vector<AdvisoryFile>& files) {
  uint64_t hash = cache::fnv1a("files");
  for (const AdvisoryFile& file : files) {
    struct stat info {};
    if (::stat(file.path.c_str(), &info) != 0) return std::nullopt;
    hash = cache::fnv1a(file.path.string(), hash);
    const int64_t stamps[] = {static_cast<int64_t>(info.st_size), static_cast<int64_t>(info.st_mtim.tv_sec),
                              static_cast<int64_t>(info.st_mtim.tv_nsec)};
    hash = cache::fnv1a(std::string_view(reinterpret_cast<const char*>(stamps), sizeof stamps), hash);
  }
  return "files:" + std::to_string(files.size()) + ":" + cache::hex(hash);
}

struct ParsedFile {
  std::optional<Advisory> advisory;
  std::vector<Diagnostic> diagnostics;
};

ParsedFile parse_file(const AdvisoryFile& file, const Context& ctx) {
  ParsedFile parsed;
  Diagnostics local;  // collected per file, merged in file order for a deterministic report
  const std::string name = file.path.string();
  auto text = ctx.files.read_file(file.path, 4u << 20);
  if (!text) {
    Diagnostic d;
    d.location.file = name;
    d.message = text.error();
    local.report(std::move(d));
  } else {
    parsed.advisory = parse_advisory(*text, name, local);
    if (parsed.advisory) parsed.advisory->collection = file.collection;
  }
  parsed.diagnostics = local.all();
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

  // With git the key is known before listing anything, so a cache hit costs
  // one file read.
  std::optional<std::vector<AdvisoryFile>> files;
  std::optional<std::string> key;
  const bool use_cache = !options.cache_dir.empty();
  const fs::path cache_path = use_cache ? cache::cache_file(options.cache_dir, path) : fs::path();
  if (use_cache) {
    if (head) {
      key = path.string() + "\ngit:" + head->id;
    } else {
      files = find_advisory_files(path, ctx);
      if (auto stamps = file_stamp_key(*files)) key = path.string() + "\n" + *stamps;
    }
  }
  if (key) {
    if (auto bytes = cache::read_file(cache_path)) {
      if (auto cached = cache::deserialize(*bytes, *key)) {
        for (Diagnostic& d : cached->diagnostics) ctx.diagnostics.report(std::move(d));
        db.advisories = std::move(cached->advisories);
        db.info.from_cache = true;
        db.build_index();
        return db;
      }
    }
  }

  if (!files) files = find_advisory_files(path, ctx);
  std::vector<ParsedFile> parsed(files->size());
  run_parallel(files->size(), ctx, [&](size_t i) { parsed[i] = parse_file((*files)[i], ctx); });

  std::vector<Diagnostic> diagnostics;
  db.advisories.reserve(parsed.size());
  for (ParsedFile& p : parsed) {
    for (Diagnostic& d : p.diagnostics) diagnostics.push_back(std::move(d));
    if (p.advisory) db.advisories.push_back(std::move(*p.advisory));
  }
  std::stable_sort(db.advisories.begin(), db.advisories.end(),
                   [](const Advisory& a, const Advisory& b) { return a.id < b.id; });
  report_duplicate_ids(db.advisories, diagnostics);
  db.build_index();

  if (key) {
    auto written = cache::write_file(
        cache_path, cache::serialize(*key, db.info.commit, db.info.commit_date, db.advisories, diagnostics));
    if (!written) report_cache_problem(ctx, cache_path, written.error());
  }
  for (Diagnostic& d : diagnostics) ctx.diagnostics.report(std::move(d));
  return db;
}

}  // namespace cratescope::advisory
