#include "core/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>

namespace cratescope {

Expected<bool> write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return unexpected("cannot create " + file.parent_path().string() + ": " + ec.message());
  // Unique per process and per call: threads may write the same file at once.
  static std::atomic<unsigned> counter = 0;
  fs::path temporary = file;
  temporary += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(temporary, ec);
      return unexpected("cannot write " + temporary.string());
    }
  }
  fs::rename(temporary, file, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return unexpected("cannot write " + file.string() + ": " + ec.message());
  }
  return true;
}

}  // namespace cratescope
