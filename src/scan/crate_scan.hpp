#pragma once
// Everything `cratescope scan` looks at in one crate directory: every file
// (not only .rs), the crate's capabilities at build time, its name and its
// packaging, and the verdict drawn from them.
#include <memory>
#include <string>
#include <vector>

#include "capabilities/rule_matcher.hpp"
#include "core/context.hpp"
#include "scan/pattern_set.hpp"
#include "scan/scan_finding.hpp"
#include "scan/typosquat.hpp"
#include "scan/verdict.hpp"
#include "scan/yara_rules.hpp"

namespace cratescope::scan {

// The rule sets, compiled once and shared by every crate of a run.
struct ScanRules {
  ScanRules();  // the shipped tables, popular-crate list and YARA rules
  // `yara` null: the shipped YARA rules. `cache_dir`: where compiled pattern
  // databases are kept between runs (empty: compiled every time).
  explicit ScanRules(PopularCrates popular, std::shared_ptr<const YaraRules> yara = nullptr,
                     const std::filesystem::path& cache_dir = {});
  PatternSet secrets;
  PatternSet indicators;
  PopularCrates popular;
  capabilities::RuleMatcher capability_rules;
  std::shared_ptr<const YaraRules> yara;
};

struct ScanOptions {
  bool typosquats = true;
  // Files bigger than this are only checked for being binaries.
  size_t max_text_bytes = 32u << 20;
  // Local clones to compare packages with (provenance): one repository for
  // every crate scanned, or a directory of clones named after the crates
  // (`DIR/<name>` or `DIR/<name>.git`). Empty: no comparison.
  std::string repository;
  std::string repositories_dir;
  // A workspace member's directory: its `target/` is build output, and a
  // subdirectory with its own Cargo.toml (`vendor/*`, a nested member) is
  // another package, scanned as itself (`cargo package` leaves those out
  // too). A published crate has neither, so there every directory is scanned.
  bool skip_build_output = false;
};

struct CrateScan {
  std::string name, version, dir;
  std::vector<ScanFinding> findings;  // by file, line, column
  Verdict verdict = Verdict::clean;
  std::vector<std::string> reasons;  // why the verdict: one line per piece of evidence that decided it
  size_t files = 0, bytes = 0;
  std::vector<std::string> errors;   // files that could not be read, scans cut short
};

CrateScan scan_crate(const Context& context, const ScanRules& rules, const std::string& crate_dir,
                     const ScanOptions& options = {});

}  // namespace cratescope::scan
