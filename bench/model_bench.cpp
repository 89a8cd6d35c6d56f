// One phase of the corpus benchmark (bench/model_bench.sh runs the phases as
// separate processes so that each one's peak RSS is its own):
//   model REGISTRY [--list FILE]   source model + capabilities of every crate
//   parse FILE                     tree-sitter parse only, of the files in FILE
//                                  (--same-text: not what the model leaves unparsed,
//                                  #[cfg(test)] mod bodies and literal tables)
//   interleaved REGISTRY FILE      both, in turn over slices of the corpus
// Prints one line of key=value figures.

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "capabilities/crate_capabilities.hpp"
#include "core/allocator_tuning.hpp"
#include "model/parser.hpp"
#include "model/literal_tables.hpp"
#include "bench_support.hpp"

namespace fs = std::filesystem;
using namespace cratescope;
using bench::peak_rss_mib;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --slow MS: name the crates that take longer than this (to find what is costly).
double slow_crates_ms = 0;

std::vector<std::string> registry_crates(const fs::path& registry) {
  std::vector<std::string> crates;
  for (const auto& entry : fs::directory_iterator(registry))
    if (entry.is_directory() && fs::exists(entry.path() / "Cargo.toml")) crates.push_back(entry.path().generic_string());
  std::sort(crates.begin(), crates.end());
  return crates;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

struct ModelTotals {
  size_t files = 0, findings = 0, unsafe_sites = 0, unanalyzed = 0;
  std::vector<std::string> source_files;
};

// Model + capabilities of each crate, crates in parallel, as `cratescope
// capabilities` of a project does.
ModelTotals model_crates(std::span<const std::string> crates, const capabilities::RuleMatcher& rules) {
  RealFileSystem files;
  std::atomic<size_t> file_count = 0, findings = 0, unsafe_sites = 0, unanalyzed = 0;
  std::mutex list_mutex;
  ModelTotals totals;
  tbb::parallel_for(size_t{0}, crates.size(), [&](size_t i) {
    Diagnostics diagnostics;  // per crate: the corpus' parse warnings are counted, not kept
    Timers timers;
    Context context{files, diagnostics, timers, 0};
    capabilities::AnalysisOptions options;
    auto crate_start = std::chrono::steady_clock::now();
    auto result = capabilities::analyze_crate(context, crates[i], options, rules);
    if (slow_crates_ms > 0) {
      double ms = seconds_since(crate_start) * 1000;
      if (ms > slow_crates_ms) std::fprintf(stderr, "slow: %s %.0f ms (%zu files)\n", crates[i].c_str(), ms, result.files);
    }
    file_count += result.files;
    findings += result.findings.size();
    unsafe_sites += result.unsafe_sites.size();
    unanalyzed += result.unanalyzed_files.size();
    std::lock_guard lock(list_mutex);
    totals.source_files.insert(totals.source_files.end(), result.source_files.begin(), result.source_files.end());
  }, tbb::simple_partitioner());
  totals.files = file_count;
  totals.findings = findings;
  totals.unsafe_sites = unsafe_sites;
  totals.unanalyzed = unanalyzed;
  return totals;
}

struct ParseTotals {
  uintmax_t bytes = 0, skipped_bytes = 0;
  size_t with_errors = 0;
};

// The bound: read and parse each file, nothing else. With `same_text`, the
// bound for the same text as the model parses: the model leaves out large
// tables of numbers, and `#[cfg(test)] mod` bodies when tests are not wanted.
ParseTotals parse_files(std::span<const std::string> paths, bool same_text = false) {
  static tbb::enumerable_thread_specific<model::ParserPtr> parsers([] { return model::make_rust_parser(); });
  std::atomic<uintmax_t> bytes = 0, skipped_bytes = 0;
  std::atomic<size_t> with_errors = 0;
  RealFileSystem files;  // read as the model reads them: one open, one read
  tbb::parallel_for(size_t{0}, paths.size(), [&](size_t i) {
    std::string text = files.read_file(paths[i]).value_or(std::string());
    bytes += text.size();
    TSParser* parser = parsers.local().get();
    model::TreePtr tree;
    if (same_text) {
      std::vector<model::ByteRange> holes = model::unparsed_ranges(text, true);
      if (!holes.empty() && (tree = model::parse_around(*parser, text, holes)))
        for (const auto& hole : holes) skipped_bytes += hole.end - hole.begin;
    }
    if (!tree) tree.reset(ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
    if (tree && ts_node_has_error(ts_tree_root_node(tree.get()))) ++with_errors;
  });
  return {bytes.load(), skipped_bytes.load(), with_errors.load()};
}

int model_phase(const fs::path& registry, const std::string& list_path) {
  std::vector<std::string> crates = registry_crates(registry);
  capabilities::RuleMatcher rules;
  auto start = std::chrono::steady_clock::now();
  ModelTotals totals = model_crates(crates, rules);
  double elapsed = seconds_since(start);
  uintmax_t bytes = 0;
  for (const auto& f : totals.source_files) {
    std::error_code ec;
    bytes += fs::file_size(f, ec);
  }
  if (!list_path.empty()) {
    std::sort(totals.source_files.begin(), totals.source_files.end());
    std::ofstream out(list_path);
    for (const auto& f : totals.source_files) out << f << "\n";
  }
  std::printf("phase=model seconds=%.3f crates=%zu files=%zu bytes=%ju findings=%zu unsafe_sites=%zu unanalyzed_files=%zu rss_mib=%.1f\n",
              elapsed, crates.size(), totals.files, bytes, totals.findings, totals.unsafe_sites, totals.unanalyzed,
              peak_rss_mib());
  return 0;
}

int parse_phase(const std::string& list_path, bool same_text) {
  std::vector<std::string> paths = read_lines(list_path);
  auto start = std::chrono::steady_clock::now();
  ParseTotals totals = parse_files(paths, same_text);
  double elapsed = seconds_since(start);
  std::printf("phase=parse seconds=%.3f files=%zu bytes=%ju skipped_bytes=%ju files_with_errors=%zu rss_mib=%.1f\n",
              elapsed, paths.size(), totals.bytes, totals.skipped_bytes, totals.with_errors, peak_rss_mib());
  return 0;
}

// Both phases in turn over slices of the corpus (a few seconds each), the
// order flipped from slice to slice. On a shared machine whose speed drifts
// by tens of percent over a minute, whole-corpus runs of one phase and then
// the other compare different machines; slices side by side see the same one.
int interleaved_phase(const fs::path& registry, const std::string& list_path, size_t slices) {
  // Both sorted as "dir/" so that each crate's files are one run of the
  // list, in the crates' order (`a-1.0.1/` sorts before `a-1.0/`).
  std::vector<std::string> crates = registry_crates(registry);
  std::sort(crates.begin(), crates.end(), [](const auto& a, const auto& b) { return a + "/" < b + "/"; });
  std::vector<std::string> paths = read_lines(list_path);
  std::sort(paths.begin(), paths.end());
  capabilities::RuleMatcher rules;
  double parse_seconds = 0, model_seconds = 0, same_text_seconds = 0;
  uintmax_t bytes = 0, skipped_bytes = 0;
  std::vector<double> ratios;
  slices = std::clamp<size_t>(slices, 1, crates.size());
  size_t file_begin = 0;
  for (size_t s = 0; s < slices; ++s) {
    size_t begin = crates.size() * s / slices, end = crates.size() * (s + 1) / slices;
    std::span<const std::string> slice(crates.data() + begin, end - begin);
    // The files of these crates: the sorted list holds them between the
    // first crate's prefix and the next slice's first crate.
    size_t file_end = file_begin;
    std::string stop = end < crates.size() ? crates[end] + "/" : std::string();
    while (file_end < paths.size() && (stop.empty() || paths[file_end] < stop)) ++file_end;
    std::span<const std::string> files(paths.data() + file_begin, file_end - file_begin);
    file_begin = file_end;
    double p = 0, m = 0, q = 0;
    auto time_parse = [&] {
      auto t = std::chrono::steady_clock::now();
      bytes += parse_files(files).bytes;
      p = seconds_since(t);
      t = std::chrono::steady_clock::now();
      skipped_bytes += parse_files(files, true).skipped_bytes;
      q = seconds_since(t);
    };
    auto time_model = [&] {
      auto t = std::chrono::steady_clock::now();
      model_crates(slice, rules);
      m = seconds_since(t);
    };
    if (s % 2 == 0) {
      time_parse();
      time_model();
    } else {
      time_model();
      time_parse();
    }
    parse_seconds += p;
    model_seconds += m;
    same_text_seconds += q;
    if (p > 0) ratios.push_back(m / p);
  }
  std::sort(ratios.begin(), ratios.end());
  double median = ratios.empty() ? 0 : ratios[ratios.size() / 2];
  if (file_begin != paths.size()) std::fprintf(stderr, "warning: %zu listed files are in no crate\n", paths.size() - file_begin);
  std::printf("phase=interleaved slices=%zu parse_seconds=%.3f model_seconds=%.3f ratio=%.3f median_slice_ratio=%.3f\n",
              slices, parse_seconds, model_seconds, parse_seconds > 0 ? model_seconds / parse_seconds : 0, median);
  // The model does not parse test module bodies (see parse_text): the same
  // bound without them shows what the model's own work costs.
  std::printf("phase=interleaved_same_text parse_seconds=%.3f ratio=%.3f skipped_bytes=%ju of=%ju\n", same_text_seconds,
              same_text_seconds > 0 ? model_seconds / same_text_seconds : 0, skipped_bytes, bytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cratescope::tune_allocator();  // as the cratescope binary does
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t threads = 0;
  std::string list;
  size_t slices = 20;
  bool same_text = false;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--threads" && i + 1 < args.size()) threads = std::stoul(args[++i]);
    else if (args[i] == "--list" && i + 1 < args.size()) list = args[++i];
    else if (args[i] == "--slow" && i + 1 < args.size()) slow_crates_ms = std::stod(args[++i]);
    else if (args[i] == "--slices" && i + 1 < args.size()) slices = std::stoul(args[++i]);
    else if (args[i] == "--same-text") same_text = true;
    else positional.push_back(args[i]);
  }
  bool interleaved = positional.size() == 3 && positional[0] == "interleaved";
  if (!interleaved && (positional.size() != 2 || (positional[0] != "model" && positional[0] != "parse"))) {
    std::cerr << "usage: cratescope-model-bench [--threads N] model REGISTRY [--list FILE]\n"
                 "       cratescope-model-bench [--threads N] parse FILE_LIST [--same-text]\n"
                 "       cratescope-model-bench [--threads N] interleaved REGISTRY FILE_LIST [--slices K]\n";
    return 2;
  }
  std::optional<tbb::global_control> limit;
  if (threads) limit.emplace(tbb::global_control::max_allowed_parallelism, threads);
  if (interleaved) return interleaved_phase(positional[1], positional[2], slices);
  return positional[0] == "model" ? model_phase(positional[1], list) : parse_phase(positional[1], same_text);
}
