// Cargo's feature resolution over a locked graph: which features of each
// package a build turns on and which optional dependencies they bring in.
// (The real projects' features are checked against `cargo metadata` in
// graph_equivalence_test.)
#include <gtest/gtest.h>

#include "load/feature_resolver.hpp"

using namespace cratescope;
using namespace cratescope::load;

namespace {

using Features = std::set<std::string>;

// One package per manifest (the first is the member); each dependency is an
// edge to the package of that name, when there is one (else it is not locked).
// A manifest "?name" stands for a package whose manifest could not be read.
ProjectGraph graph_of(const std::vector<std::string>& manifests, FeatureSelection selection = {}) {
  ProjectGraph graph;
  std::vector<Manifest> parsed;
  for (const std::string& text : manifests) {
    GraphPackage package;
    package.version = semver::Version(1, 0, 0);
    if (text.starts_with("?")) {
      package.name = text.substr(1);
      parsed.emplace_back();
    } else {
      Diagnostics diagnostics;
      auto manifest = parse_manifest(text, "Cargo.toml", diagnostics);
      EXPECT_TRUE(manifest && manifest->package) << text;
      if (!manifest || !manifest->package) return graph;
      package.name = manifest->package->name;
      package.feature_table = manifest->features;
      parsed.push_back(std::move(*manifest));
    }
    graph.packages.push_back(std::move(package));
  }
  for (size_t from = 0; from < parsed.size(); ++from)
    for (const DependencySpec& spec : parsed[from].dependencies)
      for (size_t to = 0; to < graph.packages.size(); ++to)
        if (graph.packages[to].name == spec.package)
          graph.edges.push_back(GraphEdge::declared(from, to, spec, "Cargo.toml"));
  graph.packages[0].is_member = true;
  graph.members = {0};
  graph.feature_selection = selection;
  graph.finish();
  return graph;
}

// The keys of `package`'s optional dependencies the build turns on.
Features enabled_optional(const ProjectGraph& graph, size_t package = 0) {
  Features out;
  for (const GraphEdge& edge : graph.edges)
    if (edge.from == package && edge.optional && edge.feature_enabled) out.insert(edge.name);
  return out;
}

std::optional<Features> features_of(const ProjectGraph& graph, const std::string& name) {
  for (const GraphPackage& p : graph.packages)
    if (p.name == name) return p.features;
  ADD_FAILURE() << "no package " << name;
  return std::nullopt;
}

std::string package(const std::string& name, const std::string& rest = "") {
  return "[package]\nname = \"" + name + "\"\nversion = \"1.0.0\"\n" + rest;
}

// Every way Cargo's features can turn a member's optional dependency on.
const std::string kApp = package("app", R"(
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
)");

std::vector<std::string> app_and_dependencies() {
  std::vector<std::string> out{kApp};
  for (auto name : {"serde", "log", "rayon", "implicit", "serde_json", "always"}) out.push_back(package(name));
  out.push_back(package("tar", "[features]\nxattr = []\n"));
  return out;
}

Features app_optional(FeatureSelection selection) { return enabled_optional(graph_of(app_and_dependencies(), selection)); }

}  // namespace

TEST(FeatureResolver, DefaultFeaturesFollowDepPrefixesAndFeatureChains) {
  EXPECT_EQ(app_optional({}), (Features{"serde"}));
}

TEST(FeatureResolver, NoDefaultFeaturesLeavesEveryOptionalDependencyOff) {
  FeatureSelection none;
  none.default_features = false;
  EXPECT_TRUE(app_optional(none).empty());
}

TEST(FeatureResolver, SlashTurnsTheDependencyOnButQuestionMarkDoesNot) {
  FeatureSelection s;
  s.default_features = false;
  s.features = {"archives", "logging"};
  auto graph = graph_of(app_and_dependencies(), s);
  EXPECT_EQ(enabled_optional(graph), (Features{"rayon", "tar"}));
  EXPECT_EQ(features_of(graph, "tar"), (Features{"xattr"}));
  // `tar/xattr` also turns on tar's implicit feature of the same name.
  EXPECT_EQ(features_of(graph, "app"), (Features{"archives", "logging", "fast", "tar"}));
}

TEST(FeatureResolver, OptionalDependencyIsAFeatureOfItsOwnNameAndRenamesUseTheKey) {
  FeatureSelection s;
  s.default_features = false;
  s.features = {"implicit", "all-json"};
  EXPECT_EQ(app_optional(s), (Features{"implicit", "json"}));
}

TEST(FeatureResolver, MemberQualifiedFeaturesApplyOnlyToThatMember) {
  FeatureSelection s;
  s.default_features = false;
  s.features = {"other/archives", "app/fast"};
  EXPECT_EQ(app_optional(s), (Features{"rayon"}));
}

TEST(FeatureResolver, AllFeaturesTurnsEveryOptionalDependencyOn) {
  FeatureSelection all;
  all.all_features = true;
  EXPECT_EQ(app_optional(all), (Features{"implicit", "json", "log", "rayon", "serde", "tar"}));
  EXPECT_EQ(all.describe(), "all features");
}

TEST(FeatureResolver, DescribesTheSelection) {
  FeatureSelection s;
  s.features = {"a", "b"};
  EXPECT_EQ(s.describe(), "default features + a, b");
  s.default_features = false;
  s.features.clear();
  EXPECT_EQ(s.describe(), "no default features");
}

