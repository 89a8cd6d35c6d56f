#pragma once
// Cargo's home: $CARGO_HOME, else ~/.cargo (registry sources and index cache,
// git checkouts, the advisory database, audit.toml).
#include <filesystem>

namespace cratescope {

// Empty when neither CARGO_HOME nor HOME is set.
std::filesystem::path default_cargo_home();

}  // namespace cratescope
