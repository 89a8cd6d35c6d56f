#pragma once
#include "load/workspace.hpp"

namespace cratescope::load {

// Cargo refuses a cycle of path dependencies (through dev-dependencies it is
// allowed). Each cycle is reported once, at the declaration that closes it.
void report_path_dependency_cycles(const Workspace& workspace, Context& ctx);

}  // namespace cratescope::load
