#pragma once
// The textual package ids of Cargo.lock: "name", "name version" or
// "name version (source)" (dependency entries, v1 [metadata] keys, `replace`).
#include <optional>
#include <string>
#include <string_view>

namespace cratescope::load {

struct PackageIdText {
  std::string name;
  std::optional<std::string> version;
  std::optional<std::string> source;  // without the parentheses
};

// nullopt when the text is not of one of the three forms.
std::optional<PackageIdText> split_package_id(std::string_view text);

}  // namespace cratescope::load
