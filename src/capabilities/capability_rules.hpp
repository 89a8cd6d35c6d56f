#pragma once
// The one table that maps Rust paths to capabilities. Extending cratescope's
// knowledge of a crate means adding rows to capability_rules.cpp, nothing else.
//
// A rule's pattern is a path as a user of the crate writes it, with crate
// names in their `use` form (`fs_err`, not `fs-err`) and `std` standing for
// `core` and `alloc` too. It matches that path and everything under it, on
// `::` boundaries: `std::fs` matches `std::fs::read` and
// `std::fs::File::open` but not `std::fsx`. The longest matching pattern
// wins, so a rule with no capability (`std::net::IpAddr`: plain data) carves
// an exception out of a broader one.
//
// A pattern starting with `*` matches crates by the end of their name
// (`*_sys`: every -sys crate, the C bindings convention) and applies when no
// other pattern does.
// A pattern ending in `!` names a macro (`asm!`, `include_bytes!`); a pattern
// starting with `.` names a method called on any receiver (`.danger_accept_invalid_certs`)
// and is only used where the name alone is specific enough to be evidence.
#include <optional>
#include <span>
#include <string_view>

#include "capabilities/capability.hpp"

namespace cratescope::capabilities {

struct CapabilityRule {
  std::string_view pattern;
  std::optional<Capability> capability;  // nullopt: an exception, not a capability
  std::string_view why;                  // shown in reports: "opens files", "spawns a process"
};

std::span<const CapabilityRule> capability_rules();

}  // namespace cratescope::capabilities
