#include "scan/secret_rules.hpp"

#include <gtest/gtest.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include "core/context.hpp"
#include "scan/crate_scan.hpp"
#include "support/test_support.hpp"

#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cratescope::scan {
namespace {

// Bits per character over bytes, the measure min_entropy is stated in.
double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<size_t, 256> counts{};
  for (unsigned char c : text) ++counts[c];
  double bits = 0;
  for (size_t count : counts) {
    if (count == 0) continue;
    double p = static_cast<double>(count) / static_cast<double>(text.size());
    bits -= p * std::log2(p);
  }
  return bits;
}

bool is_kebab_case(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char previous = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

struct Sample {
  std::string rule_id;
  bool positive = true;
  std::string text;
  int line = 0;
};

// samples.tsv: `rule-id<TAB>+|-<TAB>text`; `#` starts a comment line.
std::vector<Sample> load_samples() {
  std::string path = std::string(CRATESCOPE_FIXTURES) + "/scan/secrets/samples.tsv";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<Sample> samples;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    size_t first = line.find('\t');
    size_t second = first == std::string::npos ? first : line.find('\t', first + 1);
    std::string sign = second == std::string::npos ? "" : line.substr(first + 1, second - first - 1);
    if (second == std::string::npos || (sign != "+" && sign != "-")) {
      ADD_FAILURE() << path << ":" << number << ": malformed sample line";
      continue;
    }
    samples.push_back({line.substr(0, first), sign == "+", line.substr(second + 1), number});
  }
  return samples;
}

const std::vector<Sample>& samples() {
  static const std::vector<Sample> loaded = load_samples();
  return loaded;
}

const SecretRule* find_rule(std::string_view id) {
  for (const SecretRule& rule : secret_rules())
    if (rule.id == id) return &rule;
  return nullptr;
}

