#include "support/test_support.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
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

CommandResult validate_sarif(const std::filesystem::path& file) {
  return run_command("node '" + (source_dir() / "tests" / "support" / "validate_sarif.js").string() + "' '" +
                         file.string() + "'",
                     true);
}

std::filesystem::path scan_cache_dir() { return std::filesystem::path(::testing::TempDir()) / "cratescope-scan-cache"; }

}  // namespace cratescope::testing
