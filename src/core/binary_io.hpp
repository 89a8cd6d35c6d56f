#pragma once
// Little binary formats of cratescope's caches: a writer, and a reader whose
// every read is bounds-checked (after the first failure all reads fail and
// return zeros), so that a damaged file can only be rejected, never crash.
// Native byte order: the caches never leave the machine that wrote them.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cratescope {

class BinaryWriter {
 public:
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { raw(&v, sizeof v); }
  void u64(uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void strings(const std::vector<std::string>& list) {
    u32(static_cast<uint32_t>(list.size()));
    for (const std::string& s : list) str(s);
  }
  template <class Pairs>  // any container of pairs of strings (a map too)
  void string_pairs(const Pairs& list) {
    u32(static_cast<uint32_t>(list.size()));
    for (const auto& [a, b] : list) {
      str(a);
      str(b);
    }
  }
  void append(std::string_view bytes) { out_.append(bytes); }
  std::string& bytes() { return out_; }

 private:
  void raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  void fail() { ok_ = false; }

  uint8_t u8() { return read<uint8_t>(); }
  uint32_t u32() { return read<uint32_t>(); }
  uint64_t u64() { return read<uint64_t>(); }
  double f64() { return read<double>(); }
  std::string str() {
    uint32_t n = u32();
    if (!ok_ || n > in_.size() - pos_) return fail(), std::string();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // A count of items that each take at least `min_item_bytes`: rejects counts
  // the remaining bytes cannot hold, before anything is allocated.
  uint32_t count(size_t min_item_bytes) {
    uint32_t n = u32();
    if (ok_ && static_cast<uint64_t>(n) * min_item_bytes > in_.size() - pos_) fail();
    return ok_ ? n : 0;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> list(count(4));
    for (std::string& s : list) s = str();
    return list;
  }
  std::vector<std::pair<std::string, std::string>> string_pairs() {
    std::vector<std::pair<std::string, std::string>> list(count(8));
    for (auto& [a, b] : list) {
      a = str();
      b = str();
    }
    return list;
  }

 private:
  template <class T>
  T read() {
    T v{};
    if (!ok_ || sizeof v > in_.size() - pos_) {
      ok_ = false;
      return T{};
    }
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace cratescope
