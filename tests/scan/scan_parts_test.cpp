// The scanner's parts on small inputs: the pattern engine, secret value
// checks, Trojan Source, binary types, provenance and the verdict rules.
#include <gtest/gtest.h>

#include "scan/binary_files.hpp"
#include "scan/pattern_set.hpp"
#include "scan/provenance.hpp"
#include "scan/secret_values.hpp"
#include "scan/trojan_source.hpp"
#include "scan/verdict.hpp"

namespace cratescope::scan {
namespace {

using namespace std::string_view_literals;

TEST(PatternSet, FindsEveryMatchWithItsCaptureGroup) {
  const std::string_view patterns[] = {R"re(token = "([a-z0-9]{8})")re", R"(\bfoo\b)"};
  PatternSet set(patterns);
  std::string text = "x\ntoken = \"abcd1234\" foo\nfoo token = \"zzzz9999\"\n";
  std::vector<PatternMatch> matches;
  ASSERT_TRUE(set.find_all(text, matches));
  ASSERT_EQ(matches.size(), 4u);
  EXPECT_EQ(text.substr(matches[0].value_begin, matches[0].value_end - matches[0].value_begin), "abcd1234");
  EXPECT_EQ(matches[1].pattern, 1u);
  EXPECT_EQ(text.substr(matches[3].value_begin, 8), "zzzz9999");
}

TEST(PatternSet, LongLinesAreReadInWindowsAndMatchesCountOnce) {
  const std::string_view patterns[] = {R"(AKIA[0-9A-Z]{16})"};
  PatternSet set(patterns);
  std::string text(10000, 'x');
  text.replace(6000, 20, "AKIAABCDEFGHIJKLMNOP");
  std::vector<PatternMatch> matches;
  ASSERT_TRUE(set.find_all(text, matches));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].begin, 6000u);
}

TEST(PatternSet, StopsAtTheCapAndSaysSo) {
  const std::string_view patterns[] = {R"(a)"};
  PatternSet set(patterns);
  std::vector<PatternMatch> matches;
  EXPECT_FALSE(set.find_all(std::string(1000, 'a'), matches, 10));
  EXPECT_EQ(matches.size(), 10u);
}

TEST(PatternSet, RejectsPatternsNamingTheCulprit) {
  const std::string_view patterns[] = {R"((?<=x)y)"};
  try {
    PatternSet set(patterns);
    FAIL() << "a look-behind must be rejected";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("(?<=x)y"), std::string::npos);
  }
}

TEST(SecretValues, EntropyPlaceholdersAndRedaction) {
  EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("abcd"), 2.0);
  EXPECT_TRUE(looks_like_placeholder("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_TRUE(looks_like_placeholder("<your-token-here>"));
  EXPECT_TRUE(looks_like_placeholder("ghp_xxxxxxxxxxxxxxxxxxxx"));
  EXPECT_TRUE(looks_like_placeholder("AAAAAAAAAAAAAAAA"));
  EXPECT_FALSE(looks_like_placeholder("ghp_Q7vXk2Lp9Rt4Wm8Zc3Hy6Bn1Sd5Fg0JkRt4W"));
  std::string line = R"(let t = "ghp_Q7vXk2Lp9Rt4Wm8Zc3Hy6Bn1Sd5Fg0JkRt4W";)";
  std::string redacted = redact_in_line(line, 9, 40);
  EXPECT_EQ(redacted.find("Q7vXk2"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("(40 chars)"), std::string::npos) << redacted;
}

TEST(SecretValues, PrivateKeysNeedABody) {
  SecretRule rule{"private-key", "Private key", "", Severity::critical};
  EXPECT_FALSE(confirmed_secret(rule, "-----BEGIN RSA PRIVATE KEY-----", "\";\nconst END: &str = \"-----END"));
  std::string body = "\n" + std::string(64, 'M') + "\n" + std::string(64, 'I') + "\n";
  EXPECT_TRUE(confirmed_secret(rule, "-----BEGIN RSA PRIVATE KEY-----", body));
}

TEST(SecretValues, PublicAddressesOnly) {
  EXPECT_TRUE(is_public_ip_url("http://45.61.136.77/x"));
  EXPECT_TRUE(is_public_ip_url("\"45.61.136.77:8443\""));
  EXPECT_FALSE(is_public_ip_url("http://127.0.0.1:8080/"));
  EXPECT_FALSE(is_public_ip_url("http://192.168.1.1/"));
  EXPECT_FALSE(is_public_ip_url("http://10.0.0.1/"));
  EXPECT_FALSE(is_public_ip_url("http://203.0.113.5/"));  // documentation range
  EXPECT_FALSE(is_public_ip_url("http://999.1.1.1/"));
}

TEST(TrojanSource, BidiInvisibleAndMixedScript) {
  std::vector<ScanFinding> found;
  find_trojan_source("src/lib.rs", "let a = \"x\xE2\x80\xAEy\";\nlet p\xD0\xB0ypal = 1;\nlet b\xE2\x80\x8B = 2;\n// \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\n", found);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].rule_id, "bidi-control-character");
  EXPECT_EQ(found[0].location.position.line, 1u);
  EXPECT_EQ(found[1].rule_id, "mixed-script-identifier");
  EXPECT_EQ(found[1].location.position.line, 2u);
  EXPECT_EQ(found[2].rule_id, "invisible-character");  // a Russian comment alone is fine
}

