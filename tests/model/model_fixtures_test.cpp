// Every crate under tests/fixtures/model/ is built into a model and compared
// with the markers in its sources (see fixture_markers.hpp).
#include <gtest/gtest.h>

#include "model/crate_model.hpp"
#include "model/fixture_markers.hpp"

using namespace cratescope;
using namespace cratescope::model;

namespace {

std::string fixture(const std::string& name) {
  return (fs::path(CRATESCOPE_FIXTURES) / "model" / name).lexically_normal().generic_string();
}

std::string join_facts(const std::multiset<std::string>& facts) {
  std::string out;
  for (const auto& f : facts) out += "\n    " + f;
  return out;
}

class ModelFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ModelFixture, FindsExactlyWhatTheMarkersSay) {
  std::string dir = fixture(GetParam());
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 2};
  CrateModel model = build_crate_model(context, dir);
  auto expected = model::testing::read_markers(dir);
  auto found = model::testing::render_model(model, diagnostics.all());

  for (const auto& [where, facts] : expected)
    for (const auto& fact : facts) {
      auto it = found.find(where);
      bool ok = it != found.end() && it->second.contains(fact);
      EXPECT_TRUE(ok) << where << ": marked `" << fact << "` but the model has:"
                      << (it == found.end() ? std::string(" nothing") : join_facts(it->second));
    }
  for (const auto& [where, facts] : found)
    for (const auto& fact : facts) {
      if (!model::testing::is_exhaustive(fact)) continue;
      auto it = expected.find(where);
      bool ok = it != expected.end() && it->second.contains(fact);
      EXPECT_TRUE(ok) << where << ": the model has `" << fact << "` but no marker says so";
    }
}

INSTANTIATE_TEST_SUITE_P(Crates, ModelFixture, ::testing::Values("modules", "items", "broken", "cycle", "macros"));

}  // namespace
