#include "support/test_support.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>
#include <sys/wait.h>

#include <gtest/gtest.h>

namespace cratescope::testing {

std::filesystem::path source_dir() { return CRATESCOPE_SOURCE_DIR; }
std::filesystem::path fixtures_dir() { return CRATESCOPE_FIXTURES; }
std::filesystem::path shared_dir() { return std::filesystem::path(CRATESCOPE_SHARED_DIR).lexically_normal(); }
std::filesystem::path advisory_db_dir() { return shared_dir() / "data" / "advisory-db"; }
std::filesystem::path cratescope_binary() { return CRATESCOPE_BINARY; }

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult run_command(const std::string& command, bool merge_stderr) {
  std::string full = command + (merge_stderr ? " 2>&1" : "");
  CommandResult result;
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string find_cargo() {
  CommandResult found = run_command("command -v cargo");
  if (found.exit_code == 0 && !found.output.empty()) return found.output.substr(0, found.output.find('\n'));
  std::vector<std::filesystem::path> candidates;
  if (const char* home = std::getenv("HOME")) candidates.push_back(std::filesystem::path(home) / ".cargo/bin/cargo");
  candidates.push_back("/root/.cargo/bin/cargo");
  for (const auto& candidate : candidates) {
    std::error_code ignored;
    if (std::filesystem::exists(candidate, ignored)) return candidate.string();
  }
  return "";
}

CommandResult validate_sarif(const std::filesystem::path& file) {
  return run_command("node '" + (source_dir() / "tests" / "support" / "validate_sarif.js").string() + "' '" +
                         file.string() + "'",
                     true);
}

std::filesystem::path scan_cache_dir() { return std::filesystem::path(::testing::TempDir()) / "cratescope-scan-cache"; }

}  // namespace cratescope::testing
