#include "sources/crate_reader.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>
#include <system_error>

#include "sources/entry_path.hpp"

namespace cratescope::sources {

namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

// Only what `cargo package` writes: tar (ustar/pax/gnu) in gzip. Fewer
// formats, less libarchive code exposed to hostile input.
ArchivePtr new_reader() {
  ArchivePtr a(archive_read_new());
  if (!a) return a;
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  return a;
}

std::string libarchive_message(archive* a) {
  const char* s = archive_error_string(a);
  return s ? printable(s) : "unknown error";
}

class Walker {
 public:
  Walker(archive* a, std::string origin, std::string expected_top, const ArchiveLimits& limits, EntrySink& sink)
      : a_(a), origin_(std::move(origin)), limits_(limits), sink_(sink) {
    summary_.top = std::move(expected_top);
  }

  Expected<ArchiveSummary> run() {
    for (;;) {
      archive_entry* entry = nullptr;
      int r = archive_read_next_header(a_, &entry);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) return fail("corrupt or truncated archive: " + libarchive_message(a_));
      if (++summary_.entries > limits_.max_entries)
        return fail("too many entries (limit " + std::to_string(limits_.max_entries) + ")");
      if (auto bomb = check_ratio()) return fail(*bomb);
      if (auto error = handle(entry)) return fail(*error);
    }
    if (summary_.files.empty()) return fail("archive holds no files");
    if (!files_.count("Cargo.toml")) warn("no Cargo.toml in '" + printable(summary_.top) + "'");
    return std::move(summary_);
  }

 private:
  Unexpected<std::string> fail(const std::string& message) { return unexpected(origin_ + ": " + message); }
  void warn(const std::string& message) { summary_.warnings.push_back(origin_ + ": " + message); }
  // Skipping is not an error: the rest of the crate can still be read.
  std::optional<std::string> skip(const std::string& raw, const std::string& why) {
    warn("skipped '" + printable(raw) + "': " + why);
    return std::nullopt;
  }

  // Decompressed tar stream vs raw bytes read: catches bombs even in entries
  // we skip (libarchive must inflate them to get past them).
  std::optional<std::string> check_ratio() {
    int64_t raw = archive_filter_bytes(a_, -1), inflated = archive_filter_bytes(a_, 0);
    if (raw <= 0 || inflated < 0 || static_cast<uint64_t>(inflated) < limits_.ratio_floor_bytes) return std::nullopt;
    if (static_cast<uint64_t>(inflated) / static_cast<uint64_t>(raw) <= limits_.max_ratio) return std::nullopt;
    return "compression ratio exceeds " + std::to_string(limits_.max_ratio) + ":1 (a decompression bomb?)";
  }

