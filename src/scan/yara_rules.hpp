#pragma once
// YARA rules over every file of a crate: the shipped rules (rules/yara/,
// compiled into the binary) and the user's own (`scan --yara-rules DIR`).
// A rule's meta says what a match means:
//   description = "..."            why it matters (shown with the finding)
//   severity = "low|medium|high|critical"
//   verdict = "malicious"          a match alone makes the crate malicious
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "scan/scan_finding.hpp"

namespace cratescope::scan {

class YaraRules {
 public:
  // The shipped rules plus every *.yar / *.yara file in `user_dir` (if not empty).
  // An error names the file, line and YARA's message.
  static Expected<std::shared_ptr<const YaraRules>> compile(const std::string& user_dir = "");
  ~YaraRules();
  YaraRules(const YaraRules&) = delete;
  YaraRules& operator=(const YaraRules&) = delete;

  // Thread-safe (YARA allows up to 32 scanning threads).
  void scan(const std::string& file, std::string_view data, std::vector<ScanFinding>& out) const;
  size_t rule_count() const { return rule_count_; }

 private:
  YaraRules() = default;
  struct Library;
  std::shared_ptr<Library> library_;
  void* rules_ = nullptr;  // YR_RULES*
  size_t rule_count_ = 0;
};

}  // namespace cratescope::scan
