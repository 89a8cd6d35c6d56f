// The secret rules alone over a list of files, the way ripgrep would read
// them (bench/scan_bench.sh runs both on the same files):
//
//   cratescope-scan-bench list REGISTRY OUT      every file of every crate, one per line
//   cratescope-scan-bench patterns OUT           the secret patterns, one per line (rg -f)
//   cratescope-scan-bench secrets LIST [THREADS] Hyperscan + RE2 over the files
//
// Prints key=value figures on one line.
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "core/allocator_tuning.hpp"
#include "core/file_system.hpp"
#include "scan/pattern_set.hpp"
#include "scan/scan_run.hpp"
#include "scan/secret_rules.hpp"

namespace {

using namespace cratescope;

int list_files(const std::string& registry, const std::string& out_path) {
  std::ofstream out(out_path);
  size_t files = 0;
  for (const scan::ScanTarget& target : scan::registry_targets(registry)) {
    if (target.dir.empty()) continue;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(target.dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
        out << it->path().string() << "\n";
        ++files;
      }
  }
  std::cout << "files=" << files << "\n";
  return 0;
}

int write_patterns(const std::string& out_path) {
  std::ofstream out(out_path);
  for (const scan::SecretRule& rule : scan::secret_rules()) out << rule.pattern << "\n";
  return 0;
}

int secrets(const std::string& list_path, int threads) {
  std::vector<std::string> paths;
  std::ifstream in(list_path);
  for (std::string line; std::getline(in, line);) paths.push_back(line);
  std::vector<std::string_view> patterns;
  for (const scan::SecretRule& rule : scan::secret_rules()) patterns.push_back(rule.pattern);
  scan::PatternSet set(patterns);
  std::atomic<size_t> bytes = 0, matches = 0;
  std::atomic<int64_t> engine_ns = 0;  // time inside the rule engine, all threads: reading files excluded
  RealFileSystem files;
  auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::enumerable_thread_specific<std::vector<scan::PatternMatch>> found;
    tbb::parallel_for(size_t{0}, paths.size(), [&](size_t i) {
      auto text = files.read_file(paths[i], 32u << 20);
      if (!text) return;
      auto& out = found.local();
      out.clear();
      auto engine_start = std::chrono::steady_clock::now();
      set.find_all(*text, out);
      engine_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - engine_start).count();
      bytes += text->size();
      matches += out.size();
    });
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("seconds=%.3f engine_cpu_seconds=%.3f files=%zu bytes=%zu matches=%zu rules=%zu rss_mib=%.0f\n", seconds,
              static_cast<double>(engine_ns.load()) / 1e9, paths.size(), bytes.load(), matches.load(), set.size(),
              bench::peak_rss_mib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cratescope::tune_allocator();  // as the cratescope binary does
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "list") return list_files(args[1], args[2]);
  if (args.size() == 2 && args[0] == "patterns") return write_patterns(args[1]);
  if (args.size() >= 2 && args[0] == "secrets") return secrets(args[1], args.size() > 2 ? std::stoi(args[2]) : 2);
  std::cerr << "usage: cratescope-scan-bench list REGISTRY OUT | patterns OUT | secrets LIST [THREADS]\n";
  return 2;
}
