#pragma once
// Bounds on what a .crate may unpack to. A .crate is untrusted input: without
// these a few kilobytes of gzip could fill the disk or the memory.
#include <cstddef>
#include <cstdint>

namespace cratescope::sources {

struct ArchiveLimits {
  uint64_t max_total_bytes = 512ull << 20;  // all regular files together
  uint64_t max_file_bytes = 64ull << 20;    // any one file
  size_t max_entries = 100'000;             // headers, skipped ones included
  // Source text gzips ~5-20x; gzip tops out near 1000x, so a stream far above
  // this ratio is a decompression bomb. Only checked once past the floor, so
  // small archives of zeros (tests, empty files) are fine.
  uint64_t max_ratio = 200;
  uint64_t ratio_floor_bytes = 16ull << 20;
  // How much of a .crate is read when it comes through a FileSystem.
  uint64_t max_archive_bytes = 256ull << 20;
};

}  // namespace cratescope::sources
