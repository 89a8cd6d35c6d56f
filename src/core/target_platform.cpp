#include "core/target_platform.hpp"

#include <cctype>
#include <vector>

namespace cratescope {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

// Triple architectures spelled as Rust's target_arch.
std::string arch_of(const std::string& first) {
  if (first == "i386" || first == "i586" || first == "i686") return "x86";
  if (first.rfind("armv7", 0) == 0 || first.rfind("armv6", 0) == 0 || first.rfind("armv5", 0) == 0 || first == "arm" ||
      first.rfind("thumbv", 0) == 0)
    return "arm";
  if (first.rfind("riscv64", 0) == 0) return "riscv64";
  if (first.rfind("riscv32", 0) == 0) return "riscv32";
  if (first == "powerpc64le") return "powerpc64";
  if (first.rfind("aarch64", 0) == 0) return "aarch64";  // aarch64_be
  if (first.rfind("mips64", 0) == 0) return "mips64";    // mips64el
  if (first.rfind("mips", 0) == 0) return "mips";        // mipsel, mipsisa32r6
  if (first.rfind("sparcv9", 0) == 0) return "sparc64";
  // Anything else is spelled as Rust spells it, or unknown: a typo must not
  // make `cfg(target_arch = "x86_64")` false.
  for (const char* arch : {"x86_64", "aarch64", "arm64ec", "wasm32", "wasm64", "powerpc", "powerpc64", "s390x", "sparc",
                           "sparc64", "loongarch64", "avr", "msp430", "hexagon", "bpf", "nvptx64", "m68k", "csky",
                           "xtensa"})
    if (first == arch) return first;
  return "";
}

Tristate from_bool(bool b) { return b ? Tristate::yes : Tristate::no; }

Tristate compare(const std::string& known, const std::string& wanted) {
  return known.empty() ? Tristate::unknown : from_bool(known == wanted);
}

// A recursive-descent evaluator over the cfg grammar:
//   pred := ident | ident '=' string | any(list) | all(list) | not(pred)
class CfgEvaluator {
 public:
  CfgEvaluator(std::string_view text, const CfgFacts& facts) : text_(text), facts_(facts) {}

  Expected<Tristate> evaluate() {
    auto result = predicate(0);
    if (!result) return result;
    skip_space();
    if (at_ != text_.size()) return error("unexpected text");
    return result;
  }

