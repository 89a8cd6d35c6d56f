#pragma once
#include <filesystem>
#include <string>

namespace cratescope::testing {

// Paths baked in by CMake.
std::filesystem::path source_dir();
std::filesystem::path fixtures_dir();        // tests/fixtures
std::filesystem::path shared_dir();          // ../shared
std::filesystem::path advisory_db_dir();     // ../shared/data/advisory-db
std::filesystem::path cratescope_binary();
std::string read_text(const std::filesystem::path& path);  // throws on failure
// Where scan tests keep compiled pattern databases (shared by the test
// processes of one run: compiling them under the sanitizers takes seconds).
std::filesystem::path scan_cache_dir();

// Runs a command through /bin/sh, capturing stdout (stderr when merge_stderr).
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult run_command(const std::string& command, bool merge_stderr = false);
// `text` in single quotes for /bin/sh.
std::string shell_quote(const std::string& text);
// A cargo to check against (PATH, $HOME/.cargo/bin, /root/.cargo/bin); empty when there is none.
std::string find_cargo();
// Checks a SARIF file against the SARIF 2.1.0 schema (tests/support/validate_sarif.js).
CommandResult validate_sarif(const std::filesystem::path& file);

}  // namespace cratescope::testing
