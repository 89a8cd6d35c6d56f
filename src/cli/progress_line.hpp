#pragma once
// "analysing 12/240  serde" on standard error while a long job runs, when
// standard error is a terminal; nothing otherwise (pipes and CI logs).
#include <iostream>
#include <string>

namespace cratescope::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled, std::string verb = "analysing") : enabled_(enabled), verb_(std::move(verb)) {}
  ~ProgressLine() { clear(); }
  void operator()(size_t done, size_t total, const std::string& package) {
    if (!enabled_) return;
    std::string line = verb_ + " " + std::to_string(done) + "/" + std::to_string(total) + "  " + package;
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

}  // namespace cratescope::cli
