#include "sources/crate_archive.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace cratescope::sources {

namespace {

// Writes into a directory we created, so no symlink can be in the way; still
// O_EXCL | O_NOFOLLOW, and fixed modes: nothing executable, no setuid.
class DiskSink final : public EntrySink {
 public:
  explicit DiskSink(std::filesystem::path base) : base_(std::move(base)) {}
  ~DiskSink() override {
    if (fd_ >= 0) ::close(fd_);
  }

  std::optional<std::string> add_directory(const std::string& top, const std::string& relative) override {
    std::error_code ec;
    auto dir = base_ / top / relative;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create " + dir.string() + ": " + ec.message();
    return std::nullopt;
  }

  std::optional<std::string> begin_file(const std::string& top, const std::string& relative) override {
    path_ = base_ / top / relative;
    std::error_code ec;
    std::filesystem::create_directories(path_.parent_path(), ec);
    if (ec) return "cannot create " + path_.parent_path().string() + ": " + ec.message();
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0) return "cannot create " + path_.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }

  std::optional<std::string> write(const char* data, size_t size) override {
    while (size > 0) {
      ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return "cannot write " + path_.string() + ": " + std::strerror(errno);
      data += n;
      size -= static_cast<size_t>(n);
    }
    return std::nullopt;
  }

  std::optional<std::string> end_file() override {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return "cannot write " + path_.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }

 private:
  std::filesystem::path base_, path_;
  int fd_ = -1;
};

// Unpacks into a fresh temporary directory; on failure the directory goes,
// with whatever was written.
template <class Read>
Expected<std::pair<TempDirectory, ArchiveSummary>> unpack(const std::filesystem::path& temp_parent, Read read) {
  auto dir = TempDirectory::create(temp_parent);
  if (!dir) return unexpected(dir.error());
  DiskSink sink(dir->path());
  auto summary = read(sink);
  if (!summary) return unexpected(summary.error());
  return std::pair(std::move(*dir), std::move(*summary));
}

}  // namespace

CrateArchive::CrateArchive(TempDirectory dir, ArchiveSummary summary)
    : dir_(std::move(dir)), summary_(std::move(summary)), root_(dir_.path() / summary_.top) {}

Expected<CrateArchive> CrateArchive::extract(const std::filesystem::path& crate_file, const ArchiveLimits& limits,
                                             const std::filesystem::path& temp_parent) {
  std::string top = crate_top_from_file_name(crate_file);
  if (top.empty()) return unexpected(crate_file.string() + ": not a .crate file name (name-version.crate)");
  auto parts = unpack(temp_parent, [&](EntrySink& sink) { return read_crate_file(crate_file, top, limits, sink); });
  if (!parts) return unexpected(parts.error());
  return CrateArchive(std::move(parts->first), std::move(parts->second));
}

Expected<CrateArchive> CrateArchive::extract_bytes(std::string_view bytes, const std::string& origin,
                                                   const std::string& expected_top, const ArchiveLimits& limits,
                                                   const std::filesystem::path& temp_parent) {
  auto parts = unpack(temp_parent,
                      [&](EntrySink& sink) { return read_crate_bytes(bytes, origin, expected_top, limits, sink); });
  if (!parts) return unexpected(parts.error());
  return CrateArchive(std::move(parts->first), std::move(parts->second));
}

}  // namespace cratescope::sources
