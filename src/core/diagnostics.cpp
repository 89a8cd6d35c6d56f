#include "core/diagnostics.hpp"

#include "core/untrusted_text.hpp"

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
    // Input lines are untrusted: cleaned as every report cleans them.
    std::string_view raw = std::string_view(d.source_line).substr(0, 200);
    out += "  " + terminal_safe(raw) + "\n";
    if (d.location.position.column) {
      // The column counts bytes; the caret moves one place per character
      // (each one cell after cleaning: tabs become spaces).
      std::string_view before = raw.substr(0, std::min<size_t>(d.location.position.column - 1, raw.size()));
      size_t cells = 0;
      for (unsigned char c : before) cells += (c & 0xC0) != 0x80;
      out += "  " + std::string(cells, ' ') + (color ? "\x1b[1;32m^\x1b[0m" : "^") + "\n";
    }
  }
  return out;
}

}  // namespace cratescope
