#pragma once
// Reading dependency tables of Cargo.toml ([dependencies], [target.X.dev-dependencies],
// [workspace.dependencies], [patch.X] ...). Internal to the load module.
#include <string>
#include <vector>

#include "load/manifest.hpp"
#include "load/toml_document.hpp"

namespace cratescope::load {

// One entry: `serde = "1"` or `serde = { version = "1", features = [...] }` or
// `serde.workspace = true`. nullopt (after an error) when the value is unusable.
std::optional<DependencySpec> read_dependency(const TomlDocument& document, const toml::key& key,
                                              const toml::node& value, DependencyKind kind, const std::string& target);

// Every entry of a dependency table, appended to `out`.
void read_dependency_table(const TomlDocument& document, const toml::table& table, DependencyKind kind,
                           const std::string& target, std::vector<DependencySpec>& out);

}  // namespace cratescope::load
