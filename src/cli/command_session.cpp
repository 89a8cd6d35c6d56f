#include "cli/command_session.hpp"

#include <iostream>
#include <unistd.h>

namespace cratescope::cli {

CommandSession::CommandSession(const CommonOptions& common) : ctx{files, diagnostics, timers, common.threads} {
  parse_color_mode(common.color, color_mode);
  stderr_color = use_color(color_mode, STDERR_FILENO);
}

void CommandSession::print_new_diagnostics() {
  auto all = diagnostics.all();
  for (size_t i = printed_; i < all.size(); ++i) std::cerr << format_diagnostic(all[i], stderr_color);
  printed_ = all.size();
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
