// Negative fixtures from the real world: popular crates from Debian's corpus
// that legitimately use the network, processes, build scripts running
// pkg-config/cc/cmake, base64 and hex, credentials files (cargo) and TLS
// options. Each must come out clean. (The whole corpus is measured by
// bench/scan_bench.sh.)
#include <gtest/gtest.h>

#include "core/context.hpp"
#include "scan/crate_scan.hpp"
#include "support/test_support.hpp"

namespace cratescope::scan {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = "/usr/share/cargo/registry";

// name-version directories, whatever version the corpus holds.
fs::path corpus_crate(const std::string& name) {
  std::error_code ec;
  for (fs::directory_iterator it(kCorpus, ec), end; !ec && it != end; it.increment(ec)) {
    std::string entry = it->path().filename().string();
    if (entry.size() > name.size() + 1 && entry.starts_with(name + "-") && std::isdigit(static_cast<unsigned char>(entry[name.size() + 1])))
      return it->path();
  }
  return {};
}

TEST(RealCrates, HonestCorpusCratesThatLookLikeMalwareAreClean) {
  if (!fs::exists(kCorpus / "cc-1.0.73")) GTEST_SKIP() << "Debian's crate corpus is not installed (scripts/setup.sh installs it)";
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context context{files, diagnostics, timers, 1};
  // The shipped popular list: typosquat checks included.
  static const ScanRules rules(PopularCrates::shipped(), nullptr, testing::scan_cache_dir());
  size_t scanned = 0;
  for (std::string name : {"cc", "pkg-config", "cmake", "bindgen", "curl-sys", "openssl-sys", "libgit2-sys", "curl",
                           "ureq", "hyper", "isahc", "native-tls", "rustls", "base64", "hex", "data-encoding", "duct",
                           "subprocess", "which", "home", "dirs", "dotenv", "cargo", "crates-io", "git2", "zip", "tar"}) {
    fs::path dir = corpus_crate(name);
    if (dir.empty()) continue;
    ++scanned;
    CrateScan scan = scan_crate(context, rules, dir.string());
    std::string reasons;
    for (const auto& reason : scan.reasons) reasons += "\n  " + reason;
    EXPECT_EQ(scan.verdict, Verdict::clean) << dir << reasons;
  }
  EXPECT_GE(scanned, 20u);
}

}  // namespace
}  // namespace cratescope::scan
