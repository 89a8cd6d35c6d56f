#pragma once
// Hash tables keyed by std::string that can be searched with a string_view
// (C++20 heterogeneous lookup): the hot lookups of name resolution ask for
// pieces of longer paths, and a std::string key per question was an
// allocation and a copy each time.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace cratescope {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringViewHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

}  // namespace cratescope
