#include "scan/typosquat.hpp"

#include <algorithm>
#include <array>

namespace cratescope::scan {

extern const char kShippedPopularCrates[];  // generated from data/popular-crates.txt

namespace {

// Short names collide with each other by chance (`libc`/`libm`, `rand`/`rend`):
// a changed character counts from this length, an added or omitted one from
// kMinAddLength (`rand` -> `rands` is a real typosquat).
constexpr size_t kMinEditLength = 5;
constexpr size_t kMinAddLength = 4;

constexpr std::string_view kAffixes[] = {"rs", "rust", "sys", "core", "lib", "cli", "api", "utils", "util",
                                         "tool", "tools", "helper", "client", "sdk", "dev", "pro", "plus", "ng"};

constexpr std::array<std::string_view, 4> kKeyboardRows = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};

bool keyboard_neighbours(char a, char b) {
  for (size_t row = 0; row < kKeyboardRows.size(); ++row) {
    size_t i = kKeyboardRows[row].find(a);
    if (i == std::string_view::npos) continue;
    auto at = [&](size_t r, size_t c) { return r < kKeyboardRows.size() && c < kKeyboardRows[r].size() && kKeyboardRows[r][c] == b; };
    if (at(row, i + 1) || (i > 0 && at(row, i - 1))) return true;
    if (at(row + 1, i) || (i > 0 && at(row + 1, i - 1))) return true;
    if (row > 0 && (at(row - 1, i) || at(row - 1, i + 1))) return true;
  }
  return false;
}

bool homoglyphs(char a, char b) {
  constexpr std::string_view kPairs[] = {"0o", "1l", "1i", "li", "5s", "2z", "8b", "6g", "9q"};
  for (std::string_view pair : kPairs)
    if ((a == pair[0] && b == pair[1]) || (a == pair[1] && b == pair[0])) return true;
  return false;
}

bool bit_flip(char a, char b) {
  auto x = static_cast<unsigned char>(a ^ b);
  return x && !(x & (x - 1));
}

std::string without_separators(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '_') out += c;
  return out;
}

std::vector<std::string_view> words(std::string_view name) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= name.size(); ++i)
    if (i == name.size() || name[i] == '_') {
      if (i > start) out.push_back(name.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `name` is `popular` with one character removed.
bool omits_one(std::string_view name, std::string_view popular) {
  if (name.size() + 1 != popular.size()) return false;
  size_t i = 0;
  while (i < name.size() && name[i] == popular[i]) ++i;
  return name.substr(i) == popular.substr(i + 1);
}

std::optional<TyposquatMatch> edit_slip(std::string_view name, std::string_view popular) {
  if (popular.size() < kMinAddLength) return std::nullopt;
  // A digit more or less is a version (`gdk` and `gdk4`), not a slip.
  auto only_digit_differs = [](std::string_view longer, std::string_view shorter) {
    size_t i = 0;
    while (i < shorter.size() && longer[i] == shorter[i]) ++i;
    return longer[i] >= '0' && longer[i] <= '9';
  };
  if (omits_one(name, popular) && !only_digit_differs(popular, name))
    return TyposquatMatch{std::string(popular), "omitted-character", true};
  if (omits_one(popular, name) && !only_digit_differs(name, popular)) {
    size_t i = 0;
    while (i < popular.size() && name[i] == popular[i]) ++i;
    bool repeated = (i > 0 && name[i] == name[i - 1]) || (i + 1 < name.size() && name[i] == name[i + 1]);
    return TyposquatMatch{std::string(popular), repeated ? "repeated-character" : "added-character", true};
  }
  if (popular.size() < kMinEditLength) return std::nullopt;
  if (name.size() == popular.size()) {
    std::vector<size_t> differ;
    for (size_t i = 0; i < name.size() && differ.size() < 3; ++i)
      if (name[i] != popular[i]) differ.push_back(i);
    if (differ.size() == 2 && differ[1] == differ[0] + 1 && name[differ[0]] == popular[differ[1]] &&
        name[differ[1]] == popular[differ[0]])
      return TyposquatMatch{std::string(popular), "swapped-characters", true};
    if (differ.size() == 1) {
      char a = name[differ[0]], b = popular[differ[0]];
      if (homoglyphs(a, b)) return TyposquatMatch{std::string(popular), "homoglyph", true};
      if (keyboard_neighbours(a, b)) return TyposquatMatch{std::string(popular), "keyboard-typo", true};
      if (bit_flip(a, b)) return TyposquatMatch{std::string(popular), "bit-flip", true};
    }
  }
  // "rn" for "m", "vv" for "w": two characters that look like one.
  for (auto [one, two] : {std::pair<char, std::string_view>{'m', "rn"}, {'w', "vv"}}) {
    for (size_t i = popular.find(one); i != std::string_view::npos; i = popular.find(one, i + 1)) {
      std::string swapped = std::string(popular.substr(0, i)) + std::string(two) + std::string(popular.substr(i + 1));
      if (swapped == name) return TyposquatMatch{std::string(popular), "homoglyph", true};
    }
  }
  return std::nullopt;
}

std::optional<TyposquatMatch> name_slip(std::string_view name, std::string_view popular) {
  if (without_separators(name) == without_separators(popular))
    return TyposquatMatch{std::string(popular), "separators", true};
  auto name_words = words(name), popular_words = words(popular);
  if (name_words.size() > 1 && name_words.size() == popular_words.size()) {
    auto a = name_words, b = popular_words;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a == b) return TyposquatMatch{std::string(popular), "swapped-words", true};
  }
  // An affix: `popular` plus a word the imitation adds ("-rs", "-cli", "2").
  for (std::string_view affix : kAffixes) {
    for (std::string_view separator : {"_", ""}) {
      std::string suffix = std::string(separator) + std::string(affix), prefix = std::string(affix) + std::string(separator);
      if (name == std::string(popular) + suffix || name == prefix + std::string(popular))
        return TyposquatMatch{std::string(popular), "affix", false};
    }
  }
  if (name.size() > popular.size() && name.starts_with(popular)) {
    std::string_view rest = name.substr(popular.size());
    if (rest.starts_with('_')) rest.remove_prefix(1);
    if (all_digits(rest)) return TyposquatMatch{std::string(popular), "version-affix", false};
  }
  return std::nullopt;
}

}  // namespace

std::string normalise_crate_name(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

PopularCrates::PopularCrates(std::vector<std::string> names) {
  for (const std::string& name : names) names_.push_back(normalise_crate_name(name));
  sorted_ = names_;
  std::sort(sorted_.begin(), sorted_.end());
}

PopularCrates PopularCrates::parse(std::string_view text) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty()) names.emplace_back(line);
    start = end + 1;
  }
  return PopularCrates(std::move(names));
}

PopularCrates PopularCrates::shipped() { return parse(kShippedPopularCrates); }

bool PopularCrates::contains(std::string_view name) const {
  return std::binary_search(sorted_.begin(), sorted_.end(), normalise_crate_name(name));
}

std::optional<TyposquatMatch> PopularCrates::imitated_by(std::string_view raw_name) const {
  std::string name = normalise_crate_name(raw_name);
  if (contains(name)) return std::nullopt;  // a popular crate imitates nobody
  // Separators, words and affixes first: they explain a near miss more
  // precisely than a character edit would (`rustdecimal`, `serde2`).
  for (const std::string& popular : names_)
    if (auto slip = name_slip(name, popular)) return slip;
  for (const std::string& popular : names_)
    if (auto slip = edit_slip(name, popular)) return slip;
  return std::nullopt;
}

}  // namespace cratescope::scan
