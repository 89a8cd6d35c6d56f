// Code under a #[cfg(...)] that is false for the build is left out of the
// facts when extract_facts is given CfgFacts; without them everything stays.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/file_facts.hpp"

namespace cratescope::model {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

const char* kTwins = R"(
#[cfg(windows)]
fn open() { win::open(); }
#[cfg(not(windows))]
fn open() { posix::open(); }
#[cfg(feature = "fast")]
mod fast;
#[cfg(unix)]
impl Dir { fn ino(&self) { sys::ino(); } }
fn main() {
    #[cfg(windows)]
    { win::only(); }
    #[cfg(doc)]
    doc::only();
    always();
}
)";

struct Facts {
  std::vector<std::string> calls;  // `path @enclosing`
  std::vector<std::string> mods;
  size_t items = 0;
};

Facts facts_of(const std::string& code, const CfgFacts* cfg) {
  ParserPtr parser = make_rust_parser();
  ParsedFile file = parse_text("a.rs", code, *parser);
  FileFacts facts = extract_facts(file, parser.get(), true, "", cfg);
  Facts out;
  for (const auto& r : facts.references)
    if (r.kind == ReferenceKind::call) out.calls.push_back(r.path + " @" + r.enclosing);
  for (const auto& m : facts.mods) out.mods.push_back(m.name);
  out.items = facts.items.size();
  return out;
}

TEST(CfgFilter, WithoutFactsEveryTwinIsKept) {
  Facts all = facts_of(kTwins, nullptr);
  EXPECT_THAT(all.calls, UnorderedElementsAre("win::open @open", "posix::open @open", "sys::ino @Dir::ino",
                                              "win::only @main", "doc::only @main", "always @main"));
  EXPECT_THAT(all.mods, ElementsAre("fast"));
}

TEST(CfgFilter, ALinuxBuildWithoutFeaturesKeepsOnlyItsOwnCode) {
  CfgFacts linux{TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), std::set<std::string>{}};
  Facts kept = facts_of(kTwins, &linux);
  EXPECT_THAT(kept.calls, UnorderedElementsAre("posix::open @open", "sys::ino @Dir::ino", "always @main"));
  EXPECT_THAT(kept.mods, ElementsAre());
}

TEST(CfgFilter, UnknownPredicatesAreKept) {
  CfgFacts windows_unknown_features{TargetPlatform::from_triple("x86_64-pc-windows-msvc"), std::nullopt};
  Facts kept = facts_of(kTwins, &windows_unknown_features);
  EXPECT_THAT(kept.calls, UnorderedElementsAre("win::open @open", "win::only @main", "always @main"));
  EXPECT_THAT(kept.mods, ElementsAre("fast"));  // feature "fast": unknown
}

TEST(CfgFilter, AFileOrInlineModuleOffAsAWholeIsEmpty) {
  CfgFacts linux{TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), std::nullopt};
  EXPECT_EQ(facts_of("#![cfg(windows)]\nfn f() { g(); }", &linux).items, 0u);
  Facts inline_module = facts_of("mod w { #![cfg(target_os = \"windows\")] fn f() { g(); } }\nfn h() {}", &linux);
  EXPECT_EQ(inline_module.items, 1u);
  EXPECT_THAT(inline_module.calls, ElementsAre());
  EXPECT_EQ(facts_of("#![cfg(unix)]\nfn f() { g(); }", &linux).items, 1u);
}

// cfg_if! is how much of the ecosystem (libc, getrandom, parking_lot) picks
// a platform's module.
TEST(CfgFilter, CfgIfBranchesAreChosenLikeTheMacroChoosesThem) {
  const char* code = R"(
cfg_if::cfg_if! {
    if #[cfg(windows)] {
        fn imp() { win::call(); }
    } else if #[cfg(unix)] {
        fn imp() { unix::call(); }
    } else if #[cfg(target_os = "linux")] {
        fn imp() { never::call(); }
    } else {
        fn imp() { fallback::call(); }
    }
}
cfg_if! {
    if #[cfg(some_custom_cfg)] {
        fn other() { custom::call(); }
    } else {
        fn other() { plain::call(); }
    }
}
)";
  auto calls_for = [&](const CfgFacts* cfg) {
    ParserPtr parser = make_rust_parser();
    ParsedFile file = parse_text("a.rs", code, *parser);
    std::vector<std::string> out;
    for (const auto& r : extract_facts(file, parser.get(), true, "", cfg).references)
      if (r.kind == ReferenceKind::call) out.push_back(r.path);
    return out;
  };
  EXPECT_THAT(calls_for(nullptr), UnorderedElementsAre("win::call", "unix::call", "never::call", "fallback::call",
                                                       "custom::call", "plain::call"));
  CfgFacts linux{TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), std::nullopt};
  EXPECT_THAT(calls_for(&linux), UnorderedElementsAre("unix::call", "custom::call", "plain::call"));
  CfgFacts windows{TargetPlatform::from_triple("x86_64-pc-windows-msvc"), std::nullopt};
  EXPECT_THAT(calls_for(&windows), UnorderedElementsAre("win::call", "custom::call", "plain::call"));
  CfgFacts wasm{TargetPlatform::from_triple("wasm32-unknown-unknown"), std::nullopt};
  EXPECT_THAT(calls_for(&wasm), UnorderedElementsAre("fallback::call", "custom::call", "plain::call"));
}

}  // namespace
}  // namespace cratescope::model
