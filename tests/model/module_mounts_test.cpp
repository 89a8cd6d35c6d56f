// How declared modules are mounted into a target's module tree.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/crate_model.hpp"

namespace cratescope::model {
namespace {

Target lib_of(const std::map<std::string, std::string>& files_by_path) {
  MemoryFileSystem files;
  for (const auto& [path, text] : files_by_path) files.add_file("/c/" + path, text);
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  return build_crate_model(context, "/c").targets.at(0);
}

size_t items_at(const Target& t, const std::string& path) {
  return std::count_if(t.items.begin(), t.items.end(), [&](const Item& i) { return i.path == path; });
}

size_t modules_at(const Target& t, const std::string& path) {
  return std::count_if(t.modules.begin(), t.modules.end(), [&](const Module& m) { return m.path == path; });
}

TEST(ModuleMounts, OneFileDeclaredTwiceAtOnePathIsOneModule) {
  // Both declarations stay when no cfg is evaluated; only one is ever compiled.
  Target t = lib_of({{"src/lib.rs", "#[cfg(unstable)]\npub mod dom;\n#[cfg(not(unstable))]\nmod dom;\n"},
                     {"src/dom.rs", "pub fn node() {}\n"}});
  EXPECT_EQ(modules_at(t, "crate::dom"), 1u);
  EXPECT_EQ(items_at(t, "crate::dom::node"), 1u);
}

TEST(ModuleMounts, UnderTestAndNotTestTheModuleIsNotTestOnly) {
  for (std::string lib : {"#[cfg(test)]\nmod dom;\n#[cfg(not(test))]\nmod dom;\n",
                          "#[cfg(not(test))]\nmod dom;\n#[cfg(test)]\nmod dom;\n"}) {
    Target t = lib_of({{"src/lib.rs", lib}, {"src/dom.rs", "pub fn node() {}\n"}});
    ASSERT_EQ(modules_at(t, "crate::dom"), 1u) << lib;
    ASSERT_EQ(items_at(t, "crate::dom::node"), 1u) << lib;
    auto item = std::find_if(t.items.begin(), t.items.end(), [](const Item& i) { return i.path == "crate::dom::node"; });
    EXPECT_FALSE(item->test_only) << lib;
  }
}

TEST(ModuleMounts, OneFileAtTwoPathsIsTwoModules) {
  Target t = lib_of({{"src/lib.rs", "#[path = \"shared.rs\"]\nmod a;\n#[path = \"shared.rs\"]\nmod b;\n"},
                     {"src/shared.rs", "pub fn f() {}\n"}});
  EXPECT_EQ(items_at(t, "crate::a::f"), 1u);
  EXPECT_EQ(items_at(t, "crate::b::f"), 1u);
}

}  // namespace
}  // namespace cratescope::model
