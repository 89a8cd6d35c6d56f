// `db update` against a local upstream repository (no network in tests).
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "advisory/database.hpp"
#include "advisory/update.hpp"
#include "advisory_test_support.hpp"

namespace cratescope::advisory {
namespace {

namespace stdfs = std::filesystem;
using test::advisory_fixtures;
using test::TempDir;

class Upstream {
 public:
  explicit Upstream(const stdfs::path& path) : path_(path) {
    stdfs::create_directories(path_ / "crates/good-a");
    stdfs::copy_file(advisory_fixtures() / "db/crates/good-a/RUSTSEC-2099-0001.md",
                     path_ / "crates/good-a/RUSTSEC-2099-0001.md");
    EXPECT_EQ(git("init -q -b main"), 0);
    commit("first advisory");
  }
  int git(const std::string& args) {
    return testing::run_command("git -C '" + path_.string() + "' -c user.name=t -c user.email=t@example.com " + args,
                                true)
        .exit_code;
  }
  void commit(const std::string& message) {
    EXPECT_EQ(git("add -A"), 0);
    EXPECT_EQ(git("commit -q -m '" + message + "'"), 0);
  }
  std::string head() {
    return testing::run_command("git -C '" + path_.string() + "' rev-parse HEAD").output.substr(0, 40);
  }
  const stdfs::path& path() const { return path_; }

 private:
  stdfs::path path_;
};

// Accepts connections (the kernel completes them from the backlog) and never
// answers: a fetch from it blocks in recv until something gives up.
class SilentServer {
 public:
  SilentServer() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&address), size), 0);
    EXPECT_EQ(listen(fd_, 8), 0);
    EXPECT_EQ(getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size), 0);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/advisory-db.git"; }

 private:
  int fd_;
  int port_ = 0;
};

struct Fixture {
  RealFileSystem files;
  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers, 0};
};

TEST(DatabaseUpdate, ClonesThenFastForwards) {
  TempDir dir("update");
  Upstream upstream(dir.path() / "upstream");
  const stdfs::path local = dir.path() / "home/.cargo/advisory-db";
  Fixture f;

  auto cloned = update_database(local, upstream.path().string(), f.ctx);
  ASSERT_TRUE(cloned.has_value()) << cloned.error();
  EXPECT_TRUE(cloned->cloned);
  EXPECT_EQ(cloned->new_commit, upstream.head());
  EXPECT_FALSE(cloned->new_commit_date.empty());
  EXPECT_TRUE(stdfs::is_regular_file(local / "crates/good-a/RUSTSEC-2099-0001.md"));
  EXPECT_NE(cloned->to_string().find("fetched the advisory database"), std::string::npos);

  // Up to date: nothing changes.
  auto same = update_database(local, upstream.path().string(), f.ctx);
  ASSERT_TRUE(same.has_value()) << same.error();
  EXPECT_FALSE(same->cloned);
  EXPECT_FALSE(same->changed());
  EXPECT_NE(same->to_string().find("up to date"), std::string::npos);

  // Upstream publishes a new advisory.
  const std::string old_head = upstream.head();
  stdfs::create_directories(upstream.path() / "rust/std");
  stdfs::copy_file(advisory_fixtures() / "db/rust/std/CVE-2099-0001.md", upstream.path() / "rust/std/CVE-2099-0001.md");
  upstream.commit("second advisory");
  auto updated = update_database(local, "file://" + upstream.path().string(), f.ctx);
  ASSERT_TRUE(updated.has_value()) << updated.error();
  EXPECT_TRUE(updated->changed());
  EXPECT_EQ(updated->old_commit, old_head);
  EXPECT_EQ(updated->new_commit, upstream.head());
  EXPECT_NE(updated->to_string().find(" -> "), std::string::npos);
  EXPECT_TRUE(stdfs::is_regular_file(local / "rust/std/CVE-2099-0001.md"));

  // The updated checkout loads, with its commit.
  auto db = load_database(local, LoadOptions{}, f.ctx);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->advisories.size(), 2u);
  EXPECT_EQ(db->info.commit, upstream.head());
}

