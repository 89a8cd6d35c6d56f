#include <gtest/gtest.h>

#include "advisory/advisory.hpp"
#include "advisory_test_support.hpp"

namespace cratescope::advisory {
namespace {

using test::advisory_fixtures;
using testing::read_text;

struct Parsed {
  std::optional<Advisory> advisory;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse_fixture(const std::string& relative) {
  const auto path = advisory_fixtures() / relative;
  Diagnostics diagnostics;
  Parsed parsed;
  parsed.advisory = parse_advisory(read_text(path), relative, diagnostics);
  parsed.diagnostics = diagnostics.all();
  return parsed;
}

std::vector<std::string> texts(const std::vector<VersionRange>& ranges) {
  std::vector<std::string> out;
  for (const VersionRange& r : ranges) out.push_back(r.text);
  return out;
}

TEST(AdvisoryParser, ReadsEveryField) {
  Parsed parsed = parse_fixture("parse/full.md");
  ASSERT_TRUE(parsed.advisory.has_value());
  EXPECT_TRUE(parsed.diagnostics.empty());
  const Advisory& a = *parsed.advisory;
  EXPECT_EQ(a.id, "RUSTSEC-2099-0001");
  EXPECT_EQ(a.package, "example-crate");
  EXPECT_EQ(a.date, "2099-01-31");
  EXPECT_EQ(a.url, "https://example.com/advisory");
  EXPECT_EQ(a.categories, (std::vector<std::string>{"code-execution", "memory-corruption"}));
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"overflow", "unsafe"}));
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"CVE-2099-1234", "GHSA-aaaa-bbbb-cccc"}));
  EXPECT_EQ(a.related, (std::vector<std::string>{"RUSTSEC-2098-0001"}));
  EXPECT_EQ(a.references, (std::vector<std::string>{"https://example.com/ref1", "https://example.com/ref2"}));
  EXPECT_EQ(a.license, "CC-BY-4.0");
  ASSERT_TRUE(a.cvss.has_value());
  EXPECT_DOUBLE_EQ(a.cvss->score, 9.8);
  EXPECT_EQ(a.severity(), Severity::critical);
  EXPECT_EQ(a.informational, Informational::none);
  EXPECT_FALSE(a.withdrawn.has_value());
  EXPECT_EQ(a.affected_os, (std::vector<std::string>{"linux", "macos"}));
  EXPECT_EQ(a.affected_arch, (std::vector<std::string>{"x86_64", "aarch64"}));
  // In the file's order, not toml++'s sorted order.
  ASSERT_EQ(a.affected_functions.size(), 2u);
  EXPECT_EQ(a.affected_functions[0].path, "example_crate::zeta");
  EXPECT_EQ(texts(a.affected_functions[0].versions), (std::vector<std::string>{"< 1.2.0"}));
  EXPECT_EQ(a.affected_functions[1].path, "example_crate::Buffer::with_capacity");
  EXPECT_EQ(texts(a.affected_functions[1].versions), (std::vector<std::string>{">= 1.0.0, < 1.2.0", "^0.9"}));
  EXPECT_EQ(texts(a.patched), (std::vector<std::string>{">= 1.2.0"}));
  EXPECT_EQ(texts(a.unaffected), (std::vector<std::string>{"< 0.9.0"}));
  EXPECT_EQ(a.title, "Heap overflow in `Buffer::with_capacity`");
  EXPECT_EQ(a.description, "Affected versions did not check for integer overflow.\n\nThe flaw was corrected in 1.2.0.");
  EXPECT_EQ(a.file, "parse/full.md");
  EXPECT_EQ(a.position, (TextPosition{2, 1}));
  EXPECT_EQ(a.collection, "crates");
}

TEST(AdvisoryParser, DefaultsForOptionalFields) {
  Parsed parsed = parse_fixture("parse/informational_notice.md");
  ASSERT_TRUE(parsed.advisory.has_value());
  EXPECT_EQ(parsed.advisory->license, "CC0-1.0");
  EXPECT_FALSE(parsed.advisory->cvss.has_value());
  EXPECT_EQ(parsed.advisory->severity(), Severity::none);
  EXPECT_TRUE(parsed.advisory->patched.empty());
  EXPECT_TRUE(parsed.advisory->affected_functions.empty());
}

TEST(AdvisoryParser, InformationalKinds) {
  struct Case {
    const char* file;
    Informational kind;
    const char* text;
  };
  for (const Case& c : {Case{"parse/informational_unmaintained.md", Informational::unmaintained, "unmaintained"},
                        Case{"parse/informational_unsound.md", Informational::unsound, "unsound"},
                        Case{"parse/informational_notice.md", Informational::notice, "notice"},
                        Case{"parse/informational_other.md", Informational::other, "yanked-by-author"}}) {
    Parsed parsed = parse_fixture(c.file);
    ASSERT_TRUE(parsed.advisory.has_value()) << c.file;
    EXPECT_EQ(parsed.advisory->informational, c.kind) << c.file;
    EXPECT_EQ(parsed.advisory->informational_text, c.text) << c.file;
  }
  EXPECT_STREQ(to_string(Informational::unsound), "unsound");
}

