#pragma once
// Paths as text (`crate::a::Type::f`): the few cuts every part of the call
// graph makes.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace cratescope::callgraph {

// `crate::a::Type` of `crate::a::Type::f`; empty for a single segment.
inline std::string parent_path(std::string_view path) {
  size_t at = path.rfind("::");
  return at == std::string_view::npos ? std::string() : std::string(path.substr(0, at));
}

// `f` of `crate::a::Type::f`.
inline std::string_view last_segment(std::string_view path) {
  size_t at = path.rfind("::");
  return at == std::string_view::npos ? path : path.substr(at + 2);
}

// Types, variants and traits: what Rust's naming convention capitalises.
inline bool starts_upper(std::string_view s) { return !s.empty() && std::isupper(static_cast<unsigned char>(s[0])); }

// The standard library is not modelled: its paths lead nowhere.
inline void drop_std_paths(std::vector<std::string>& paths) {
  std::erase_if(paths, [](const std::string& p) { return p == "std" || p.starts_with("std::"); });
}

// The same, but conversions into std's types stay (`std::io::Error::from`):
// a crate's `impl From<E> for io::Error` may be what they call (Linker::resolve_foreign).
inline void drop_std_paths_but_conversions(std::vector<std::string>& paths) {
  std::erase_if(paths, [](const std::string& p) {
    return (p == "std" || p.starts_with("std::")) && !p.ends_with("::from") && !p.ends_with("::try_from");
  });
}

}  // namespace cratescope::callgraph
