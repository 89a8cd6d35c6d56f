#include "cli/command_session.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace cratescope::cli {

std::filesystem::path user_cache_directory() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "cratescope";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "cratescope";
  return {};
}

CommandSession::CommandSession(const CommonOptions& common) : ctx{files, diagnostics, timers, common.threads} {
  parse_color_mode(common.color, color_mode);
  stderr_color = use_color(color_mode, STDERR_FILENO);
}

size_t CommandSession::print_new_diagnostics(DiagnosticLevel minimum) {
  auto all = diagnostics.all();
  size_t held_back = 0;
  for (size_t i = printed_; i < all.size(); ++i) {
    if (all[i].level < minimum)
      ++held_back;
    else
      std::cerr << format_diagnostic(all[i], stderr_color);
  }
  printed_ = all.size();
  return held_back;
}

bool CommandSession::write_report(const std::string& rendered, const std::string& output) {
  if (output.empty()) {
    std::cout << rendered << std::flush;
    return true;
  }
  std::ofstream out(output, std::ios::binary);
  out << rendered;
  if (!out) {
    std::cerr << "error: cannot write " << output << "\n";
    return false;
  }
  return true;
}

void CommandSession::print_error(const std::string& file, const std::string& message) {
  std::cerr << format_diagnostic({DiagnosticLevel::error, {file, {}}, message, ""}, stderr_color);
}

void CommandSession::report_missing_database(const std::filesystem::path& path) {
  print_error(path.string(),
              "no advisory database here; fetch one with `cratescope db update` "
              "(or point --db at a copy of https://github.com/rustsec/advisory-db)");
}

}  // namespace cratescope::cli
