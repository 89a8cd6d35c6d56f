#pragma once
// A network transfer that gives up when the server goes silent.
//
// libgit2 1.5 (Debian bookworm's) has no server timeouts
// (GIT_OPT_SET_SERVER_TIMEOUT came in 1.7): a server that accepts the
// connection and then sends nothing, or a host that drops the SYN, blocks a
// clone or fetch for ever. A StallGuard watches the transfer's progress
// callbacks from a second thread. After `limit` without any, it marks the
// transfer stalled, makes every later callback cancel it, and interrupts the
// guarded thread's blocking call with a signal whose handler does nothing
// (installed without SA_RESTART: recv and connect return EINTR and libgit2
// fails the transfer), again and again until the guard is destroyed.
#include <git2.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <signal.h>
#include <thread>

namespace cratescope::git {

class StallGuard {
 public:
  // Guards the calling thread; a zero limit guards nothing.
  explicit StallGuard(std::chrono::milliseconds limit);
  ~StallGuard();
  StallGuard(const StallGuard&) = delete;
  StallGuard& operator=(const StallGuard&) = delete;

  // Routes a transfer's progress callbacks through this guard.
  void watch(git_remote_callbacks& callbacks);
  // A clone's checkout of the files counts as progress too (it reports no
  // transfer, and may take a while on a slow disk).
  void watch(git_checkout_options& checkout);
  // True once the server was silent for longer than the limit.
  bool stalled() const;
  std::chrono::milliseconds limit() const { return limit_; }

 private:
  void progressed();
  void watch_loop();
  static int on_transfer(const git_indexer_progress* stats, void* payload);
  static int on_sideband(const char* text, int length, void* payload);
  static void on_checkout(const char* path, size_t completed, size_t total, void* payload);

  std::chrono::milliseconds limit_;
  pthread_t guarded_;
  struct sigaction previous_{};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::chrono::steady_clock::time_point last_progress_;
  bool stalled_ = false;
  bool done_ = false;
  std::thread watcher_;
};

}  // namespace cratescope::git
