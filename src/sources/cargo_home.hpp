#pragma once
// Where Cargo keeps downloaded sources: $CARGO_HOME, else ~/.cargo.
#include <filesystem>

namespace cratescope::sources {

// Empty when neither CARGO_HOME nor HOME is set.
std::filesystem::path default_cargo_home();

}  // namespace cratescope::sources
