#pragma once
// "analysing 12/240  serde" on standard error while a long job runs, when
// standard error is a terminal; nothing otherwise (pipes and CI logs).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

namespace cratescope::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled, std::string verb = "analysing") : enabled_(enabled), verb_(std::move(verb)) {}
  ~ProgressLine() { clear(); }
  void operator()(size_t done, size_t total, const std::string& package, const std::string& rate = "") {
    if (!enabled_) return;
    std::string line = verb_ + " " + std::to_string(done) + "/" + std::to_string(total) + "  " +
                       (rate.empty() ? "" : rate + "  ") + package;
    if (line.size() > 78) line.resize(78);
    std::cerr << "\r\x1b[2K" << line << std::flush;
    shown_ = true;
  }
  void clear() {
    if (shown_) std::cerr << "\r\x1b[2K" << std::flush;
    shown_ = false;
  }

 private:
  bool enabled_;
  std::string verb_;
  bool shown_ = false;
};

// A long job over many crates: on a terminal a live line with the rate and
// the time left; in logs a line every ten seconds, so that CI shows the job
// is moving; nothing with --quiet.
class JobProgress {
 public:
  JobProgress(bool quiet, std::string verb, std::string past)
      : terminal_(!quiet && isatty(STDERR_FILENO)), log_(!quiet && !terminal_), line_(terminal_, std::move(verb)),
        past_(std::move(past)) {}
  void operator()(size_t done, size_t total, const std::string& label) {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string rate = rate_text(done, total, seconds);
    line_(done, total, label, rate);
    if (!log_ || total < 50) return;
    if (now - last_ < std::chrono::seconds(10) && done != total) return;
    last_ = now;
    std::cerr << past_ << " " << done << "/" << total << " crates (" << rate << ")\n";
  }
  void clear() { line_.clear(); }

  // "8.3/s, 2m48s left"
  static std::string rate_text(size_t done, size_t total, double seconds) {
    if (done == 0 || seconds <= 0) return "starting";
    double per_second = static_cast<double>(done) / seconds;
    auto left = static_cast<long>(static_cast<double>(total - done) / per_second);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.1f/s, %ldm%02lds left", per_second, left / 60, left % 60);
    return buffer;
  }

 private:
  bool terminal_, log_;
  ProgressLine line_;
  std::string past_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_ = start_;
};

}  // namespace cratescope::cli
