#include "scan/pattern_set.hpp"

#include <hs/hs.h>
#include <re2/re2.h>

#include "core/atomic_file.hpp"
#include "core/file_system.hpp"
#include "core/fnv1a.hpp"


#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <atomic>
#include <stdexcept>
#include <string>

namespace cratescope::scan {

struct PatternSet::Impl {
  hs_database_t* database = nullptr;
  uint64_t id = 0;  // unique for the process: a freed database's address can come back
  std::vector<std::unique_ptr<re2::RE2>> verifiers;
  ~Impl() { hs_free_database(database); }
};

namespace {

// One scratch per thread, grown to fit every database it is used with.
// hs_alloc_scratch is not free even when nothing grows, so each database is
// fitted once per thread.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<uint64_t> fitted;
  ~ThreadScratch() { hs_free_scratch(scratch); }
};

hs_scratch_t* scratch_for(const hs_database_t* database, uint64_t id) {
  thread_local ThreadScratch holder;
  if (std::find(holder.fitted.begin(), holder.fitted.end(), id) == holder.fitted.end()) {
    if (hs_alloc_scratch(database, &holder.scratch) != HS_SUCCESS) throw std::bad_alloc();
    holder.fitted.push_back(id);
  }
  return holder.scratch;
}

std::atomic<uint64_t> next_database_id = 1;

struct Candidate {
  unsigned pattern;
  size_t end;
};

struct CollectState {
  std::vector<Candidate>* candidates;
  size_t limit;
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/, void* context) {
  auto* state = static_cast<CollectState*>(context);
  state->candidates->push_back({id, static_cast<size_t>(to)});
  return state->candidates->size() >= state->limit ? 1 : 0;  // non-zero stops the scan
}

size_t line_start(std::string_view text, size_t offset) {
  size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

size_t line_end(std::string_view text, size_t offset) {
  size_t newline = text.find('\n', offset);
  return newline == std::string_view::npos ? text.size() : newline;
}

}  // namespace

namespace {

// The cached database: Hyperscan's serialized bytes, then our own hash of
// them (a damaged or foreign file is a miss, never loaded).
hs_database_t* load_cached(const std::filesystem::path& file) {
  auto read = RealFileSystem().read_file(file, 64u << 20);  // bounded: a cache file is a few hundred KiB
  if (!read) return nullptr;
  const std::string& bytes = *read;
  if (bytes.size() < 8) return nullptr;
  std::string_view body(bytes.data(), bytes.size() - 8);
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + body.size(), 8);
  if (stored != fnv1a(body)) return nullptr;
  hs_database_t* database = nullptr;
  if (hs_deserialize_database(body.data(), body.size(), &database) != HS_SUCCESS) return nullptr;
  return database;
}

void store_cached(const std::filesystem::path& file, const hs_database_t* database) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(database, &bytes, &length) != HS_SUCCESS) return;
  std::string body(bytes, length);
  std::free(bytes);  // Hyperscan's default allocator is malloc
  uint64_t hash = fnv1a(body);
  body.append(reinterpret_cast<const char*>(&hash), 8);
  (void)write_file_atomically(file, body);  // a cache: failing to keep it costs a compile next time
}

}  // namespace

