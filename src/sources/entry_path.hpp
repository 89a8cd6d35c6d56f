#pragma once
// Turning an archive entry's path into a safe path relative to the crate's
// top directory, or saying why it is not one.
#include <string>
#include <string_view>
#include <vector>

namespace cratescope::sources {

struct EntryPath {
  std::vector<std::string> components;  // no "", "." or ".." left
  std::string problem;                  // non-empty: the entry must be skipped
  std::string joined() const;           // components with '/'
};

// "a/./b//c" -> {a, b, c}. Absolute paths, "..", over-long names and an
// empty path are problems: Cargo never writes them.
EntryPath normalize_entry_path(std::string_view raw);

// Control characters replaced by '?': entry names are untrusted text that
// ends up in warnings printed to terminals.
std::string printable(std::string_view text);

}  // namespace cratescope::sources
