#pragma once
// One thing the scanner saw in a crate, with the evidence a reviewer needs:
// where (file:line:col), what (the matched text, secrets redacted), and why
// it matters.
#include <string>
#include <string_view>

#include "core/source_location.hpp"
#include "scan/secret_rules.hpp"

namespace cratescope::scan {

enum class FindingKind {
  secret,         // a credential written into the crate
  behaviour,      // code or text that does what malware does (exfiltration, download and run, ...)
  binary,         // an executable, shared object or archive shipped in the crate
  malware,        // a YARA rule matched
  typosquat,      // the crate's name is a near miss of a popular crate's
  trojan_source,  // bidirectional control characters, invisible characters, mixed-script identifiers
  provenance,     // the package differs from its repository, or says nothing of it
};

// high: the pattern alone is strong evidence; medium: evidence in context;
// low: worth a look only together with other findings.
enum class Confidence { low, medium, high };

struct ScanFinding {
  std::string rule_id;  // "github-pat", "build-script-download-exec", "typosquat-omission"
  FindingKind kind = FindingKind::behaviour;
  // What the verdict weighs: for behaviour, the indicator ("exfiltration-endpoint",
  // "secret-file", ..., "build-time-network"); for typosquats "edit" or "affix".
  std::string category;
  Severity severity = Severity::medium;
  Confidence confidence = Confidence::medium;
  SourceLocation location;  // file relative to the crate root; position 0 for whole-file or crate findings
  std::string excerpt;      // the matched text, secrets redacted
  std::string why;          // "sends data to a Telegram bot", "GitHub personal access token"
  bool build_time = false;  // in build.rs or a proc-macro crate: runs on the developer's machine
  std::string allowed_because;  // non-empty: an allow-list matched (test fixture, documented example); not counted
};

// Whether a finding weighs in the verdict: not allow-listed, not low confidence.
bool counts_for_verdict(const ScanFinding& finding);

std::string_view to_string(FindingKind kind);
std::string_view to_string(Severity severity);
std::string_view to_string(Confidence confidence);

}  // namespace cratescope::scan
