#include "advisory/update.hpp"

#include "git/git_support.hpp"
#include "git/stall_guard.hpp"

namespace cratescope::advisory {

namespace {

std::string short_id(const std::string& id) { return id.substr(0, 12); }

std::string describe(const std::string& commit, const std::string& date) {
  return short_id(commit) + (date.empty() ? "" : " (" + date + ")");
}

// Network-level failures get the "offline?" hint; anything else (a bad URL,
// a repository that is not there) is reported as it is.
bool looks_like_network_failure() {
  const git_error* error = git_error_last();
  if (!error) return false;
  return error->klass == GIT_ERROR_NET || error->klass == GIT_ERROR_SSL || error->klass == GIT_ERROR_HTTP ||
         error->klass == GIT_ERROR_SSH || error->klass == GIT_ERROR_OS;
}

std::string fetch_failure(const std::string& url, const std::string& consequence, const git::StallGuard& guard) {
  if (guard.stalled())
    return "cannot fetch " + url + ": no data from the server for " + std::to_string(guard.limit().count() / 1000) +
           " s (see --timeout); " + consequence;
  const bool network = looks_like_network_failure();
  return std::string(network ? "cannot reach " : "cannot fetch ") + url + (network ? " (offline?): " : ": ") +
         git::last_error() + "; " + consequence;
}

Expected<UpdateSummary> clone(const fs::path& path, const std::string& url, std::chrono::seconds timeout,
                              UpdateSummary summary) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  git_clone_options options = GIT_CLONE_OPTIONS_INIT;
  options.checkout_opts.checkout_strategy = GIT_CHECKOUT_SAFE;
  git::StallGuard guard(timeout);
  guard.watch(options.fetch_opts.callbacks);
  guard.watch(options.checkout_opts);
  git::Repository repository;
  if (git_clone(repository.out(), url.c_str(), path.c_str(), &options) != 0) {
    std::string message = fetch_failure(url, "there is no advisory database at " + path.string() + " yet", guard);
    // libgit2 removes what it created; make sure no empty directory is left
    // behind to be mistaken for a checkout next time.
    if (fs::is_directory(path, ec) && fs::is_empty(path, ec)) fs::remove(path, ec);
    return unexpected(std::move(message));
  }
  auto head = git::head_commit(repository.get());
  if (!head) return unexpected("cloned " + url + " into " + path.string() + " but cannot read its HEAD: " + git::last_error());
  summary.cloned = true;
  summary.new_commit = head->id;
  summary.new_commit_date = head->date;
  return summary;
}

// The commit the remote's main branch points at after the fetch.
bool fetched_tip(git_repository* repository, git_oid* tip) {
  for (const char* ref : {"refs/remotes/origin/main", "refs/remotes/origin/HEAD", "refs/remotes/origin/master"})
    if (git_reference_name_to_id(tip, repository, ref) == 0) return true;
  return false;
}

Expected<UpdateSummary> fetch_and_reset(const fs::path& path, const std::string& url, std::chrono::seconds timeout,
                                        UpdateSummary summary) {
  git::Repository repository;
  if (!git::open_repository(repository, path))
    return unexpected(path.string() + " exists but is not a git checkout of the advisory database (" + git::last_error() +
                      "); remove it or choose another path");
  if (auto head = git::head_commit(repository.get())) {
    summary.old_commit = head->id;
    summary.old_commit_date = head->date;
  }

  // Fetch from `url` without touching the checkout's configured remotes, into
  // refs/remotes/origin/* (where a clone keeps them).
  git::Remote remote;
  if (git_remote_create_anonymous(remote.out(), repository.get(), url.c_str()) != 0)
    return unexpected("invalid advisory database URL " + url + ": " + git::last_error());
  char refspec[] = "+refs/heads/*:refs/remotes/origin/*";
  char* refspecs[] = {refspec};
  const git_strarray refspec_list = {refspecs, 1};
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  {  // guarded: the transfer only (the reset below reports no progress)
    git::StallGuard guard(timeout);
    guard.watch(options.callbacks);
    if (git_remote_fetch(remote.get(), &refspec_list, &options, "cratescope db update") != 0) {
      std::string existing = "the existing database at " + path.string();
      if (!summary.old_commit.empty())
        existing += " (commit " + describe(summary.old_commit, summary.old_commit_date) + ")";
      return unexpected(fetch_failure(url, existing + " is still used", guard));
    }
  }

  git_oid tip;
  if (!fetched_tip(repository.get(), &tip))
    return unexpected("fetched " + url + " but it has no main branch (refs/remotes/origin/main)");
  git::Object target;
  if (git_object_lookup(target.out(), repository.get(), &tip, GIT_OBJECT_COMMIT) != 0)
    return unexpected("cannot read the fetched commit: " + git::last_error());
  git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
  checkout.checkout_strategy = GIT_CHECKOUT_FORCE;
  // A hard reset is a fast-forward when the checkout is behind, and also
  // recovers from local edits or upstream history rewrites, like cargo-audit.
  if (git_reset(repository.get(), target.get(), GIT_RESET_HARD, &checkout) != 0)
    return unexpected("cannot move " + path.string() + " to the fetched commit: " + git::last_error());

  auto head = git::head_commit(repository.get());
  if (!head) return unexpected("updated " + path.string() + " but cannot read its HEAD: " + git::last_error());
  summary.new_commit = head->id;
  summary.new_commit_date = head->date;
  return summary;
}

}  // namespace

std::string UpdateSummary::to_string() const {
  if (cloned) return "fetched the advisory database into " + path + ": " + describe(new_commit, new_commit_date);
  if (!changed()) return "advisory database at " + path + " is up to date: " + describe(new_commit, new_commit_date);
  return "advisory database at " + path + " updated: " + describe(old_commit, old_commit_date) + " -> " +
         describe(new_commit, new_commit_date);
}

Expected<UpdateSummary> update_database(const fs::path& path, const std::string& url, Context& ctx,
                                        std::chrono::seconds timeout) {
  auto timer = ctx.timers.scope("update advisory db");
  git::Library library;
  UpdateSummary summary;
  summary.path = path.string();
  summary.url = url;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists || (fs::is_directory(path, ec) && fs::is_empty(path, ec))) return clone(path, url, timeout, std::move(summary));
  return fetch_and_reset(path, url, timeout, std::move(summary));
}

Expected<UpdateSummary> update_database(const fs::path& path, Context& ctx) {
  return update_database(path, kDefaultDatabaseUrl, ctx);
}

}  // namespace cratescope::advisory
