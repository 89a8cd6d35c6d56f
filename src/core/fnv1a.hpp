#pragma once
// 64-bit FNV-1a: cache keys, file checksums and report fingerprints. It
// identifies; it does not protect.
#include <cstdint>
#include <string>
#include <string_view>

namespace cratescope {

inline constexpr uint64_t kFnv1aSeed = 0xcbf29ce484222325ull;

inline uint64_t fnv1a(std::string_view bytes, uint64_t seed = kFnv1aSeed) {
  uint64_t hash = seed;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// 16 lower-case hex digits.
inline std::string hex64(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<size_t>(i)] = kDigits[value & 0xf];
  return out;
}

}  // namespace cratescope