PatternSet::PatternSet(std::span<const std::string_view> patterns, const std::filesystem::path& cache_dir)
    : impl_(std::make_unique<Impl>()) {
  impl_->id = next_database_id++;
  std::vector<std::string> owned;
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  re2::RE2::Options options;
  options.set_log_errors(false);
  uint64_t key = fnv1a(hs_version());
  for (size_t i = 0; i < patterns.size(); ++i) {
    owned.emplace_back(patterns[i]);
    key = fnv1a(std::string_view(owned.back().c_str(), owned.back().size() + 1), key);
    auto verifier = std::make_unique<re2::RE2>(owned.back(), options);
    if (!verifier->ok()) throw std::invalid_argument("RE2 rejects pattern " + owned.back() + ": " + verifier->error());
    impl_->verifiers.push_back(std::move(verifier));
  }
  std::filesystem::path cached = cache_dir.empty() ? std::filesystem::path() : cache_dir / ("hyperscan-" + hex64(key) + ".db");
  if (!cached.empty() && (impl_->database = load_cached(cached))) return;
  for (size_t i = 0; i < owned.size(); ++i) {
    expressions.push_back(owned[i].c_str());
    flags.push_back(0);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                       HS_MODE_BLOCK, nullptr, &impl_->database, &error) != HS_SUCCESS) {
    std::string message = error && error->message ? error->message : "unknown error";
    int index = error ? error->expression : -1;
    hs_free_compile_error(error);
    throw std::invalid_argument("Hyperscan rejects pattern " +
                                (index >= 0 ? owned[static_cast<size_t>(index)] : std::string("?")) + ": " + message);
  }
  if (!cached.empty()) store_cached(cached, impl_->database);
}

PatternSet::~PatternSet() = default;

size_t PatternSet::size() const { return impl_->verifiers.size(); }

bool PatternSet::find_all(std::string_view text, std::vector<PatternMatch>& out, size_t max_matches) const {
  std::vector<Candidate> candidates;
  // Hyperscan reports every end offset of a pattern like `[a-z]+`: far more
  // candidates than matches, so its cap is generous.
  CollectState state{&candidates, max_matches * 16};
  hs_error_t status = hs_scan(impl_->database, text.data(), static_cast<unsigned>(std::min<size_t>(text.size(), UINT32_MAX)),
                              0, scratch_for(impl_->database, impl_->id), on_match, &state);
  bool complete = status == HS_SUCCESS;
  // Each (pattern, window) is verified once, however many ends fell in it.
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.pattern != b.pattern ? a.pattern < b.pattern : a.end < b.end; });
  size_t before = out.size();
  size_t covered_pattern = SIZE_MAX, covered_until = 0;
  for (const Candidate& candidate : candidates) {
    if (candidate.pattern == covered_pattern && candidate.end <= covered_until) continue;
    size_t begin = line_start(text, candidate.end == 0 ? 0 : candidate.end - 1);
    size_t end = line_end(text, candidate.end == 0 ? 0 : candidate.end - 1);
    if (candidate.end - begin > kWindow) begin = candidate.end - kWindow;
    if (end - candidate.end > kWindow) end = candidate.end + kWindow;
    covered_pattern = candidate.pattern;
    covered_until = end;
    const re2::RE2& verifier = *impl_->verifiers[candidate.pattern];
    re2::StringPiece groups[2];
    int group_count = std::min(verifier.NumberOfCapturingGroups(), 1) + 1;
    size_t position = begin;
    while (position <= end && verifier.Match(re2::StringPiece(text.data(), text.size()), position, end,
                                             re2::RE2::UNANCHORED, groups, group_count)) {
      PatternMatch match;
      match.pattern = candidate.pattern;
      match.begin = static_cast<size_t>(groups[0].data() - text.data());
      match.end = match.begin + groups[0].size();
      const re2::StringPiece& value = group_count > 1 && groups[1].data() ? groups[1] : groups[0];
      match.value_begin = static_cast<size_t>(value.data() - text.data());
      match.value_end = match.value_begin + value.size();
      out.push_back(match);
      if (out.size() - before >= max_matches) {
        complete = false;
        break;
      }
      position = match.end > position ? match.end : position + 1;
    }
    if (out.size() - before >= max_matches) break;
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(), [](const PatternMatch& a, const PatternMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.pattern < b.pattern;
  });
  // The same match found from two windows of one long line counts once.
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                        [](const PatternMatch& a, const PatternMatch& b) {
                          return a.pattern == b.pattern && a.begin == b.begin && a.end == b.end;
                        }),
            out.end());
  return complete;
}

}  // namespace cratescope::scan
