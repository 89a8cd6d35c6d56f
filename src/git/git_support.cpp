#include "git/git_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace cratescope::git {

std::string last_error() {
  const git_error* error = git_error_last();
  return error && error->message ? std::string(error->message) : std::string("unknown libgit2 error");
}

bool open_repository(Repository& repository, const fs::path& path) {
  return git_repository_open_ext(repository.out(), path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) == 0;
}

CommitInfo describe_commit(const git_commit* commit) {
  CommitInfo info;
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, git_commit_id(commit));
  info.id = hex;

  const int offset_minutes = git_commit_time_offset(commit);
  const std::time_t local = static_cast<std::time_t>(git_commit_time(commit)) + offset_minutes * 60;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char date[96];
  std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, offset_minutes < 0 ? '-' : '+',
                std::abs(offset_minutes) / 60, std::abs(offset_minutes) % 60);
  info.date = date;
  return info;
}

std::optional<CommitInfo> head_commit(git_repository* repository) {
  git_oid oid;
  if (git_reference_name_to_id(&oid, repository, "HEAD") != 0) return std::nullopt;
  Commit commit;
  if (git_commit_lookup(commit.out(), repository, &oid) != 0) return std::nullopt;
  return describe_commit(commit.get());
}

std::optional<CommitInfo> head_commit_of(const fs::path& path) {
  // Initialising libgit2 costs milliseconds; a plain directory needs none of it.
  std::error_code ec;
  if (!fs::exists(path / ".git", ec) && !fs::exists(path / "HEAD", ec)) return std::nullopt;
  Library library;
  Repository repository;
  if (!open_repository(repository, path)) return std::nullopt;
  return head_commit(repository.get());
}

}  // namespace cratescope::git
