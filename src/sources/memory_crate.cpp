#include "sources/memory_crate.hpp"

namespace cratescope::sources {

namespace {

class MemorySink final : public EntrySink {
 public:
  MemorySink(MemoryFileSystem& files, std::filesystem::path mount) : files_(files), mount_(std::move(mount)) {}

  // Directories exist implicitly in a MemoryFileSystem (an empty one is lost).
  std::optional<std::string> add_directory(const std::string&, const std::string&) override { return std::nullopt; }

  std::optional<std::string> begin_file(const std::string& top, const std::string& relative) override {
    path_ = mount_ / top / relative;
    data_.clear();
    return std::nullopt;
  }

  std::optional<std::string> write(const char* data, size_t size) override {
    data_.append(data, size);
    return std::nullopt;
  }

  std::optional<std::string> end_file() override {
    files_.add_file(path_, std::move(data_));
    data_.clear();
    return std::nullopt;
  }

 private:
  MemoryFileSystem& files_;
  std::filesystem::path mount_, path_;
  std::string data_;
};

}  // namespace

Expected<MemoryCrate> read_crate_in_memory(std::string_view bytes, const std::string& origin,
                                           const std::string& expected_top, const ArchiveLimits& limits,
                                           const std::filesystem::path& mount) {
  MemoryCrate crate;
  MemorySink sink(crate.files, mount);
  auto summary = read_crate_bytes(bytes, origin, expected_top, limits, sink);
  if (!summary) return unexpected(summary.error());
  crate.summary = std::move(*summary);
  crate.root = mount / crate.summary.top;
  return crate;
}

}  // namespace cratescope::sources
