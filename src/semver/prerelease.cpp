// Pre-release identifiers and their SemVer 2.0 precedence (§11).
#include <algorithm>
#include <charconv>

#include "semver/version.hpp"

namespace cratescope::semver {

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Numbers without leading zeros compare by length first, then digit by digit;
// this works for the digit strings too long for u64.
std::strong_ordering compare_decimal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() <=> b.size();
  return a.compare(b) <=> 0;
}

}  // namespace

PrereleaseIdentifier PrereleaseIdentifier::from_text(std::string_view text) {
  if (all_digits(text)) {
    uint64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc{} && end == text.data() + text.size()) return {number};
  }
  return {std::string(text)};
}

bool PrereleaseIdentifier::is_numeric() const {
  if (std::holds_alternative<uint64_t>(value)) return true;
  return all_digits(std::get<std::string>(value));
}

std::string PrereleaseIdentifier::to_string() const {
  if (auto* number = std::get_if<uint64_t>(&value)) return std::to_string(*number);
  return std::get<std::string>(value);
}

std::strong_ordering operator<=>(const PrereleaseIdentifier& a, const PrereleaseIdentifier& b) {
  auto* a_number = std::get_if<uint64_t>(&a.value);
  auto* b_number = std::get_if<uint64_t>(&b.value);
  if (a_number && b_number) return *a_number <=> *b_number;

  const bool a_numeric = a.is_numeric();
  const bool b_numeric = b.is_numeric();
  if (a_numeric != b_numeric) {
    // Numeric identifiers always have lower precedence than alphanumeric ones.
    return a_numeric ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  const std::string a_text = a.to_string();
  const std::string b_text = b.to_string();
  if (a_numeric) return compare_decimal(a_text, b_text);
  return a_text.compare(b_text) <=> 0;  // ASCII order, as the crate does
}

bool operator==(const PrereleaseIdentifier& a, const PrereleaseIdentifier& b) { return (a <=> b) == 0; }

std::strong_ordering compare_prerelease(const std::vector<PrereleaseIdentifier>& a,
                                        const std::vector<PrereleaseIdentifier>& b) {
  // A release outranks all of its pre-releases: 1.0.0-rc.1 < 1.0.0.
  if (a.empty() && b.empty()) return std::strong_ordering::equal;
  if (a.empty()) return std::strong_ordering::greater;
  if (b.empty()) return std::strong_ordering::less;
  const size_t common = std::min(a.size(), b.size());
  for (size_t i = 0; i < common; ++i) {
    if (auto order = a[i] <=> b[i]; order != 0) return order;
  }
  return a.size() <=> b.size();
}

std::string prerelease_to_string(const std::vector<PrereleaseIdentifier>& pre) {
  std::string out;
  for (size_t i = 0; i < pre.size(); ++i) {
    if (i > 0) out += '.';
    out += pre[i].to_string();
  }
  return out;
}

}  // namespace cratescope::semver
