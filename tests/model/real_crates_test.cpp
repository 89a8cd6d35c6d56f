// Real crates from Debian's registry (/usr/share/cargo/registry): no crash,
// no missing module files, and counts in the range the crates really have.
#include <gtest/gtest.h>

#include "model/crate_model.hpp"

using namespace cratescope;
using namespace cratescope::model;

namespace {

const fs::path kRegistry = "/usr/share/cargo/registry";

struct Expectation {
  std::string prefix;  // crate name and dash: the first version found is used
  size_t min_items;
  size_t min_unsafe;
};

std::string find_crate(const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kRegistry, ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.size() > prefix.size() && std::isdigit(static_cast<unsigned char>(name[prefix.size()])))
      return entry.path().generic_string();
  }
  return {};
}

class RealCrate : public ::testing::TestWithParam<Expectation> {};

TEST_P(RealCrate, BuildsAPlausibleModel) {
  if (!fs::is_directory(kRegistry)) GTEST_SKIP() << kRegistry << " is absent";
  std::string dir = find_crate(GetParam().prefix);
  if (dir.empty()) GTEST_SKIP() << GetParam().prefix << "* is not in the registry";
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 0};
  CrateModel model = build_crate_model(context, dir);
  ASSERT_FALSE(model.targets.empty());
  EXPECT_EQ(model.targets[0].spec.kind, TargetKind::lib);
  const Target& lib = model.targets[0];
  EXPECT_GE(lib.items.size(), GetParam().min_items) << dir;
  EXPECT_GE(lib.unsafe_sites.size(), GetParam().min_unsafe) << dir;
  EXPECT_GT(lib.modules.size(), 1u);
  EXPECT_TRUE(lib.missing_modules.empty()) << dir << ": " << to_string(lib.missing_modules.front());
  size_t unanalyzed = 0;
  for (const auto& f : model.files) unanalyzed += f.analyzed() ? 0 : 1;
  EXPECT_LE(unanalyzed * 10, model.files.size()) << "more than a tenth of the files failed to parse";
}

INSTANTIATE_TEST_SUITE_P(Registry, RealCrate,
                         ::testing::Values(Expectation{"serde-", 300, 1}, Expectation{"regex-", 300, 5},
                                           Expectation{"tokio-", 2000, 100}, Expectation{"libc-", 3000, 10},
                                           Expectation{"syn-", 1000, 1}),
                         [](const auto& info) { return info.param.prefix.substr(0, info.param.prefix.size() - 1); });

}  // namespace
