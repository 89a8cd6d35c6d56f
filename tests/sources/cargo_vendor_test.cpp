// `cargo vendor` output, checked by cratescope as Cargo checks it, against
// cargo itself: a fresh vendor/ is analysed; once a vendored file changes,
// cratescope refuses the package and cargo refuses to build it, both naming
// the same two sums. Needs cargo and Debian's crate corpus (skipped without).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/test_support.hpp"

using namespace cratescope::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kRegistry = "/usr/share/cargo/registry";

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The capabilities JSON entry of `name`.
nlohmann::json package_entry(const fs::path& project, const std::string& name) {
  CommandResult run = run_command(shell_quote(cratescope_binary().string()) + " capabilities " +
                                  shell_quote(project.string()) + " -f json -q");
  auto json = nlohmann::json::parse(run.output, nullptr, false);
  if (!json.is_object()) return {{"error", run.output}};
  for (const auto& p : json["packages"])
    if (p["name"] == name) return p;
  return {{"error", "no " + name + " in " + run.output}};
}

}  // namespace

TEST(CargoVendor, CargoAndCratescopeRefuseAChangedVendoredFileWithTheSameSums) {
  const std::string cargo = find_cargo();
  if (cargo.empty()) GTEST_SKIP() << "cargo not found (PATH, $HOME/.cargo/bin, /root/.cargo/bin)";
  if (!fs::is_directory(kRegistry / "itoa-1.0.1"))
    GTEST_SKIP() << "itoa 1.0.1 is not in " << kRegistry << " (run ../shared/scripts/install-crate-corpus.sh)";

  const fs::path work = fs::path(::testing::TempDir()) / ("cratescope-cargo-vendor-" + std::to_string(getpid()));
  fs::remove_all(work);
  write(work / "Cargo.toml", "[package]\nname = \"vendor-probe\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n"
                             "[dependencies]\nitoa = \"=1.0.1\"\n");
  write(work / "src/main.rs", "fn main() {\n    println!(\"{}\", itoa::Buffer::new().format(7));\n}\n");
  write(work / "home/config.toml", "[source.crates-io]\nreplace-with = \"debian\"\n\n[source.debian]\ndirectory = \"" +
                                       kRegistry.string() + "\"\n\n[net]\noffline = true\n");
  const std::string in_work = "cd " + shell_quote(work.string()) + " && CARGO_HOME=" +
                              shell_quote((work / "home").string()) + " " + shell_quote(cargo);
  CommandResult vendored = run_command(in_work + " generate-lockfile --offline && " + in_work +
                                           " vendor --offline --locked --respect-source-config vendor",
                                       true);
  ASSERT_EQ(vendored.exit_code, 0) << vendored.output;
  ASSERT_TRUE(fs::is_regular_file(work / "vendor/itoa/.cargo-checksum.json")) << vendored.output;

  nlohmann::json fresh = package_entry(work, "itoa");
  EXPECT_NE(fresh.value("status", ""), "unknown") << fresh.dump();
  EXPECT_FALSE(fresh.contains("reason")) << fresh.dump();

  std::ofstream(work / "vendor/itoa/src/lib.rs", std::ios::app) << "// changed after vendoring\n";
  nlohmann::json changed = package_entry(work, "itoa");
  EXPECT_EQ(changed.value("status", ""), "unknown") << changed.dump();
  const std::string reason = changed.value("reason", "");
  std::smatch sums;
  ASSERT_TRUE(std::regex_search(reason, sums, std::regex("src/lib.rs has changed \\(listed ([0-9a-f]{64}), now ([0-9a-f]{64})\\)")))
      << reason;

  // Cargo, building from that vendor/ as `cargo vendor` tells users to, stops
  // before compiling anything, with the same sums.
  write(work / ".cargo/config.toml",
        "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n[source.vendored-sources]\ndirectory = \"vendor\"\n");
  CommandResult built = run_command(in_work + " check -p itoa --offline --target-dir " +
                                        shell_quote((work / "target").string()),
                                    true);
  EXPECT_NE(built.exit_code, 0) << built.output;
  EXPECT_NE(built.output.find("the listed checksum of `" + (work / "vendor/itoa/src/lib.rs").string() + "` has changed"),
            std::string::npos)
      << built.output;
  EXPECT_NE(built.output.find("expected: " + sums[1].str()), std::string::npos) << built.output;
  EXPECT_NE(built.output.find("actual:   " + sums[2].str()), std::string::npos) << built.output;
  fs::remove_all(work);
}