// The secret as the scanner reports it: group 1 when the pattern has one, else the whole match.
std::optional<std::string> extract_secret(const RE2& re, std::string_view text) {
  std::array<re2::StringPiece, 2> groups;
  int wanted = re.NumberOfCapturingGroups() >= 1 ? 2 : 1;
  if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(), wanted)) return std::nullopt;
  re2::StringPiece secret = groups[wanted - 1];
  return std::string(secret.data(), secret.size());
}

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct HsScratchDeleter {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;
using HsScratch = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;

// All rules in one block-mode database, exactly as the scanner builds it; the failing rule is named.
HsDatabase compile_all(std::string* error) {
  std::vector<std::string> patterns;  // hs_compile_multi wants NUL-terminated strings
  for (const SecretRule& rule : secret_rules()) patterns.emplace_back(rule.pattern);
  std::vector<const char*> expressions;
  std::vector<unsigned> flags(patterns.size(), 0);
  std::vector<unsigned> ids;
  for (size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* compile_error = nullptr;
  hs_error_t status = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                                       &compile_error);
  if (status != HS_SUCCESS) {
    *error = compile_error ? compile_error->message : "hs_compile_multi failed";
    if (compile_error && compile_error->expression >= 0)
      *error = std::string(secret_rules()[compile_error->expression].id) + ": " + *error;
    hs_free_compile_error(compile_error);
    return nullptr;
  }
  return HsDatabase(db);
}

TEST(SecretRules, IdsAreUniqueAndKebabCase) {
  std::set<std::string_view> seen;
  for (const SecretRule& rule : secret_rules()) {
    EXPECT_TRUE(is_kebab_case(rule.id)) << rule.id;
    EXPECT_TRUE(seen.insert(rule.id).second) << "duplicate id " << rule.id;
    EXPECT_FALSE(rule.description.empty()) << rule.id;
    EXPECT_GE(rule.min_entropy, 0.0) << rule.id;
  }
  EXPECT_GE(secret_rules().size(), 80u);
  EXPECT_NE(find_rule("crates-io-api-token"), nullptr);
}

TEST(SecretRules, PatternsCompileWithRe2AndHaveAtMostOneGroup) {
  for (const SecretRule& rule : secret_rules()) {
    RE2 re(rule.pattern, RE2::Quiet);
    EXPECT_TRUE(re.ok()) << rule.id << ": " << re.error();
    EXPECT_LE(re.NumberOfCapturingGroups(), 1) << rule.id;
    // An empty match would make every file a candidate.
    EXPECT_FALSE(RE2::PartialMatch("", re)) << rule.id;
  }
}

TEST(SecretRules, AllPatternsCompileIntoOneHyperscanDatabase) {
  std::string error;
  HsDatabase db = compile_all(&error);
  EXPECT_NE(db, nullptr) << error;
}

TEST(SecretRules, EveryRuleHasAPositiveSample) {
  std::set<std::string> covered;
  for (const Sample& sample : samples()) {
    EXPECT_NE(find_rule(sample.rule_id), nullptr) << "line " << sample.line << ": unknown rule " << sample.rule_id;
    EXPECT_EQ(sample.text.find('\t'), std::string::npos) << "line " << sample.line;
    if (sample.positive) covered.insert(sample.rule_id);
  }
  for (const SecretRule& rule : secret_rules())
    EXPECT_TRUE(covered.count(std::string(rule.id))) << "no positive sample for " << rule.id;
}

TEST(SecretRules, PositiveSamplesMatchWithEnoughEntropy) {
  for (const Sample& sample : samples()) {
    const SecretRule* rule = find_rule(sample.rule_id);
    if (!sample.positive || rule == nullptr) continue;
    RE2 re(rule->pattern, RE2::Quiet);
    std::optional<std::string> secret = extract_secret(re, sample.text);
    if (!secret) {
      ADD_FAILURE() << "line " << sample.line << ": " << rule->id << " does not match: " << sample.text;
      continue;
    }
    EXPECT_FALSE(secret->empty()) << "line " << sample.line;
    EXPECT_GE(shannon_entropy(*secret), rule->min_entropy)
        << "line " << sample.line << ": " << rule->id << " secret " << *secret;
  }
}

TEST(SecretRules, NegativeSamplesDoNotMatch) {
  for (const Sample& sample : samples()) {
    const SecretRule* rule = find_rule(sample.rule_id);
    if (sample.positive || rule == nullptr) continue;
    RE2 re(rule->pattern, RE2::Quiet);
    EXPECT_FALSE(RE2::PartialMatch(sample.text, re))
        << "line " << sample.line << ": " << rule->id << " matches: " << sample.text;
  }
}

// The scanner verifies a candidate on its line with the whole file as RE2's context, where `$` and `^`
// mean the file's end and start unless the pattern sets (?m): the same sample must give the same verdict
// and the same secret there as alone.
TEST(SecretRules, SamplesMatchTheSameInsideAFile) {
  for (const Sample& sample : samples()) {
    const SecretRule* rule = find_rule(sample.rule_id);
    if (rule == nullptr) continue;
    RE2 re(rule->pattern, RE2::Quiet);
    std::string file = "// line before\n" + sample.text + "\n// line after\n";
    size_t begin = file.find('\n') + 1;
    size_t end = begin + sample.text.size();
    std::array<re2::StringPiece, 2> groups;
    int wanted = re.NumberOfCapturingGroups() >= 1 ? 2 : 1;
    bool matched = re.Match(file, begin, end, RE2::UNANCHORED, groups.data(), wanted);
    EXPECT_EQ(matched, sample.positive) << "line " << sample.line << ": " << rule->id << " in a file: " << sample.text;
    if (matched && sample.positive) {
      std::string in_file(groups[wanted - 1].data(), groups[wanted - 1].size());
      EXPECT_EQ(std::optional<std::string>(in_file), extract_secret(re, sample.text)) << "line " << sample.line;
    }
  }
}

// The scanner only asks RE2 about lines Hyperscan flagged, so Hyperscan must flag every positive too.
TEST(SecretRules, HyperscanFindsEveryPositiveSample) {
  std::string error;
  HsDatabase db = compile_all(&error);
  ASSERT_NE(db, nullptr) << error;
  hs_scratch_t* raw_scratch = nullptr;
  ASSERT_EQ(hs_alloc_scratch(db.get(), &raw_scratch), HS_SUCCESS);
  HsScratch scratch(raw_scratch);
  std::map<std::string_view, unsigned> index;
  for (size_t i = 0; i < secret_rules().size(); ++i) index[secret_rules()[i].id] = static_cast<unsigned>(i);

  for (const Sample& sample : samples()) {
    auto it = index.find(sample.rule_id);
    if (!sample.positive || it == index.end()) continue;
    std::set<unsigned> hits;
    auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* context) -> int {
      static_cast<std::set<unsigned>*>(context)->insert(id);
      return 0;
    };
    ASSERT_EQ(hs_scan(db.get(), sample.text.data(), static_cast<unsigned>(sample.text.size()), 0, scratch.get(),
                      on_match, &hits),
              HS_SUCCESS);
    EXPECT_TRUE(hits.count(it->second)) << "line " << sample.line << ": Hyperscan misses " << sample.rule_id;
  }
}