TEST(DatabaseUpdate, LocalEditsAreReplacedByUpstream) {
  TempDir dir("update-reset");
  Upstream upstream(dir.path() / "upstream");
  const stdfs::path local = dir.path() / "db";
  Fixture f;
  ASSERT_TRUE(update_database(local, upstream.path().string(), f.ctx).has_value());
  std::ofstream(local / "crates/good-a/RUSTSEC-2099-0001.md") << "edited locally";
  auto updated = update_database(local, upstream.path().string(), f.ctx);
  ASSERT_TRUE(updated.has_value()) << updated.error();
  EXPECT_NE(testing::read_text(local / "crates/good-a/RUSTSEC-2099-0001.md").find("RUSTSEC-2099-0001"), std::string::npos);
}

TEST(DatabaseUpdate, OfflineCloneFailsFastWithAClearMessage) {
  TempDir dir("update-offline");
  Fixture f;
  const auto start = std::chrono::steady_clock::now();
  auto result = update_database(dir.path() / "db", "https://127.0.0.1:9/x.git", f.ctx);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("cannot reach https://127.0.0.1:9/x.git (offline?)"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("no advisory database at"), std::string::npos) << result.error();
  EXPECT_FALSE(stdfs::exists(dir.path() / "db"));
  EXPECT_LT(seconds, 10.0);
}

TEST(DatabaseUpdate, OfflineFetchKeepsTheExistingDatabase) {
  TempDir dir("update-offline-existing");
  Upstream upstream(dir.path() / "upstream");
  const stdfs::path local = dir.path() / "db";
  Fixture f;
  auto cloned = update_database(local, upstream.path().string(), f.ctx);
  ASSERT_TRUE(cloned.has_value()) << cloned.error();

  auto result = update_database(local, "https://127.0.0.1:9/x.git", f.ctx);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("cannot reach https://127.0.0.1:9/x.git (offline?)"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("the existing database at " + local.string() + " (commit " +
                                cloned->new_commit.substr(0, 12)),
            std::string::npos)
      << result.error();
  EXPECT_NE(result.error().find("is still used"), std::string::npos);
  // The checkout still works and still tracks its origin.
  auto again = update_database(local, upstream.path().string(), f.ctx);
  ASSERT_TRUE(again.has_value()) << again.error();
  EXPECT_FALSE(again->changed());
}

// libgit2 1.5 has no server timeout of its own: without the stall guard
// these two block for ever (and ctest's timeout fails them).
TEST(DatabaseUpdate, ASilentServerFailsTheCloneAfterTheTimeout) {
  TempDir dir("update-silent");
  SilentServer server;
  Fixture f;
  auto result = update_database(dir.path() / "db", server.url(), f.ctx, std::chrono::seconds(1));
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("cannot fetch " + server.url() + ": no data from the server for 1 s (see --timeout)"),
            std::string::npos)
      << result.error();
  EXPECT_NE(result.error().find("no advisory database at"), std::string::npos) << result.error();
  EXPECT_FALSE(stdfs::exists(dir.path() / "db"));
}

TEST(DatabaseUpdate, ASilentServerFailsTheFetchAndKeepsTheDatabase) {
  TempDir dir("update-silent-existing");
  Upstream upstream(dir.path() / "upstream");
  const stdfs::path local = dir.path() / "db";
  Fixture f;
  ASSERT_TRUE(update_database(local, upstream.path().string(), f.ctx).has_value());
  SilentServer server;
  auto result = update_database(local, server.url(), f.ctx, std::chrono::seconds(1));
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("no data from the server for 1 s"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("is still used"), std::string::npos) << result.error();
  // The interrupted fetch left the checkout usable.
  auto again = update_database(local, upstream.path().string(), f.ctx);
  ASSERT_TRUE(again.has_value()) << again.error();
  EXPECT_FALSE(again->changed());
}

TEST(DatabaseUpdate, RefusesADirectoryThatIsNotACheckout) {
  TempDir dir("update-not-git");
  std::ofstream(dir.path() / "something") << "x";
  Fixture f;
  auto result = update_database(dir.path(), "https://127.0.0.1:9/x.git", f.ctx);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("is not a git checkout"), std::string::npos) << result.error();
}

TEST(DatabaseUpdate, MissingUpstreamRepository) {
  TempDir dir("update-missing");
  Fixture f;
  auto result = update_database(dir.path() / "db", (dir.path() / "no-such-repo").string(), f.ctx);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().find("no advisory database at"), std::string::npos) << result.error();
}

}  // namespace
}  // namespace cratescope::advisory
