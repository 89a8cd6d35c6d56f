#pragma once
// Helpers shared by the load module's tests.
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "support/test_support.hpp"

namespace cratescope::testing {

// Every diagnostic as "file:line:col: level: message", to compare exactly.
inline std::vector<std::string> diagnostic_lines(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) {
    const char* level = d.level == DiagnosticLevel::error ? "error" : d.level == DiagnosticLevel::warning ? "warning" : "note";
    out.push_back(to_string(d.location) + ": " + level + ": " + d.message);
  }
  return out;
}

}  // namespace cratescope::testing