TEST(SecretRules, ShannonEntropyHelper) {
  EXPECT_DOUBLE_EQ(shannon_entropy(""), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("abab"), 1.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("0123456789abcdef"), 4.0);
}

// The whole scanner, not only the patterns: every positive sample, written
// into a crate's config file, comes out as a finding of its rule (counted,
// or set aside by a placeholder allow-list the report shows), redacted.
TEST(SecretRules, TheScannerReportsEverySeededSecret) {
  MemoryFileSystem files;
  files.add_file("/seeded/Cargo.toml", "[package]\nname = \"seeded\"\nversion = \"0.1.0\"\n");
  files.add_file("/seeded/src/lib.rs", "pub fn f() {}\n");
  std::vector<const Sample*> positives;
  for (const Sample& sample : samples()) {
    if (!sample.positive) continue;
    // A private key's header only counts with a body on the next line (the rule's own check).
    std::string body = sample.rule_id == "private-key" ? "MIIEpAIBAAKCAQEAfakeFAKEfake0FAKEfake1FAKEfake2FAKEfake3FAKEfake4\n" : "";
    files.add_file("/seeded/config/sample" + std::to_string(positives.size()) + ".conf", "# config\n" + sample.text + "\n" + body);
    positives.push_back(&sample);
  }
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  static const ScanRules rules(PopularCrates::parse("serde\n"), nullptr, testing::scan_cache_dir());
  CrateScan scan = scan_crate(context, rules, "/seeded");
  std::map<std::string, std::vector<const ScanFinding*>> by_file;
  for (const ScanFinding& f : scan.findings) by_file[f.location.file].push_back(&f);
  for (size_t i = 0; i < positives.size(); ++i) {
    const auto& found = by_file["config/sample" + std::to_string(i) + ".conf"];
    auto it = std::find_if(found.begin(), found.end(), [&](const ScanFinding* f) { return f->rule_id == positives[i]->rule_id; });
    ASSERT_NE(it, found.end()) << "samples.tsv:" << positives[i]->line << " (" << positives[i]->rule_id << ") not reported";
    EXPECT_EQ((*it)->location.position.line, 2u);
    // Every one counts, but documented examples (`AKIAIOSFODNN7EXAMPLE`), which the allow-list sets aside.
    std::string lower = positives[i]->text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!counts_for_verdict(**it))
      EXPECT_NE(lower.find("example"), std::string::npos)
          << "samples.tsv:" << positives[i]->line << " set aside: " << (*it)->allowed_because;
    // Redacted: the excerpt never holds the whole secret.
    EXPECT_NE((*it)->excerpt.find("****"), std::string::npos) << (*it)->excerpt;
  }
  EXPECT_EQ(scan.verdict, Verdict::suspicious);
}

}  // namespace
}  // namespace cratescope::scan
