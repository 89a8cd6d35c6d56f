#pragma once
// Many regular expressions matched in one pass: Hyperscan finds where each
// pattern's matches end, RE2 re-reads only those lines to find where they
// begin and what their capture group holds. Hyperscan alone cannot capture,
// RE2 alone would read every file once per pattern.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace cratescope::scan {

struct PatternMatch {
  size_t pattern = 0;               // index into the patterns given
  size_t begin = 0, end = 0;        // the whole match, byte offsets into the text
  size_t value_begin = 0, value_end = 0;  // capture group 1, or the whole match
};

class PatternSet {
 public:
  // Throws std::invalid_argument naming the pattern that Hyperscan or RE2
  // rejects. With a `cache_dir`, the compiled Hyperscan database is kept
  // there (keyed by the patterns and Hyperscan's version) and read back next
  // time: compiling takes a third of a second, loading a millisecond.
  explicit PatternSet(std::span<const std::string_view> patterns, const std::filesystem::path& cache_dir = {});
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Every match, by position. Thread-safe (scratch space is per thread).
  // Lines longer than kWindow are read in a window around each candidate.
  // Stops after `max_matches`, returning false then (the caller says so).
  bool find_all(std::string_view text, std::vector<PatternMatch>& out, size_t max_matches = 10'000) const;

  size_t size() const;
  static constexpr size_t kWindow = 2048;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cratescope::scan
