#pragma once
// Parallel work (TBB) kept to the number of threads a command was given.
#include <tbb/task_arena.h>

#include <cstddef>

namespace cratescope {

// Runs `work`, whose TBB loops then use at most `threads` threads (0: TBB's
// default, every core).
template <class Work>
void with_thread_limit(size_t threads, Work&& work) {
  if (threads == 0) {
    work();
    return;
  }
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute(work);
}

}  // namespace cratescope
