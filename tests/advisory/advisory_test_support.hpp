#pragma once
// Helpers shared by the advisory tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "advisory/advisory.hpp"
#include "support/test_support.hpp"

namespace cratescope::advisory::test {

inline std::filesystem::path advisory_fixtures() { return cratescope::testing::fixtures_dir() / "advisories"; }

inline semver::Version version(const char* text) {
  auto v = semver::Version::parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v ? *v : semver::Version();
}

// A fresh, empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    path_ = std::filesystem::temp_directory_path() /
            ("cratescope-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path path_;
};

// Field-by-field equality, with readable failures.
inline void expect_same_advisory(const Advisory& a, const Advisory& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.package, b.package);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.title, b.title) << a.id;
  EXPECT_EQ(a.description, b.description) << a.id;
  EXPECT_EQ(a.categories, b.categories);
  EXPECT_EQ(a.keywords, b.keywords);
  EXPECT_EQ(a.aliases, b.aliases);
  EXPECT_EQ(a.related, b.related);
  EXPECT_EQ(a.references, b.references);
  EXPECT_EQ(a.license, b.license);
  ASSERT_EQ(a.cvss.has_value(), b.cvss.has_value()) << a.id;
  if (a.cvss) {
    EXPECT_EQ(a.cvss->vector, b.cvss->vector);
    EXPECT_EQ(a.cvss->score, b.cvss->score);
    EXPECT_EQ(a.cvss->severity, b.cvss->severity);
    EXPECT_EQ(a.cvss->major_version, b.cvss->major_version);
  }
  EXPECT_EQ(a.informational, b.informational);
  EXPECT_EQ(a.informational_text, b.informational_text);
  EXPECT_EQ(a.withdrawn, b.withdrawn);
  EXPECT_EQ(a.affected_os, b.affected_os);
  EXPECT_EQ(a.affected_arch, b.affected_arch);
  ASSERT_EQ(a.affected_functions.size(), b.affected_functions.size()) << a.id;
  for (size_t i = 0; i < a.affected_functions.size(); ++i) {
    EXPECT_EQ(a.affected_functions[i].path, b.affected_functions[i].path);
    ASSERT_EQ(a.affected_functions[i].versions.size(), b.affected_functions[i].versions.size());
    for (size_t j = 0; j < a.affected_functions[i].versions.size(); ++j)
      EXPECT_EQ(a.affected_functions[i].versions[j].requirement.to_string(),
                b.affected_functions[i].versions[j].requirement.to_string());
  }
  auto texts = [](const std::vector<VersionRange>& ranges) {
    std::vector<std::string> out;
    for (auto& r : ranges) out.push_back(r.text + " => " + r.requirement.to_string());
    return out;
  };
  EXPECT_EQ(texts(a.patched), texts(b.patched)) << a.id;
  EXPECT_EQ(texts(a.unaffected), texts(b.unaffected)) << a.id;
  EXPECT_EQ(a.collection, b.collection);
  EXPECT_EQ(a.file, b.file);
  EXPECT_EQ(a.position, b.position);
}

}  // namespace cratescope::advisory::test
