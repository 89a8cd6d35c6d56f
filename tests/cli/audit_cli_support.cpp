#include "cli/audit_cli_support.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

namespace cratescope::testing {

std::filesystem::path project_fixture(const std::string& name) { return fixtures_dir() / "projects" / name; }

static std::string quote(const std::string& text) { return "'" + text + "'"; }

CommandResult run_cratescope(const std::string& arguments) {
  return run_command(quote(cratescope_binary().string()) + " " + arguments, true);
}

AuditRun run_audit_json(const std::filesystem::path& project, const std::string& extra, const std::string& environment,
                        Reachability reachability) {
  std::string err_file = ::testing::TempDir() + "/cratescope_stderr_" + std::to_string(getpid());
  auto result = run_command(environment + " " + quote(cratescope_binary().string()) + " audit " + quote(project.string()) +
                            " --format json --db " + quote(advisory_db_dir().string()) +
                            " --today 2026-11-24 --no-cache --no-yanked " +
                            (reachability == Reachability::skipped ? "--no-reachability " : "") + extra + " 2>" +
                            quote(err_file));
  AuditRun run;
  run.exit_code = result.exit_code;
  run.stderr_text = read_text(err_file);
  run.report = nlohmann::json::parse(result.output, nullptr, false);
  if (run.report.is_discarded()) return run;
  auto collect = [&](const nlohmann::json& entry) {
    const auto& extra_info = entry["cratescope"];
    std::string key = entry["advisory"].is_object()
                          ? entry["advisory"]["id"].get<std::string>() + " " + entry["package"]["name"].get<std::string>() +
                                " " + entry["package"]["version"].get<std::string>()
                          : "yanked " + entry["package"]["name"].get<std::string>();
    if (!extra_info["ignored_by"].is_null()) run.ignored.insert(key);
    else if (extra_info["applies_to_target"].get<bool>()) run.counted.insert(key);
  };
  for (auto& entry : run.report["vulnerabilities"]["list"]) collect(entry);
  for (auto& [kind, entries] : run.report["warnings"].items())
    for (auto& entry : entries) collect(entry);
  for (auto& entry : run.report["cratescope"]["ignored"]) collect(entry);
  return run;
}

std::string offline_cargo_environment() {
  if (run_command("cargo --version").exit_code != 0 || !std::filesystem::is_directory("/usr/share/cargo/registry"))
    return "";
  auto home = std::filesystem::path(::testing::TempDir()) / "cargo-home";
  std::filesystem::create_directories(home);
  std::ofstream(home / "config.toml") << "[source.crates-io]\nreplace-with = \"debian\"\n"
                                         "[source.debian]\ndirectory = \"/usr/share/cargo/registry\"\n[net]\noffline = true\n";
  return "CARGO_HOME='" + home.string() + "'";
}

}  // namespace cratescope::testing