TEST(AdvisoryParser, Withdrawn) {
  Parsed parsed = parse_fixture("parse/withdrawn.md");
  ASSERT_TRUE(parsed.advisory.has_value());
  EXPECT_EQ(parsed.advisory->withdrawn, std::optional<std::string>("2099-03-02"));
  ASSERT_TRUE(parsed.advisory->cvss.has_value());
  EXPECT_EQ(parsed.advisory->cvss->major_version, 4);
  EXPECT_DOUBLE_EQ(parsed.advisory->cvss->score, 9.3);
  EXPECT_EQ(parsed.advisory->title, "Withdrawn: filed against the wrong crate");
  EXPECT_EQ(parsed.advisory->description, "");
}

TEST(AdvisoryParser, LegacyPlusDelimitedFrontMatter) {
  Parsed parsed = parse_fixture("parse/legacy_plus.md");
  ASSERT_TRUE(parsed.advisory.has_value());
  EXPECT_EQ(parsed.advisory->id, "RUSTSEC-2019-9999");
  EXPECT_EQ(texts(parsed.advisory->patched), (std::vector<std::string>{"^1.2.3", "~0.4.1"}));
  EXPECT_EQ(parsed.advisory->title, "Legacy front matter delimiters");
  EXPECT_EQ(parsed.advisory->description, "Old body.");
}

TEST(AdvisoryParser, CrlfAndByteOrderMark) {
  Parsed parsed = parse_fixture("parse/crlf_bom.md");
  ASSERT_TRUE(parsed.advisory.has_value());
  EXPECT_EQ(parsed.advisory->package, "crlf");
  EXPECT_EQ(parsed.advisory->title, "Windows line endings and a BOM");
  EXPECT_EQ(parsed.advisory->description, "Body.");
}

TEST(AdvisoryParser, MissingTitleIsAWarningOnly) {
  Diagnostics diagnostics;
  auto a = parse_advisory("```toml\n[advisory]\nid = \"X-1\"\npackage = \"p\"\n```\n\nno heading here\n", "t.md",
                          diagnostics);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->title, "");
  EXPECT_EQ(a->description, "no heading here");
  EXPECT_EQ(diagnostics.error_count(), 0u);
  ASSERT_EQ(diagnostics.warning_count(), 1u);
  EXPECT_EQ(diagnostics.all()[0].location.position.line, 6u);
}

// Malformed advisories: the error's exact file:line:col in the .md file.
struct MalformedCase {
  const char* file;
  uint32_t line, column;
  const char* message_part;
};

class MalformedAdvisory : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedAdvisory, IsReportedAtItsPositionAndSkipped) {
  const MalformedCase& c = GetParam();
  Parsed parsed = parse_fixture(c.file);
  EXPECT_FALSE(parsed.advisory.has_value());
  ASSERT_EQ(parsed.diagnostics.size(), 1u) << c.file;
  const Diagnostic& d = parsed.diagnostics[0];
  EXPECT_EQ(d.level, DiagnosticLevel::error);
  EXPECT_EQ(d.location.file, c.file);
  EXPECT_EQ(d.location.position, (TextPosition{c.line, c.column})) << format_diagnostic(d, false);
  EXPECT_NE(d.message.find(c.message_part), std::string::npos) << d.message;
  EXPECT_FALSE(d.source_line.empty()) << c.file;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, MalformedAdvisory,
    ::testing::Values(
        MalformedCase{"malformed/no_fence.md", 2, 1, "does not start with a ```toml"},
        MalformedCase{"malformed/unclosed_fence.md", 1, 1, "never closed"},
        MalformedCase{"malformed/invalid_toml.md", 6, 26, "invalid TOML"},
        MalformedCase{"malformed/missing_id.md", 4, 1, "missing required key `id` in [advisory]"},
        MalformedCase{"malformed/bad_requirement.md", 8, 24, "invalid version requirement \"not a version\""},
        MalformedCase{"malformed/bad_function_requirement.md", 8, 24, "invalid version requirement \">>2\""},
        MalformedCase{"malformed/bad_cvss.md", 6, 10, "missing the mandatory metric A"},
        MalformedCase{"malformed/wrong_type.md", 6, 12, "`advisory.keywords` must be an array of strings"}));

TEST(AdvisoryParser, ArbitraryBytesNeverCrash) {
  Diagnostics diagnostics;
  for (const char* text : {"", "```toml", "```toml\n", "```toml\n```", "+++\n+++\n", "```toml\n[advisory\n```\n",
                           "```toml\n[advisory]\nid = 1\npackage = []\n```\n", "```toml\nadvisory = 3\n```\n",
                           "```toml\n[advisory]\nid=\"a\"\npackage=\"b\"\n[affected]\nfunctions = 5\n```\n",
                           "```toml\n[advisory]\nid=\"a\"\npackage=\"b\"\n[versions]\npatched = [1, \"x\"]\n```\n"}) {
    EXPECT_FALSE(parse_advisory(text, "fuzz.md", diagnostics).has_value()) << text;
  }
  EXPECT_GT(diagnostics.error_count(), 0u);
}

}  // namespace
}  // namespace cratescope::advisory
