#pragma once
// What every command sets up the same way: the real file system, a
// diagnostics sink, the pass timers, and whether standard error is coloured.
#include <filesystem>

#include "cli/audit_command.hpp"
#include "cli/terminal.hpp"
#include "core/context.hpp"

namespace cratescope::cli {

// $XDG_CACHE_HOME/cratescope, else ~/.cache/cratescope; empty without either.
std::filesystem::path user_cache_directory();

class CommandSession {
 public:
  explicit CommandSession(const CommonOptions& common);
  CommandSession(const CommandSession&) = delete;
  CommandSession& operator=(const CommandSession&) = delete;

  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx;
  ColorMode color_mode = ColorMode::automatic;
  bool stderr_color = false;

  // Prints the diagnostics reported since the last call, on standard error;
  // returns how many below `minimum` were held back.
  size_t print_new_diagnostics(DiagnosticLevel minimum = DiagnosticLevel::note);
  // The report to standard output, or to `output` when given; false (after
  // saying so) when the file cannot be written.
  bool write_report(const std::string& rendered, const std::string& output);
  void print_error(const std::string& file, const std::string& message);
  // The advisory database is missing: say how to get one.
  void report_missing_database(const std::filesystem::path& path);

 private:
  size_t printed_ = 0;
};

}  // namespace cratescope::cli
