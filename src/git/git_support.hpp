#pragma once
// Small RAII helpers over libgit2, shared by the advisory database (its
// checkout's HEAD, `db update`) and the scanner (a package against its
// repository).
#include <git2.h>

#include <optional>
#include <string>

#include "core/file_system.hpp"

namespace cratescope::git {

// libgit2 is reference-counted: every user holds one of these while working.
class Library {
 public:
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

template <class T, void (*Free)(T*)>
class Handle {
 public:
  Handle() = default;
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  T** out() { reset(); return &ptr_; }
  T* get() const { return ptr_; }
  explicit operator bool() const { return ptr_ != nullptr; }
  void reset() {
    if (ptr_) Free(ptr_);
    ptr_ = nullptr;
  }

 private:
  T* ptr_ = nullptr;
};

using Repository = Handle<git_repository, git_repository_free>;
using Remote = Handle<git_remote, git_remote_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Object = Handle<git_object, git_object_free>;

// libgit2's message for the last failed call.
std::string last_error();

struct CommitInfo {
  std::string id;    // 40 hex digits
  std::string date;  // ISO 8601 with the committer's UTC offset
};

// The repository exactly at `path` (no search in parent directories, so a
// database inside some other checkout does not report that checkout's HEAD).
bool open_repository(Repository& repository, const fs::path& path);
std::optional<CommitInfo> head_commit(git_repository* repository);
CommitInfo describe_commit(const git_commit* commit);
// HEAD of the checkout at `path`, or nullopt when it is not a git repository.
std::optional<CommitInfo> head_commit_of(const fs::path& path);

}  // namespace cratescope::git
