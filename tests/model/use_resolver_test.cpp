#include <gtest/gtest.h>

#include <set>

#include "model/crate_model.hpp"
#include "model/use_resolver.hpp"

namespace cratescope::model {
namespace {

// The model of a crate held in memory at /c; `diagnostics` (optional) gets what it reports.
CrateModel model_of(const std::map<std::string, std::string>& files_by_path, Diagnostics* diagnostics = nullptr) {
  MemoryFileSystem files;
  for (auto& [path, text] : files_by_path) files.add_file("/c/" + path, text);
  Diagnostics own;
  Timers timers;
  Context context{files, diagnostics ? *diagnostics : own, timers, 1};
  return build_crate_model(context, "/c");
}

Target lib_of(const std::map<std::string, std::string>& files_by_path) { return model_of(files_by_path).targets.at(0); }

std::vector<std::string> resolve(const Target& t, const std::string& module, const std::string& path) {
  return UseResolver(t).resolve(module, path);
}

TEST(UseResolver, FollowsPlainRenamedAndGroupedUses) {
  Target t = lib_of({{"src/lib.rs",
                      "use std::fs::File;\nuse std::process::Command as Cmd;\nuse std::{env, net::{TcpStream as T}};\n"
                      "use core::ptr;\n"}});
  EXPECT_EQ(resolve(t, "crate", "File::open"), std::vector<std::string>{"std::fs::File::open"});
  EXPECT_EQ(resolve(t, "crate", "Cmd::new"), std::vector<std::string>{"std::process::Command::new"});
  EXPECT_EQ(resolve(t, "crate", "env::var"), std::vector<std::string>{"std::env::var"});
  EXPECT_EQ(resolve(t, "crate", "T::connect"), std::vector<std::string>{"std::net::TcpStream::connect"});
  EXPECT_EQ(resolve(t, "crate", "ptr::read"), std::vector<std::string>{"std::ptr::read"});
  EXPECT_EQ(resolve(t, "crate", "::core::mem::transmute"), std::vector<std::string>{"std::mem::transmute"});
}

TEST(UseResolver, FollowsReexportsInsideTheCrate) {
  Target t = lib_of({{"src/lib.rs", "mod sys;\nuse crate::sys::Spawn;\n"},
                     {"src/sys.rs", "pub use std::process::Command as Spawn;\n"}});
  EXPECT_EQ(resolve(t, "crate", "Spawn::new"), std::vector<std::string>{"std::process::Command::new"});
  EXPECT_EQ(resolve(t, "crate", "crate::sys::Spawn::new"), std::vector<std::string>{"std::process::Command::new"});
  EXPECT_EQ(resolve(t, "crate", "sys::Spawn::new"), std::vector<std::string>{"std::process::Command::new"});
}

TEST(UseResolver, SuperGlobSeesTheParentsImports) {
  Target t = lib_of({{"src/lib.rs", "use std::fs;\nmod tests { use super::*; fn t() {} }\n"}});
  auto got = resolve(t, "crate::tests", "fs::read");
  EXPECT_NE(std::find(got.begin(), got.end(), "std::fs::read"), got.end());
}

TEST(UseResolver, ExternGlobsGiveCandidates) {
  Target t = lib_of({{"src/lib.rs", "use std::fs::*;\n"}});
  auto got = resolve(t, "crate", "read_to_string");
  EXPECT_NE(std::find(got.begin(), got.end(), "std::fs::read_to_string"), got.end());
}

TEST(UseResolver, PreludeNamesAreNotTakenFromExternGlobs) {
  Target t = lib_of({{"src/lib.rs", "use std::fs::*;\nuse libc::*;\n"}});
  for (const char* name : {"Ok", "String::new", "Some", "drop"}) {
    for (const auto& candidate : resolve(t, "crate", name)) {
      EXPECT_FALSE(candidate.starts_with("std::fs")) << name << " -> " << candidate;
      EXPECT_FALSE(candidate.starts_with("libc")) << name << " -> " << candidate;
    }
  }
  auto file = resolve(t, "crate", "File::open");  // not a prelude name: the glob still applies
  EXPECT_NE(std::find(file.begin(), file.end(), "std::fs::File::open"), file.end());
}

TEST(UseResolver, LocalItemsShadowAndUnknownSingleNamesGiveNothing) {
  Target t = lib_of({{"src/lib.rs", "mod fs { pub fn read() {} }\nfn local() {}\n"}});
  EXPECT_EQ(resolve(t, "crate", "fs::read"), std::vector<std::string>{"crate::fs::read"});
  EXPECT_EQ(resolve(t, "crate", "local"), std::vector<std::string>{"crate::local"});
  EXPECT_TRUE(resolve(t, "crate", "not_declared_anywhere").empty());
  EXPECT_EQ(resolve(t, "crate", "libc::getpid"), std::vector<std::string>{"libc::getpid"});
  EXPECT_EQ(resolve(t, "crate", "Vec::from_raw_parts"), std::vector<std::string>{"std::vec::Vec::from_raw_parts"});
}

TEST(UseResolver, ExternCrateAliasAndCargoRename) {
  Target t = lib_of({{"src/lib.rs", "extern crate libc as c;\n"}});
  EXPECT_EQ(resolve(t, "crate", "c::system"), std::vector<std::string>{"libc::system"});
  EXPECT_EQ(UseResolver(t, {{"http1", "hyper"}}).resolve("crate", "http1::Client::new"),
            std::vector<std::string>{"hyper::Client::new"});
}

TEST(UseResolver, RelativeUseAfterAnotherUse) {
  Target t = lib_of({{"src/lib.rs", "use std::fs;\nuse fs::File;\n"}});
  EXPECT_EQ(resolve(t, "crate", "File::create"), std::vector<std::string>{"std::fs::File::create"});
}

// A file mounted by two targets (lib and bin both say `mod util;`) is
// parsed once and each target gets all of its facts.
TEST(CrateModel, FileSharedByTwoTargetsKeepsItsFactsInBoth) {
  Diagnostics diagnostics;
  CrateModel model = model_of({{"src/lib.rs", "mod util;\n"},
                               {"src/main.rs", "mod util;\nfn main() {}\n"},
                               {"src/util.rs", "pub fn helper() { std::fs::read(\"x\"); }\nunsafe fn raw() {}\n"}},
                              &diagnostics);
  ASSERT_EQ(model.targets.size(), 2u);
  for (const auto& target : model.targets) {
    bool helper = false;
    for (const auto& item : target.items) helper = helper || item.path == "crate::util::helper";
    EXPECT_TRUE(helper) << to_string(target.spec.kind);
    EXPECT_EQ(target.unsafe_sites.size(), 1u) << to_string(target.spec.kind);
    bool call = false;
    for (const auto& r : target.references) call = call || r.path == "std::fs::read";
    EXPECT_TRUE(call) << to_string(target.spec.kind);
  }
  EXPECT_TRUE(diagnostics.all().empty());
}

// One file mounted at two module paths (`#[path]` in two places): its facts
// were extracted for the first; the second mount gets every path re-based.
TEST(CrateModel, FileMountedAtTwoModulesHasBothPaths) {
  CrateModel model = model_of({{"src/lib.rs", "#[path = \"imp.rs\"] mod unix;\nmod other { #[path = \"../imp.rs\"] mod win; }\n"},
                               {"src/imp.rs", "pub fn f() { unsafe { g() } }\nfn g() {}\nimpl T { fn m(&self) {} }\n"
                                              "use self::inner::X;\nmod inner { pub struct X; }\n"}});
  const Target& lib = model.targets.at(0);
  std::set<std::string> items, enclosing, uses, modules;
  for (const auto& item : lib.items) items.insert(item.path);
  for (const auto& site : lib.unsafe_sites) enclosing.insert(site.enclosing);
  for (const auto& use : lib.uses) uses.insert(use.module + " " + use.path);
  for (const auto& r : lib.references) modules.insert(r.module + " " + r.enclosing + " " + r.path);
  for (const char* base : {"crate::unix", "crate::other::win"}) {
    std::string b = base;
    EXPECT_TRUE(items.contains(b + "::f")) << b;
    EXPECT_TRUE(items.contains(b + "::T::m")) << b;
    EXPECT_TRUE(items.contains(b + "::inner::X")) << b;
    EXPECT_TRUE(enclosing.contains(b + "::f")) << b;
    EXPECT_TRUE(uses.contains(b + " " + b + "::inner::X")) << b;
    EXPECT_TRUE(modules.contains(b + " " + b + "::f g")) << b;
  }
}

}  // namespace
}  // namespace cratescope::model
