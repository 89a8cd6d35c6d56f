#pragma once
// Deterministic generator of (requirement, version) pairs for the
// differential test against the semver crate: requirements with every
// operator, partial versions, wildcards and pre-releases; versions placed
// around each comparator's bounds; and mutated strings that probe the parser.
#include <cstdint>
#include <string>
#include <vector>

namespace cratescope::semver::testing {

struct Case {
  std::string req;
  std::string version;
};

// splitmix64: tiny, and the same sequence on every platform and standard
// library (std::uniform_int_distribution is not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  bool percent(unsigned p) { return below(100) < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

 private:
  uint64_t state_;
};

class CaseGenerator {
 public:
  explicit CaseGenerator(uint64_t seed) : random_(seed) {}

  // A requirement and versions near its bounds.
  std::vector<Case> requirement_with_versions(size_t version_count) {
    std::vector<Bound> bounds;
    const std::string req = requirement(bounds);
    std::vector<Case> cases;
    for (size_t i = 0; i < version_count; ++i) cases.push_back({req, version_near(random_.pick(bounds))});
    return cases;
  }

  // A requirement or a version with a few random edits, to exercise errors.
  Case mutated() {
    std::vector<Bound> bounds;
    std::string req = requirement(bounds);
    std::string version = version_near(random_.pick(bounds));
    if (random_.percent(50)) {
      req = mutate(req, /*allow_tab=*/false);
    } else {
      version = mutate(version, /*allow_tab=*/true);
      if (random_.percent(30)) req = "*";
    }
    return {req, version};
  }

 private:
  // The numbers a comparator names (absent parts drawn at random later).
  struct Bound {
    int64_t major = 0, minor = -1, patch = -1;
    std::string pre;
  };

  std::string number(int64_t max) { return std::to_string(random_.below(static_cast<size_t>(max) + 1)); }

  std::string prerelease() {
    static const std::vector<std::string> pool = {"alpha", "alpha.1", "alpha.2", "alpha.beta", "beta", "beta.2",
                                                  "beta.11", "rc.1", "0", "1", "2", "10", "x-y", "A", "a.b.c",
                                                  "0a", "-", "alpha.0", "99999999999999999999"};
    return random_.pick(pool);
  }

  std::string comparator(Bound& bound) {
    static const std::vector<std::string> ops = {"", "", "=", ">", ">=", "<", "<=", "~", "^"};
    static const std::vector<std::string> wildcards = {"*", "x", "X"};
    std::string text = random_.pick(ops);
    if (!text.empty() && random_.percent(10)) text += ' ';
    bound.major = static_cast<int64_t>(random_.below(3));
    text += std::to_string(bound.major);
    switch (random_.below(7)) {
      case 0: break;                                              // 1
      case 1: text += '.' + random_.pick(wildcards); break;        // 1.*
      case 2:                                                     // 1.*.*
        text += '.' + random_.pick(wildcards) + '.' + random_.pick(wildcards);
        break;
      case 3:                                                     // 1.2
        bound.minor = static_cast<int64_t>(random_.below(4));
        text += '.' + std::to_string(bound.minor);
        break;
      case 4:                                                     // 1.2.*
        bound.minor = static_cast<int64_t>(random_.below(4));
        text += '.' + std::to_string(bound.minor) + '.' + random_.pick(wildcards);
        break;
      default:                                                    // 1.2.3[-pre][+build]
        bound.minor = static_cast<int64_t>(random_.below(4));
        bound.patch = static_cast<int64_t>(random_.below(4));
        text += '.' + std::to_string(bound.minor) + '.' + std::to_string(bound.patch);
        if (random_.percent(50)) {
          bound.pre = prerelease();
          text += '-' + bound.pre;
        }
        if (random_.percent(5)) text += "+build." + number(9);
        break;
    }
    return text;
  }

  std::string requirement(std::vector<Bound>& bounds) {
    static const std::vector<std::string> separators = {",", ", ", " ,", " , ", ",  "};
    if (random_.percent(3)) {
      bounds.push_back({static_cast<int64_t>(random_.below(3)), -1, -1, ""});
      return random_.pick(std::vector<std::string>{"*", "x", "X", " * "});
    }
    const size_t count = 1 + random_.below(random_.percent(70) ? 2 : 3);
    std::string text = random_.percent(5) ? " " : "";
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) text += random_.pick(separators);
      Bound bound;
      text += comparator(bound);
      bounds.push_back(bound);
    }
    if (random_.percent(5)) text += ' ';
    return text;
  }

  // A part of the version: the bound's value nudged by -1, 0 or +1, or a
  // small random number where the bound leaves the part open.
  std::string near(int64_t value) {
    if (value < 0) return number(4);
    const int64_t nudged = value + static_cast<int64_t>(random_.below(5)) / 2 - 1;  // mostly +-1 or 0
    return std::to_string(nudged < 0 ? 0 : nudged);
  }

  std::string version_near(const Bound& bound) {
    if (random_.percent(2)) return "18446744073709551615.0.0";
    // The pre-release rule only bites on the comparator's own major.minor.patch,
    // so land there often.
    const bool same_triple = bound.patch >= 0 && random_.percent(45);
    std::string text = same_triple ? std::to_string(bound.major) + '.' + std::to_string(bound.minor) + '.' +
                                         std::to_string(bound.patch)
                                   : (random_.percent(85) ? std::to_string(bound.major) : near(bound.major)) + '.' +
                                         near(bound.minor) + '.' + near(bound.patch);
    const size_t pre_choice = random_.below(10);
    if (!bound.pre.empty() && pre_choice < 3) {
      text += '-' + bound.pre;                // equal pre-release
    } else if (!bound.pre.empty() && pre_choice < 5) {
      text += '-' + bound.pre + ".1";          // just above it
    } else if (pre_choice < 7) {
      text += '-' + prerelease();              // anywhere
    }
    if (random_.percent(5)) text += "+" + random_.pick(std::vector<std::string>{"b", "001", "x.y-z"});
    return text;
  }

  std::string mutate(std::string text, bool allow_tab) {
    static const std::vector<std::string> alphabet = {" ", ",", ".", "*", "x", "X", "-", "+", "0", "1", "9", "00",
                                                      "^", "~", "<", ">", "=", "a", "Z", "v", "_", "é", "18446744073709551616"};
    const size_t edits = 1 + random_.below(2);
    for (size_t e = 0; e < edits; ++e) {
      const size_t at = text.empty() ? 0 : random_.below(text.size() + 1);
      switch (random_.below(4)) {
        case 0: {
          size_t boundary = at;  // never inside a UTF-8 sequence
          while (boundary < text.size() && (static_cast<unsigned char>(text[boundary]) & 0xC0) == 0x80) ++boundary;
          text.insert(boundary, allow_tab && random_.percent(5) ? std::string("\t") : random_.pick(alphabet));
          break;
        }
        case 1:  // delete one ASCII byte (never half of a UTF-8 sequence)
          if (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) text.erase(at, 1);
          break;
        case 2:  // replace one ASCII byte
          if (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) {
            text.replace(at, 1, random_.pick(alphabet));
          }
          break;
        default:  // truncate
          if (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) text.resize(at);
          break;
      }
    }
    return text;
  }

  Random random_;
};

}  // namespace cratescope::semver::testing
