#include "sources/crate_checksum.hpp"

#include <sodium.h>

#include <array>

#include "core/ascii_text.hpp"

namespace cratescope::sources {

std::string sha256_hex(std::string_view bytes) {
  static const bool ready = sodium_init() >= 0;  // once, before any other call (thread-safe)
  (void)ready;
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), digest.size() * 2);
}

bool is_sha256_hex(std::string_view checksum) {
  return checksum.size() == crypto_hash_sha256_BYTES * 2 && is_hex_digits(checksum);
}

bool same_sha256(std::string_view a, std::string_view b) {
  return is_sha256_hex(a) && is_sha256_hex(b) && ascii_lower(std::string(a)) == ascii_lower(std::string(b));
}

std::optional<std::string> crate_checksum_mismatch(std::string_view bytes, const std::string& crate_file,
                                                   const std::string& package, std::string_view locked) {
  if (!is_sha256_hex(locked)) return std::nullopt;
  std::string actual = sha256_hex(bytes);
  if (same_sha256(actual, locked)) return std::nullopt;
  std::string expected = ascii_lower(std::string(locked));
  return crate_file + ": sha256 " + actual + ", but Cargo.lock pins " + expected + " for " + package +
         ": this is not the .crate the lockfile names (tampered with or corrupt), so it is not analysed";
}

}  // namespace cratescope::sources
