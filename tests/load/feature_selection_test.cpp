#include <gtest/gtest.h>

#include "load/feature_selection.hpp"

using namespace cratescope;
using namespace cratescope::load;

namespace {

Manifest parse(const std::string& text) {
  Diagnostics diagnostics;
  auto manifest = parse_manifest(text, "Cargo.toml", diagnostics);
  EXPECT_TRUE(manifest.has_value());
  return manifest ? std::move(*manifest) : Manifest{};
}

// Every way Cargo's features can turn an optional dependency on.
const char* kManifest = R"(
[package]
name = "app"
version = "0.1.0"

[dependencies]
serde = { version = "1", optional = true }
tar = { version = "0.4", optional = true }
log = { version = "0.4", optional = true }
rayon = { version = "1", optional = true }
implicit = { version = "1", optional = true }
json = { package = "serde_json", version = "1", optional = true }
always = "1"

[features]
default = ["std"]
std = ["dep:serde"]
archives = ["tar/xattr"]
logging = ["log?/std", "fast"]
fast = ["dep:rayon"]
all-json = ["json"]
)";

std::set<std::string> enabled(FeatureSelection selection) {
  return enabled_optional_dependencies(parse(kManifest), selection);
}

}  // namespace

TEST(FeatureSelection, DefaultFeaturesFollowDepPrefixesAndFeatureChains) {
  EXPECT_EQ(enabled({}), (std::set<std::string>{"serde"}));
}

TEST(FeatureSelection, NoDefaultFeaturesLeavesEveryOptionalDependencyOff) {
  FeatureSelection none;
  none.default_features = false;
  EXPECT_TRUE(enabled(none).empty());
}

TEST(FeatureSelection, SlashTurnsTheDependencyOnButQuestionMarkDoesNot) {
  FeatureSelection s;
  s.default_features = false;
  s.features = {"archives", "logging"};
  EXPECT_EQ(enabled(s), (std::set<std::string>{"rayon", "tar"}));
}

TEST(FeatureSelection, OptionalDependencyIsAFeatureOfItsOwnNameAndRenamesUseTheKey) {
  FeatureSelection s;
  s.default_features = false;
  s.features = {"implicit", "all-json"};
  EXPECT_EQ(enabled(s), (std::set<std::string>{"implicit", "json"}));
}

TEST(FeatureSelection, MemberQualifiedFeaturesApplyOnlyToThatMember) {
  FeatureSelection s;
  s.default_features = false;
  s.features = {"other/archives", "app/fast"};
  EXPECT_EQ(enabled(s), (std::set<std::string>{"rayon"}));
}

TEST(FeatureSelection, AllFeaturesTurnsEveryOptionalDependencyOn) {
  FeatureSelection all;
  all.all_features = true;
  EXPECT_EQ(enabled(all), (std::set<std::string>{"implicit", "json", "log", "rayon", "serde", "tar"}));
  EXPECT_EQ(all.describe(), "all features");
}

TEST(FeatureSelection, DescribesTheSelection) {
  FeatureSelection s;
  s.features = {"a", "b"};
  EXPECT_EQ(s.describe(), "default features + a, b");
  s.default_features = false;
  s.features.clear();
  EXPECT_EQ(s.describe(), "no default features");
}

namespace {

// What `cfg(feature = "..")` in the member's own code sees.
TEST(EnabledFeatures, TheClosureOfTheSelection) {
  Manifest m = parse(kManifest);
  EXPECT_EQ(enabled_features(m, {}), (std::set<std::string>{"default", "std"}));
  EXPECT_EQ(enabled_features(m, {false, true, {"logging"}}), (std::set<std::string>{"default", "std", "logging", "fast"}));
  EXPECT_EQ(enabled_features(m, {false, false, {"implicit"}}), (std::set<std::string>{"implicit"}));
  std::set<std::string> all = enabled_features(m, {true, true, {}});
  EXPECT_TRUE(all.contains("archives") && all.contains("all-json") && all.contains("tar")) << all.size();
  // Without a `default` entry, "default" is no feature of the member.
  EXPECT_EQ(enabled_features(parse("[package]\nname = \"b\"\nversion = \"1.0.0\"\n"), {}), std::set<std::string>{});
}

}  // namespace
