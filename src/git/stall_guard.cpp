#include "git/stall_guard.hpp"

#include <algorithm>

namespace cratescope::git {

namespace {

// SIGUSR1 is not used otherwise; its handler only has to exist.
constexpr int kInterruptSignal = SIGUSR1;
void interrupted(int) {}
// How often a stalled transfer is interrupted again (the signal may land
// between two blocking calls).
constexpr std::chrono::milliseconds kRepeat{100};

}  // namespace

StallGuard::StallGuard(std::chrono::milliseconds limit)
    // (At most a year: the deadline must stay within the clock's range.)
    : limit_(std::min<std::chrono::milliseconds>(limit, std::chrono::hours(24 * 365))),
      guarded_(pthread_self()),
      last_progress_(std::chrono::steady_clock::now()) {
  if (limit_.count() <= 0) return;
  struct sigaction action {};
  action.sa_handler = interrupted;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: the blocking call must return
  sigaction(kInterruptSignal, &action, &previous_);
  watcher_ = std::thread([this] { watch_loop(); });
}

StallGuard::~StallGuard() {
  if (!watcher_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  // Joined first: a signal already sent was delivered to this thread on its
  // way back from the join, while the handler is still ours.
  watcher_.join();
  sigaction(kInterruptSignal, &previous_, nullptr);
}

void StallGuard::watch(git_remote_callbacks& callbacks) {
  callbacks.transfer_progress = on_transfer;
  callbacks.sideband_progress = on_sideband;
  callbacks.payload = this;
}

void StallGuard::watch(git_checkout_options& checkout) {
  checkout.progress_cb = on_checkout;
  checkout.progress_payload = this;
}

bool StallGuard::stalled() const {
  std::lock_guard lock(mutex_);
  return stalled_;
}

void StallGuard::progressed() {
  std::lock_guard lock(mutex_);
  if (!stalled_) last_progress_ = std::chrono::steady_clock::now();
}

void StallGuard::watch_loop() {
  std::unique_lock lock(mutex_);
  while (!done_) {
    auto now = std::chrono::steady_clock::now();
    if (!stalled_ && now - last_progress_ >= limit_) stalled_ = true;
    if (stalled_) {
      pthread_kill(guarded_, kInterruptSignal);
      wake_.wait_for(lock, kRepeat);
    } else {
      wake_.wait_until(lock, last_progress_ + limit_);
    }
  }
}

int StallGuard::on_transfer(const git_indexer_progress*, void* payload) {
  auto* guard = static_cast<StallGuard*>(payload);
  guard->progressed();
  return guard->stalled() ? -1 : 0;
}

int StallGuard::on_sideband(const char*, int, void* payload) {
  auto* guard = static_cast<StallGuard*>(payload);
  guard->progressed();
  return guard->stalled() ? -1 : 0;
}

void StallGuard::on_checkout(const char*, size_t, size_t, void* payload) {
  static_cast<StallGuard*>(payload)->progressed();
}

}  // namespace cratescope::git
