#pragma once
// A small std::expected stand-in (C++23's is not in our C++20 toolchain).
// Library code returns Expected<T> instead of throwing or exiting.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace cratescope {

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& e) {
  return {std::forward<E>(e)};
}

template <class T, class E = std::string>
class Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  template <class G>
  Expected(Unexpected<G> e) : state_(std::in_place_index<1>, E(std::move(e.error))) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { assert(has_value()); return std::get<0>(state_); }
  const T& value() const& { assert(has_value()); return std::get<0>(state_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { assert(!has_value()); return std::get<1>(state_); }
  template <class U>
  T value_or(U&& fallback) const { return has_value() ? value() : T(std::forward<U>(fallback)); }

 private:
  std::variant<T, E> state_;
};

}  // namespace cratescope
