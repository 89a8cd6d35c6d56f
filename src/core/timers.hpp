#pragma once
// Wall-clock time per pass; `--time` prints them.
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace cratescope {

class Timers {
 public:
  struct Entry {
    std::string name;
    double seconds;
  };
  class Scope {
   public:
    Scope(Timers& timers, std::string name) : timers_(timers), name_(std::move(name)), start_(std::chrono::steady_clock::now()) {}
    ~Scope() {
      timers_.add(name_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Timers& timers_;
    std::string name_;
    std::chrono::steady_clock::time_point start_;
  };

  Scope scope(std::string name) { return Scope(*this, std::move(name)); }
  void add(const std::string& name, double seconds);
  std::vector<Entry> entries() const;
  std::string format() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace cratescope
