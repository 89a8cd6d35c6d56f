#pragma once

namespace cratescope::cli {

// Stable exit codes, documented in --help and the README.
enum ExitCode : int {
  kExitClean = 0,     // nothing found at or above --fail-on
  kExitFindings = 1,  // findings at or above --fail-on
  kExitError = 2,     // usage error, or input that could not be used
};

}  // namespace cratescope::cli
