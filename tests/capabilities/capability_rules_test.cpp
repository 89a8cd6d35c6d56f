#include <gtest/gtest.h>

#include <set>
#include <string>

#include "capabilities/capability_rules.hpp"
#include "capabilities/rule_matcher.hpp"

namespace cratescope::capabilities {
namespace {

TEST(CapabilityRules, TableIsWellFormed) {
  std::set<std::string_view> seen;
  for (const auto& rule : capability_rules()) {
    EXPECT_TRUE(seen.insert(rule.pattern).second) << "duplicate pattern " << rule.pattern;
    EXPECT_FALSE(rule.why.empty()) << rule.pattern;
    EXPECT_EQ(rule.pattern.find(' '), std::string_view::npos) << rule.pattern;
    EXPECT_FALSE(rule.pattern.starts_with("core::") || rule.pattern.starts_with("alloc::"))
        << rule.pattern << ": write std::, core:: and alloc:: are folded into it";
    EXPECT_EQ(rule.pattern.find('-'), std::string_view::npos) << rule.pattern << ": crate names in `use` form";
  }
}

TEST(CapabilityRules, LongestPatternWinsOnSegmentBoundaries) {
  RuleMatcher m;
  ASSERT_NE(m.match_path("std::fs::read"), nullptr);
  EXPECT_EQ(m.match_path("std::fs::read")->capability, Capability::fs);
  EXPECT_EQ(m.match_path("std::fs::Permissions::from_mode"), nullptr);  // an exception
  EXPECT_EQ(m.match_path("std::fsx::read"), nullptr);                   // not a segment prefix
  EXPECT_EQ(m.match_path("std::env::vars")->capability, Capability::env);
  EXPECT_EQ(m.match_path("std::env::consts::OS"), nullptr);
  EXPECT_EQ(m.match_path("libc::getpid")->capability, Capability::ffi);
  EXPECT_EQ(m.match_path("libc::system")->capability, Capability::exec);
  EXPECT_EQ(m.match_path("libc::c_int"), nullptr);
  EXPECT_EQ(m.match_path("std::net::IpAddr::V4"), nullptr);  // plain data: no rule
  EXPECT_EQ(m.match_path("std::net::TcpStream::connect")->capability, Capability::net);
  EXPECT_EQ(m.match_path("libgit2_sys::git_repository_open")->capability, Capability::ffi);  // `*_sys`
  EXPECT_EQ(m.match_path("openssl_sys::init")->capability, Capability::ffi);
  EXPECT_EQ(m.match_path("_sys::x"), nullptr);
}

TEST(CapabilityRules, MacrosAndMethods) {
  RuleMatcher m;
  EXPECT_EQ(m.match_macro("asm")->capability, Capability::asm_);
  EXPECT_EQ(m.match_macro("core::arch::asm")->capability, Capability::asm_);
  EXPECT_EQ(m.match_macro("std::include_bytes")->capability, Capability::compile_time_read);
  EXPECT_EQ(m.match_macro("println"), nullptr);
  EXPECT_EQ(m.match_method("danger_accept_invalid_certs")->capability, Capability::net);
  EXPECT_EQ(m.match_method("get"), nullptr);
}

}  // namespace
}  // namespace cratescope::capabilities
