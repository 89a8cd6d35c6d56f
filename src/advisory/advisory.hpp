#pragma once
// A RustSec advisory: TOML front matter in a ```toml fence plus a Markdown body
// (or, in old databases, a front matter between "+++" lines).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "advisory/cvss.hpp"
#include "core/diagnostics.hpp"
#include "semver/version.hpp"

namespace cratescope::advisory {

enum class Informational { none, unmaintained, unsound, notice, other };
const char* to_string(Informational kind);

struct VersionRange {
  std::string text;  // as written, for reports
  semver::VersionReq requirement;
};

struct AffectedFunction {
  std::string path;                   // "tar::Archive::unpack"
  std::vector<VersionRange> versions;  // affected versions of that function
};

struct Advisory {
  std::string id;  // RUSTSEC-YYYY-NNNN
  std::string package;
  std::string date;  // YYYY-MM-DD
  std::string url;
  std::string title;        // the Markdown's first heading
  std::string description;  // the Markdown after the heading
  std::vector<std::string> categories, keywords, aliases, related, references;
  std::string license;  // "CC0-1.0" by default
  std::optional<Cvss> cvss;
  Informational informational = Informational::none;
  std::string informational_text;  // as written (for `other`)
  std::optional<std::string> withdrawn;  // date
  std::vector<std::string> affected_os, affected_arch;
  std::vector<AffectedFunction> affected_functions;
  std::vector<VersionRange> patched, unaffected;
  std::string collection;  // "crates" or "rust" (std, cargo, rustdoc ...)

  std::string file;       // where it was read from
  TextPosition position;  // the `[advisory]` line

  // RustSec's rule: affected unless a `patched` or `unaffected` requirement matches.
  bool affects(const semver::Version& version) const;
  // Severity from CVSS when present, else none.
  Severity severity() const { return cvss ? cvss->severity : Severity::none; }
};

// Whether `version` lies in any of `ranges`, read as RustSec reads them:
// intervals ordered by SemVer precedence (no Cargo pre-release rule).
bool in_ranges(const std::vector<VersionRange>& ranges, const semver::Version& version);

// Parse one advisory file. Errors (with file:line:col) go to `diagnostics`;
// returns nullopt when the advisory cannot be used.
std::optional<Advisory> parse_advisory(std::string_view text, std::string file, Diagnostics& diagnostics);

}  // namespace cratescope::advisory
