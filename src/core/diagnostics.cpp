#include "core/diagnostics.hpp"

#include <algorithm>

namespace cratescope {

void Diagnostics::report(Diagnostic diagnostic) {
  std::lock_guard lock(mutex_);
  items_.push_back(std::move(diagnostic));
}

static Diagnostic make(DiagnosticLevel level, std::string_view file, std::string_view text, TextPosition position,
                       std::string message) {
  Diagnostic d;
  d.level = level;
  d.location = {std::string(file), position};
  d.message = std::move(message);
  d.source_line = std::string(line_text(text, position.line));
  return d;
}

void Diagnostics::error(std::string_view file, std::string_view text, TextPosition position, std::string message) {
  report(make(DiagnosticLevel::error, file, text, position, std::move(message)));
}

void Diagnostics::warning(std::string_view file, std::string_view text, TextPosition position, std::string message) {
  report(make(DiagnosticLevel::warning, file, text, position, std::move(message)));
}

void Diagnostics::note(std::string message) {
  Diagnostic d;
  d.level = DiagnosticLevel::note;
  d.message = std::move(message);
  report(std::move(d));
}

size_t Diagnostics::error_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(), [](auto& d) { return d.level == DiagnosticLevel::error; });
}

size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(), [](auto& d) { return d.level == DiagnosticLevel::warning; });
}

std::vector<Diagnostic> Diagnostics::all() const {
  std::lock_guard lock(mutex_);
  return items_;
}

static std::string sanitize_for_terminal(std::string_view line) {
  // Control characters in input must not reach the user's terminal.
  std::string out;
  out.reserve(line.size());
  for (unsigned char c : line) out += (c < 0x20 && c != '\t') || c == 0x7f ? '?' : static_cast<char>(c);
  return out;
}

std::string format_diagnostic(const Diagnostic& d, bool color) {
  const char* level_name = d.level == DiagnosticLevel::error ? "error" : d.level == DiagnosticLevel::warning ? "warning" : "note";
  const char* level_color = d.level == DiagnosticLevel::error ? "\x1b[1;31m" : d.level == DiagnosticLevel::warning ? "\x1b[1;33m" : "\x1b[1;36m";
  std::string out;
  if (!d.location.file.empty()) {
    out += color ? "\x1b[1m" + to_string(d.location) + ":\x1b[0m " : to_string(d.location) + ": ";
  }
  out += color ? std::string(level_color) + level_name + ":\x1b[0m " : std::string(level_name) + ": ";
  out += d.message;
  out += '\n';
  if (!d.source_line.empty() && d.location.position.line) {
    std::string line = sanitize_for_terminal(d.source_line.substr(0, 200));
    out += "  " + line + "\n";
    if (d.location.position.column) {
      std::string pad;
      for (uint32_t i = 1; i < d.location.position.column && i - 1 < line.size(); ++i) pad += line[i - 1] == '\t' ? '\t' : ' ';
      out += "  " + pad + (color ? "\x1b[1;32m^\x1b[0m" : "^") + "\n";
    }
  }
  return out;
}

}  // namespace cratescope