  std::optional<std::string> handle(archive_entry* entry) {
    const char* name = archive_entry_pathname(entry);
    std::string raw = name ? name : "";
    // Declared sizes count even for entries we skip: libarchive inflates
    // their data to get past it, so they must not be a way around the limits.
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0) {
      auto declared = static_cast<uint64_t>(archive_entry_size(entry));
      if (declared > limits_.max_file_bytes) return too_big(raw);
      declared_ += declared;
      if (declared_ > limits_.max_total_bytes) return too_much();
    }
    EntryPath path = normalize_entry_path(raw);
    if (!path.problem.empty()) return skip(raw, path.problem);
    if (archive_entry_hardlink(entry)) return skip(raw, "hard link");
    auto type = archive_entry_filetype(entry);
    if (type == AE_IFLNK) {
      const char* target = archive_entry_symlink(entry);
      return skip(raw, "symbolic link (to '" + printable(target ? target : "") + "')");
    }
    if (type != AE_IFREG && type != AE_IFDIR) return skip(raw, "device or special file");
    bool is_dir = type == AE_IFDIR;
    // A lone file name cannot be under any top directory, so it never sets it.
    if (summary_.top.empty() && (is_dir || path.components.size() > 1)) summary_.top = path.components.front();
    if (path.components.front() != summary_.top || (!is_dir && path.components.size() == 1))
      return skip(raw, "outside the top directory '" + printable(summary_.top) + "'");
    path.components.erase(path.components.begin());
    std::string relative = path.joined();
    if (auto clash = conflict(path.components, is_dir)) return skip(raw, *clash);
    if (is_dir) {
      mark_parents(path.components, true);
      return sink_.add_directory(summary_.top, relative);
    }
    return copy_file(raw, relative, path.components);
  }

  // Both modes must agree, so clashes a disk would refuse are refused here.
  std::optional<std::string> conflict(const std::vector<std::string>& parts, bool is_dir) {
    std::string prefix;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      prefix += (i ? "/" : "") + parts[i];
      if (files_.count(prefix)) return "a parent directory is a file";
    }
    std::string whole = prefix + (parts.size() > 1 ? "/" : "") + (parts.empty() ? "" : parts.back());
    if (is_dir) return files_.count(whole) ? std::optional<std::string>("a file of the same name exists") : std::nullopt;
    if (files_.count(whole)) return "duplicate entry";
    if (dirs_.count(whole)) return "a directory of the same name exists";
    return std::nullopt;
  }

  void mark_parents(const std::vector<std::string>& parts, bool include_last) {
    std::string prefix;
    size_t n = include_last ? parts.size() : parts.size() - 1;
    for (size_t i = 0; i < n; ++i) {
      prefix += (i ? "/" : "") + parts[i];
      dirs_.insert(prefix);
    }
  }

  std::string too_big(const std::string& raw) const {
    return "'" + printable(raw) + "': file is larger than the limit (" + std::to_string(limits_.max_file_bytes) + " bytes)";
  }
  std::string too_much() const {
    return "unpacked size exceeds the limit (" + std::to_string(limits_.max_total_bytes) + " bytes)";
  }

  std::optional<std::string> copy_file(const std::string& raw, const std::string& relative,
                                       const std::vector<std::string>& parts) {
    if (auto error = sink_.begin_file(summary_.top, relative)) return error;
    mark_parents(parts, false);
    files_.insert(relative);
    summary_.files.push_back(relative);
    uint64_t size = 0;
    char buffer[1 << 16];
    for (;;) {
      la_ssize_t n = archive_read_data(a_, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0) return "corrupt or truncated archive: " + libarchive_message(a_);
      size += static_cast<uint64_t>(n);
      summary_.unpacked_bytes += static_cast<uint64_t>(n);
      // Counted as well as declared: pax headers can make the two differ.
      if (size > limits_.max_file_bytes) return too_big(raw);
      if (summary_.unpacked_bytes > limits_.max_total_bytes) return too_much();
      if (auto bomb = check_ratio()) return bomb;
      if (auto error = sink_.write(buffer, static_cast<size_t>(n))) return error;
    }
    return sink_.end_file();
  }

  archive* a_;
  std::string origin_;
  const ArchiveLimits& limits_;
  EntrySink& sink_;
  ArchiveSummary summary_;
  std::set<std::string> files_, dirs_;
  uint64_t declared_ = 0;  // sum of the sizes headers declare
};

}  // namespace

Expected<ArchiveSummary> read_crate_file(const std::filesystem::path& file, const std::string& expected_top,
                                         const ArchiveLimits& limits, EntrySink& sink) {
  // Checked first so that a failed open below can only mean a bad archive.
  std::error_code ec;
  auto status = std::filesystem::status(file, ec);
  if (ec) return unexpected(file.string() + ": cannot open: " + ec.message());
  if (!std::filesystem::is_regular_file(status)) return unexpected(file.string() + ": not a regular file");
  ArchivePtr a = new_reader();
  if (!a) return unexpected(file.string() + ": cannot allocate an archive reader");
  if (archive_read_open_filename(a.get(), file.c_str(), 1 << 16) != ARCHIVE_OK)
    return unexpected(file.string() + ": corrupt or truncated archive: " + libarchive_message(a.get()));
  return Walker(a.get(), file.string(), expected_top, limits, sink).run();
}

Expected<ArchiveSummary> read_crate_bytes(std::string_view bytes, const std::string& origin,
                                          const std::string& expected_top, const ArchiveLimits& limits,
                                          EntrySink& sink) {
  if (bytes.empty()) return unexpected(origin + ": empty file");
  ArchivePtr a = new_reader();
  if (!a) return unexpected(origin + ": cannot allocate an archive reader");
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return unexpected(origin + ": corrupt or truncated archive: " + libarchive_message(a.get()));
  return Walker(a.get(), origin, expected_top, limits, sink).run();
}

std::string crate_top_from_file_name(const std::filesystem::path& file) {
  std::string name = file.filename().string();
  const std::string suffix = ".crate";
  if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    return name.substr(0, name.size() - suffix.size());
  return {};
}

}  // namespace cratescope::sources
