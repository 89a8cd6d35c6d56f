#include "core/file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>
#include <system_error>

namespace cratescope {

// One open, one fstat and plain reads: the model reads every source file of
// a corpus, and the stat calls and stream buffer of <fstream> were a
// measurable share of its time.
Expected<std::string> RealFileSystem::read_file(const fs::path& path, size_t max_bytes) const {
  // O_NONBLOCK: opening a FIFO for reading would wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return unexpected(path.string() + ": " + std::strerror(errno));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return unexpected(path.string() + ": " + std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return unexpected(path.string() + ": is a directory");
  if (!S_ISREG(info.st_mode)) return unexpected(path.string() + ": not a regular file (a device, FIFO or socket)");
  auto size = static_cast<uintmax_t>(info.st_size);
  if (size > max_bytes)
    return unexpected(path.string() + ": file is too large (" + std::to_string(size) + " bytes, limit " +
                      std::to_string(max_bytes) + ")");
  std::string data(static_cast<size_t>(size), '\0');
  size_t done = 0;
  while (done < data.size()) {
    ssize_t got = ::read(fd, data.data() + done, data.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return unexpected(path.string() + ": " + std::strerror(errno));
    if (got == 0) break;  // the file shrank while we read it
    done += static_cast<size_t>(got);
  }
  data.resize(done);
  return data;
}

bool RealFileSystem::is_file(const fs::path& path) const {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

bool RealFileSystem::is_directory(const fs::path& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::vector<fs::path> RealFileSystem::list_directory(const fs::path& dir) const {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<fs::path> RealFileSystem::symlink_target(const fs::path& path) const {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return std::nullopt;
  fs::path target = fs::read_symlink(path, ec);
  return ec ? fs::path() : target;
}

static std::string key(const fs::path& path) {
  std::string s = path.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

void MemoryFileSystem::add_file(const fs::path& path, std::string contents) { files_[key(path)] = std::move(contents); }

void MemoryFileSystem::add_symlink(const fs::path& link, const fs::path& target) { symlinks_[key(link)] = target; }

std::optional<fs::path> MemoryFileSystem::symlink_target(const fs::path& path) const {
  auto it = symlinks_.find(key(path));
  if (it == symlinks_.end()) return std::nullopt;
  return it->second;
}

std::string MemoryFileSystem::followed(const fs::path& path) const {
  std::string k = key(path);
  auto link = symlinks_.find(k);
  if (link == symlinks_.end()) return k;
  return key(link->second.is_absolute() ? link->second : fs::path(k).parent_path() / link->second);
}

Expected<std::string> MemoryFileSystem::read_file(const fs::path& path, size_t max_bytes) const {
  auto it = files_.find(followed(path));
  if (it == files_.end()) return unexpected(path.string() + ": No such file or directory");
  if (it->second.size() > max_bytes) return unexpected(path.string() + ": file is too large");
  return it->second;
}

bool MemoryFileSystem::is_file(const fs::path& path) const { return files_.count(followed(path)) > 0; }

bool MemoryFileSystem::is_directory(const fs::path& path) const {
  std::string prefix = key(path) + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<fs::path> MemoryFileSystem::list_directory(const fs::path& dir) const {
  std::string prefix = key(dir) + "/";
  std::set<std::string> names;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    names.insert(prefix + rest.substr(0, rest.find('/')));
  }
  for (auto it = symlinks_.lower_bound(prefix); it != symlinks_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    if (it->first.find('/', prefix.size()) == std::string::npos) names.insert(it->first);
  return {names.begin(), names.end()};
}

}  // namespace cratescope