TEST(BinaryFiles, MagicBytesNotNames) {
  EXPECT_EQ(binary_type("\x7F" "ELF\x02\x01"sv)->kind, BinaryKind::elf);
  EXPECT_EQ(binary_type("!<arch>\nfoo"sv)->kind, BinaryKind::static_library);
  EXPECT_EQ(binary_type("PK\x03\x04...."sv)->kind, BinaryKind::zip);
  EXPECT_FALSE(binary_type("MZ is a fine start for a README"sv));
  EXPECT_FALSE(binary_type("BZh, said the bee"sv));
  std::string pe(128, '\0');
  pe[0] = 'M', pe[1] = 'Z', pe[0x3C] = 0x40;
  EXPECT_EQ(binary_type(pe)->kind, BinaryKind::pe);
}

TEST(Provenance, VcsInfo) {
  std::vector<ScanFinding> found;
  vcs_info_findings(".cargo_vcs_info.json", R"({"git":{"sha1":"abc","dirty":true},"path_in_vcs":""})", found);
  vcs_info_findings(".cargo_vcs_info.json", R"({"git":{"sha1":"abc"}})", found);
  vcs_info_findings(".cargo_vcs_info.json", "{not json", found);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rule_id, "vcs-info-dirty");
  EXPECT_EQ(found[1].rule_id, "vcs-info-unreadable");
}

ScanFinding behaviour(std::string category, Severity severity = Severity::medium, bool build_time = false) {
  ScanFinding f;
  f.rule_id = category + "-rule";
  f.kind = FindingKind::behaviour;
  f.category = std::move(category);
  f.severity = severity;
  f.build_time = build_time;
  return f;
}

TEST(Verdict, CombinationsMakeMaliciousSingleSignalsSuspicious) {
  EXPECT_EQ(decide_verdict({}).verdict, Verdict::clean);
  EXPECT_EQ(decide_verdict({behaviour("exfiltration-endpoint")}).verdict, Verdict::suspicious);
  EXPECT_EQ(decide_verdict({behaviour("exfiltration-endpoint"), behaviour("secret-variable", Severity::low)}).verdict,
            Verdict::malicious);
  EXPECT_EQ(decide_verdict({behaviour("build-time-network"), behaviour("obfuscation")}).verdict, Verdict::malicious);
  EXPECT_EQ(decide_verdict({behaviour("secret-variable", Severity::low)}).verdict, Verdict::clean);
  ScanFinding allowed = behaviour("exfiltration-endpoint");
  allowed.allowed_because = "in documentation";
  ScanFinding stealing = behaviour("secret-file");
  stealing.confidence = Confidence::low;
  EXPECT_EQ(decide_verdict({allowed, stealing}).verdict, Verdict::clean);
  auto result = decide_verdict({behaviour("download-exec", Severity::high, true)});
  EXPECT_EQ(result.verdict, Verdict::malicious);
  ASSERT_EQ(result.reasons.size(), 1u);
  EXPECT_NE(result.reasons[0].find("download-exec-rule"), std::string::npos);
}

}  // namespace
}  // namespace cratescope::scan