TEST(FeatureResolver, TheMembersFeaturesAreTheClosureOfTheSelection) {
  auto graph = graph_of(app_and_dependencies());
  EXPECT_EQ(features_of(graph, "app"), (Features{"default", "std"}));
  graph = graph_of(app_and_dependencies(), {false, true, {"logging"}});
  EXPECT_EQ(features_of(graph, "app"), (Features{"default", "std", "logging", "fast"}));
  // `dep:serde` hides serde's implicit feature; `implicit` has one.
  graph = graph_of(app_and_dependencies(), {false, false, {"implicit", "serde"}});
  EXPECT_EQ(features_of(graph, "app"), (Features{"implicit"}));
  // Without a `default` entry, "default" is no feature of the member.
  EXPECT_EQ(features_of(graph_of({package("b")}), "b"), Features{});
}

TEST(FeatureResolver, DependenciesGetWhatTheirDeclarationsAskUnified) {
  auto graph = graph_of({
      package("app", "[dependencies]\nlib = { version = \"1\", default-features = false, features = [\"x\"] }\n"
                     "mid = \"1\"\n"),
      package("mid", "[dependencies]\nlib = { version = \"1\", default-features = false, features = [\"z\"] }\n"),
      package("lib", "[dependencies]\nopt = { version = \"1\", optional = true }\n"
                     "never = { version = \"1\", optional = true }\n"
                     "[features]\ndefault = [\"a\"]\na = []\nx = [\"dep:opt\", \"y\"]\ny = []\nz = []\n"),
      package("opt", "[features]\ndefault = [\"o\"]\no = []\n"),
      package("never"),
  });
  EXPECT_EQ(features_of(graph, "lib"), (Features{"x", "y", "z"}));
  EXPECT_EQ(enabled_optional(graph, 2), (Features{"opt"}));
  EXPECT_EQ(features_of(graph, "opt"), (Features{"default", "o"}));
  // A package no enabled edge leads to is not built: no feature is on.
  EXPECT_EQ(features_of(graph, "never"), Features{});
  EXPECT_FALSE(graph.reach(4).reached());
  EXPECT_TRUE(graph.reach(4).left_off);
}

TEST(FeatureResolver, AWeakFeatureWaitsForItsDependencyFromAnywhere) {
  std::string lib = package("lib", "[dependencies]\nlog = { version = \"1\", optional = true }\n"
                                   "[features]\nlogging = [\"log?/std\"]\nwith-log = [\"dep:log\"]\n");
  std::string log = package("log", "[features]\nstd = []\n");
  auto only_weak = graph_of({package("app", "[dependencies]\nlib = { version = \"1\", features = [\"logging\"] }\n"), lib, log});
  EXPECT_EQ(enabled_optional(only_weak, 1), Features{});
  EXPECT_EQ(features_of(only_weak, "log"), Features{});
  // Turned on later in the walk, by another feature: std follows.
  auto both = graph_of({package("app", "[dependencies]\nlib = { version = \"1\", features = [\"logging\"] }\n"
                                       "[features]\ndefault = [\"lib/with-log\"]\n"),
                        lib, log});
  EXPECT_EQ(enabled_optional(both, 1), Features{"log"});
  EXPECT_EQ(features_of(both, "log"), Features{"std"});
}

TEST(FeatureResolver, BelowAnUnreadManifestFeaturesAreUnknown) {
  auto graph = graph_of({
      package("app", "[dependencies]\nmystery = \"1\"\nknown = \"1\"\n"),
      "?mystery",
      package("known", "[features]\ndefault = [\"k\"]\nk = []\n"),
  });
  GraphEdge from_mystery;  // Cargo.lock says mystery depends on known; no manifest says how
  from_mystery.from = 1;
  from_mystery.to = 2;
  from_mystery.kind_known = false;
  from_mystery.name = "known";
  graph.edges.push_back(from_mystery);
  graph.finish();
  EXPECT_EQ(features_of(graph, "app"), Features{});
  EXPECT_EQ(features_of(graph, "mystery"), std::nullopt);
  EXPECT_EQ(features_of(graph, "known"), std::nullopt);
}

TEST(FeatureResolver, ADependencyForAnotherPlatformAsksNothing) {
  auto graph = graph_of({
      package("app", "[dependencies]\nlib = \"1\"\n"
                     "[target.'cfg(windows)'.dependencies]\nlib = { version = \"1\", features = [\"win\"] }\n"),
      package("lib", "[features]\nwin = []\n"),
  });
  EXPECT_EQ(features_of(graph, "lib"), Features{"win"});  // every platform
  Diagnostics diagnostics;
  graph.select_target(TargetPlatform::from_triple("x86_64-unknown-linux-gnu"), diagnostics);
  EXPECT_EQ(features_of(graph, "lib"), Features{});
}

TEST(FeatureResolver, ALongChainOfFeaturesDoesNotExhaustTheStack) {
  std::string features = "[features]\ndefault = [\"f0\"]\n";
  constexpr int kChain = 50'000;
  for (int i = 0; i < kChain; ++i) features += "f" + std::to_string(i) + " = [\"f" + std::to_string(i + 1) + "\"]\n";
  auto graph = graph_of({package("app", features)});
  ASSERT_TRUE(features_of(graph, "app").has_value());
  EXPECT_EQ(features_of(graph, "app")->size(), static_cast<size_t>(kChain + 1));  // default, f0..f49999 (f50000 is none)
}