 private:
  Expected<Tristate> error(const std::string& what) const {
    return unexpected("invalid cfg expression `" + std::string(text_) + "`: " + what + " at column " +
                      std::to_string(at_ + 1));
  }
  void skip_space() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool eat(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  std::string identifier() {
    skip_space();
    size_t start = at_;
    while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_')) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }

  Expected<Tristate> predicate(int depth) {
    if (depth > 64) return error("nesting too deep");
    std::string name = identifier();
    if (name.empty()) return error("expected a cfg predicate");
    if (name == "any" || name == "all" || name == "not") {
      if (!eat('(')) return error("expected '('");
      std::vector<Tristate> values;
      skip_space();
      while (!eat(')')) {
        auto value = predicate(depth + 1);
        if (!value) return value;
        values.push_back(*value);
        if (!eat(',')) {
          if (!eat(')')) return error("expected ',' or ')'");
          break;
        }
      }
      return combine(name, values);
    }
    if (eat('=')) {
      skip_space();
      if (at_ >= text_.size() || text_[at_] != '"') return error("expected a string");
      size_t end = text_.find('"', at_ + 1);
      if (end == std::string_view::npos) return error("unterminated string");
      std::string value(text_.substr(at_ + 1, end - at_ - 1));
      at_ = end + 1;
      return key_value(name, value);
    }
    if (name == "unix" || name == "windows") return compare(facts_.platform.family(), name);
    if (name == "doc" || name == "doctest" || name == "miri") return Tristate::no;  // rustdoc's and Miri's only
    if (name == "test" && facts_.as_dependency) return Tristate::no;
    return Tristate::unknown;  // test, debug_assertions, custom --cfg flags...
  }

  Expected<Tristate> combine(const std::string& op, const std::vector<Tristate>& values) {
    if (op == "not") {
      if (values.size() != 1) return error("not() takes exactly one predicate");
      return values[0] == Tristate::unknown ? Tristate::unknown : from_bool(values[0] == Tristate::no);
    }
    bool any = op == "any";
    Tristate result = any ? Tristate::no : Tristate::yes;  // any() of nothing is false, all() true
    for (Tristate v : values) {
      if (v == (any ? Tristate::yes : Tristate::no)) return v;
      if (v == Tristate::unknown) result = Tristate::unknown;
    }
    return result;
  }

  Tristate key_value(const std::string& key, const std::string& value) const {
    if (key == "target_os") return compare(facts_.platform.os, value);
    if (key == "target_arch") return compare(facts_.platform.arch, value);
    if (key == "target_family") return compare(facts_.platform.family(), value);
    if (key == "target_env") return compare(facts_.platform.env, value);
    if (key == "target_pointer_width") return compare(facts_.platform.pointer_width(), value);
    if (key == "target_endian") return compare(facts_.platform.endian(), value);
    if (key == "feature") return facts_.features ? from_bool(facts_.features->contains(value)) : Tristate::unknown;
    return Tristate::unknown;  // target_vendor, target_has_atomic, panic ...
  }

  std::string_view text_;
  const CfgFacts& facts_;
  size_t at_ = 0;
};

}  // namespace

TargetPlatform TargetPlatform::from_triple(std::string_view triple) {
  TargetPlatform platform;
  platform.triple = std::string(triple);
  auto parts = split(triple, '-');
  platform.arch = parts.empty() ? "" : arch_of(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    for (const char* os : {"linux", "windows", "android", "ios", "freebsd", "netbsd", "openbsd", "dragonfly",
                           "solaris", "illumos", "redox", "fuchsia", "wasi", "emscripten", "haiku", "hermit", "none"})
      if (part == os) platform.os = os;
    if (part == "darwin") platform.os = "macos";
    if (i == 2 && part == "unknown") platform.os = "unknown";  // wasm32-unknown-unknown: target_os = "unknown"
    // The environment ends the triple: gnueabihf is target_env "gnu", musleabi is "musl".
    if (i == parts.size() - 1 && i >= 2) {
      for (const char* env : {"gnu", "msvc", "musl", "sgx", "uclibc"})
        if (part.rfind(env, 0) == 0) platform.env = env;
    }
  }
  return platform;
}

std::string TargetPlatform::unrecognized() const {
  if (triple.empty()) return "";
  std::string parts;
  if (arch.empty()) parts = "architecture";
  if (os.empty()) parts += parts.empty() ? "operating system" : " nor operating system";
  if (parts.empty()) return "";
  return "target `" + triple + "`: no known " + parts +
         " in it; cfg(...) conditions on what it does not tell stay unknown (that code is kept)";
}

std::string TargetPlatform::family() const {
  if (os == "windows") return "windows";
  if (arch == "wasm32" || arch == "wasm64") return "wasm";
  for (const char* unix_os : {"linux", "macos", "ios", "android", "freebsd", "netbsd", "openbsd", "dragonfly",
                              "solaris", "illumos", "redox", "haiku", "fuchsia"})
    if (os == unix_os) return "unix";
  return os.empty() ? "" : "none";
}

std::string TargetPlatform::pointer_width() const {
  for (const char* wide : {"x86_64", "aarch64", "powerpc64", "riscv64", "mips64", "s390x", "sparc64", "wasm64",
                           "loongarch64"})
    if (arch == wide) return "64";
  for (const char* narrow : {"x86", "arm", "wasm32", "riscv32", "mips", "powerpc", "sparc"})
    if (arch == narrow) return "32";
  return "";
}

// From the triple's architecture part (powerpc64le is little), else from
// --target-arch alone, which cannot tell powerpc64 from powerpc64le.
std::string TargetPlatform::endian() const {
  if (arch.empty()) return "";  // an architecture from_triple does not know tells nothing
  std::string_view first = triple.empty() ? std::string_view(arch) : std::string_view(triple).substr(0, triple.find('-'));
  if (first.empty()) return "";
  for (const char* big : {"powerpc", "powerpc64", "s390x", "mips", "mips64", "sparc", "sparc64", "sparcv9"})
    if (first == big) return triple.empty() && first == "powerpc64" ? "" : "big";
  return "little";
}

std::string TargetPlatform::describe() const {
  if (!triple.empty()) return triple;
  std::string out = os;
  if (!arch.empty()) out += (out.empty() ? "" : " ") + arch;
  return out;
}

Expected<Tristate> cfg_holds(std::string_view predicate, const CfgFacts& facts) {
  return CfgEvaluator(predicate, facts).evaluate();
}

Expected<Tristate> target_matches(std::string_view spec, const TargetPlatform& platform) {
  if (spec.empty()) return Tristate::yes;
  if (spec.substr(0, 4) == "cfg(") {
    if (spec.back() != ')') return unexpected("invalid cfg expression `" + std::string(spec) + "`: missing ')'");
    return cfg_holds(spec.substr(4, spec.size() - 5), CfgFacts{platform, std::nullopt});
  }
  // A target triple.
  if (!platform.triple.empty()) return from_bool(spec == platform.triple);
  TargetPlatform named = TargetPlatform::from_triple(spec);
  Tristate os = platform.os.empty() ? Tristate::unknown : from_bool(named.os == platform.os);
  Tristate arch = platform.arch.empty() ? Tristate::unknown : from_bool(named.arch == platform.arch);
  if (os == Tristate::no || arch == Tristate::no) return Tristate::no;
  return Tristate::unknown;
}

}  // namespace cratescope
