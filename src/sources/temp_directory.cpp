#include "sources/temp_directory.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

namespace cratescope::sources {

Expected<TempDirectory> TempDirectory::create(const std::filesystem::path& parent) {
  std::error_code ec;
  std::filesystem::path base = parent.empty() ? std::filesystem::temp_directory_path(ec) : parent;
  if (ec) base = "/tmp";
  std::string pattern = (base / "cratescope-crate-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!mkdtemp(buffer.data()))
    return unexpected("cannot create a temporary directory under " + base.string() + ": " + std::strerror(errno));
  return TempDirectory(std::filesystem::path(buffer.data()));
}

TempDirectory::TempDirectory(TempDirectory&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

TempDirectory& TempDirectory::operator=(TempDirectory&& other) noexcept {
  if (this != &other) {
    remove();
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

TempDirectory::~TempDirectory() { remove(); }

void TempDirectory::remove() {
  if (path_.empty()) return;
  std::error_code ec;  // best effort: a destructor cannot report
  std::filesystem::remove_all(path_, ec);
  path_.clear();
}

}  // namespace cratescope::sources
