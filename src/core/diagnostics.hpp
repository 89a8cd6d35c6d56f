#pragma once
// The diagnostics sink: every problem with the *input* (a broken lockfile, a
// malformed advisory) is reported here with file:line:col, and the run goes
// on. Thread-safe, because passes run in parallel.
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_location.hpp"

namespace cratescope {

enum class DiagnosticLevel { note, warning, error };

struct Diagnostic {
  DiagnosticLevel level = DiagnosticLevel::error;
  SourceLocation location;
  std::string message;
  std::string source_line;  // the offending line, for the caret; may be empty
};

class Diagnostics {
 public:
  void report(Diagnostic diagnostic);
  // Convenience: report at `position` of `file`, taking the caret line from `text`.
  void error(std::string_view file, std::string_view text, TextPosition position, std::string message);
  void warning(std::string_view file, std::string_view text, TextPosition position, std::string message);
  void note(std::string message);

  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  std::vector<Diagnostic> all() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

// "file:line:col: error: message" followed by the source line and a caret.
std::string format_diagnostic(const Diagnostic& diagnostic, bool color);

}  // namespace cratescope
