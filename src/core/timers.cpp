#include "core/timers.hpp"

#include <fmt/format.h>

namespace cratescope {

void Timers::add(const std::string& name, double seconds) {
  std::lock_guard lock(mutex_);
  for (auto& e : entries_) {
    if (e.name == name) {
      e.seconds += seconds;
      return;
    }
  }
  entries_.push_back({name, seconds});
}

std::vector<Timers::Entry> Timers::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

std::string Timers::format() const {
  std::string out;
  for (auto& e : entries()) out += fmt::format("{:>10.3f} ms  {}\n", e.seconds * 1000.0, e.name);
  return out;
}

}  // namespace cratescope
