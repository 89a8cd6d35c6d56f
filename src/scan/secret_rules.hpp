#pragma once
// The one table of secret rules: what a leaked credential looks like. Adding
// a provider means adding a row to secret_rules.cpp, nothing else.
//
// Every pattern is compiled twice: all of them into one Hyperscan database
// that finds candidates in a single pass over a file, and each into RE2,
// which re-reads the candidate's line to cut out the secret (the first
// capture group, or the whole match when the pattern has none) and confirm
// it. Patterns must therefore be written in the syntax both accept: no
// look-around, no back-references; `(?i)` and `\b` are fine.
#include <span>
#include <string_view>

namespace cratescope::scan {

enum class Severity { low, medium, high, critical };

struct SecretRule {
  std::string_view id;           // stable, kebab-case: "github-pat", "aws-access-key-id"
  std::string_view description;  // "GitHub personal access token"
  std::string_view pattern;      // RE2/Hyperscan syntax; capture group 1 = the secret, if any
  Severity severity;
  // Generic rules (`password = "..."`) need a random-looking value: the
  // secret's Shannon entropy in bits per character must reach this. 0: no check.
  double min_entropy = 0;
};

std::span<const SecretRule> secret_rules();

}  // namespace cratescope::scan
