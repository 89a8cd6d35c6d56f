#pragma once
// Executables, shared objects and archives shipped inside a crate, told by
// their first bytes (never by their names, which lie).
#include <optional>
#include <string_view>

namespace cratescope::scan {

enum class BinaryKind { elf, pe, mach_o, static_library, wasm, java_class, zip, gzip, xz, bzip2, zstd, seven_zip };

struct BinaryType {
  BinaryKind kind;
  std::string_view name;  // "ELF executable or shared object"
  bool executable;        // machine code that can be run or loaded
};

// `head`: the file's first bytes (64 are enough).
std::optional<BinaryType> binary_type(std::string_view head);

}  // namespace cratescope::scan
