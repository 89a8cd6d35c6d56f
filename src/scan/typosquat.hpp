#pragma once
// Names one slip away from a popular crate's: what typosquatters register.
// The checks follow crates.io's typomania (omitted, added, repeated, swapped
// characters, keyboard neighbours, bit flips, homoglyphs, separators, swapped
// words, affixes) and add version-digit affixes and separator removal.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cratescope::scan {

struct TyposquatMatch {
  std::string popular;  // the name it imitates
  std::string_view kind;  // "omitted-character", "keyboard-typo", "affix", ...
  bool edit = false;      // a one-character slip (stronger evidence than an affix)
};

class PopularCrates {
 public:
  // Names most popular first; '-' and '_' are the same to Cargo.
  explicit PopularCrates(std::vector<std::string> names);
  // The list shipped with cratescope (derived from Debian's crate corpus,
  // see scripts/derive-popular-crates.py).
  static PopularCrates shipped();
  // One name per line; `#` comments and blank lines skipped.
  static PopularCrates parse(std::string_view text);

  bool contains(std::string_view name) const;
  std::optional<TyposquatMatch> imitated_by(std::string_view name) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;   // normalised, popularity order
  std::vector<std::string> sorted_;  // normalised, for lookup
};

// Lower case, '-' as '_'.
std::string normalise_crate_name(std::string_view name);

}  // namespace cratescope::scan
