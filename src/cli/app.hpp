#pragma once

namespace cratescope::cli {

// Parses the command line and runs a subcommand; returns the process exit code
// (0 clean, 1 findings at or above --fail-on, 2 usage or input error).
int run(int argc, char** argv);

}  // namespace cratescope::cli
