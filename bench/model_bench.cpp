// One phase of the corpus benchmark (bench/model_bench.sh runs the phases as
// separate processes so that each one's peak RSS is its own):
//   model REGISTRY [--list FILE]   source model + capabilities of every crate
//   parse FILE                     tree-sitter parse only, of the files in FILE
// Prints one line of key=value figures.

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/enumerable_thread_specific.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include "capabilities/crate_capabilities.hpp"
#include "core/allocator_tuning.hpp"
#include "model/parser.hpp"
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

int model_phase(const fs::path& registry, const std::string& list_path) {
  std::vector<std::string> crates;
  for (const auto& entry : fs::directory_iterator(registry))
    if (entry.is_directory() && fs::exists(entry.path() / "Cargo.toml")) crates.push_back(entry.path().generic_string());
  std::sort(crates.begin(), crates.end());
  RealFileSystem files;
  capabilities::RuleMatcher rules;
  std::atomic<size_t> file_count = 0, findings = 0, unsafe_sites = 0, unanalyzed = 0;
  std::mutex list_mutex;
  std::vector<std::string> all_files;
  auto start = std::chrono::steady_clock::now();
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
    all_files.insert(all_files.end(), result.source_files.begin(), result.source_files.end());
  }, tbb::simple_partitioner());
  double elapsed = seconds_since(start);
  uintmax_t bytes = 0;
  for (const auto& f : all_files) {
    std::error_code ec;
    bytes += fs::file_size(f, ec);
  }
  if (!list_path.empty()) {
    std::sort(all_files.begin(), all_files.end());
    std::ofstream out(list_path);
    for (const auto& f : all_files) out << f << "\n";
  }
  std::printf("phase=model seconds=%.3f crates=%zu files=%zu bytes=%ju findings=%zu unsafe_sites=%zu unanalyzed_files=%zu rss_mib=%.1f\n",
              elapsed, crates.size(), file_count.load(), bytes, findings.load(), unsafe_sites.load(), unanalyzed.load(),
              peak_rss_mib());
  return 0;
}

int parse_phase(const std::string& list_path) {
  std::vector<std::string> paths;
  std::ifstream in(list_path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) paths.push_back(line);
  tbb::enumerable_thread_specific<model::ParserPtr> parsers([] { return model::make_rust_parser(); });
  std::atomic<uintmax_t> bytes = 0;
  std::atomic<size_t> with_errors = 0;
  auto start = std::chrono::steady_clock::now();
  RealFileSystem files;  // read as the model reads them: one open, one read
  tbb::parallel_for(size_t{0}, paths.size(), [&](size_t i) {
    std::string text = files.read_file(paths[i]).value_or(std::string());
    bytes += text.size();
    TSTree* tree = ts_parser_parse_string(parsers.local().get(), nullptr, text.data(), static_cast<uint32_t>(text.size()));
    if (tree && ts_node_has_error(ts_tree_root_node(tree))) ++with_errors;
    ts_tree_delete(tree);
  });
  double elapsed = seconds_since(start);
  std::printf("phase=parse seconds=%.3f files=%zu bytes=%ju files_with_errors=%zu rss_mib=%.1f\n", elapsed, paths.size(),
              bytes.load(), with_errors.load(), peak_rss_mib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cratescope::tune_allocator();  // as the cratescope binary does
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t threads = 0;
  std::string list;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--threads" && i + 1 < args.size()) threads = std::stoul(args[++i]);
    else if (args[i] == "--list" && i + 1 < args.size()) list = args[++i];
    else if (args[i] == "--slow" && i + 1 < args.size()) slow_crates_ms = std::stod(args[++i]);
    else positional.push_back(args[i]);
  }
  if (positional.size() != 2 || (positional[0] != "model" && positional[0] != "parse")) {
    std::cerr << "usage: cratescope-model-bench [--threads N] model REGISTRY [--list FILE]\n"
                 "       cratescope-model-bench [--threads N] parse FILE_LIST\n";
    return 2;
  }
  std::optional<tbb::global_control> limit;
  if (threads) limit.emplace(tbb::global_control::max_allowed_parallelism, threads);
  return positional[0] == "model" ? model_phase(positional[1], list) : parse_phase(positional[1]);
}
