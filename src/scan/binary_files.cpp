#include "scan/binary_files.hpp"

namespace cratescope::scan {

namespace {

struct Magic {
  std::string_view bytes;
  BinaryType type;
};

using namespace std::string_view_literals;

const Magic kMagics[] = {
    {"\x7F" "ELF"sv, {BinaryKind::elf, "ELF executable or shared object", true}},
    {"\xFE\xED\xFA\xCE"sv, {BinaryKind::mach_o, "Mach-O executable", true}},
    {"\xFE\xED\xFA\xCF"sv, {BinaryKind::mach_o, "Mach-O executable", true}},
    {"\xCE\xFA\xED\xFE"sv, {BinaryKind::mach_o, "Mach-O executable", true}},
    {"\xCF\xFA\xED\xFE"sv, {BinaryKind::mach_o, "Mach-O executable", true}},
    {"!<arch>\n"sv, {BinaryKind::static_library, "static library or import library (ar archive)", true}},
    {"\0asm"sv, {BinaryKind::wasm, "WebAssembly module", true}},
    {"PK\x03\x04"sv, {BinaryKind::zip, "zip archive", false}},
    {"\x1F\x8B"sv, {BinaryKind::gzip, "gzip-compressed file", false}},
    {"\xFD" "7zXZ\0"sv, {BinaryKind::xz, "xz-compressed file", false}},
    {"BZh"sv, {BinaryKind::bzip2, "bzip2-compressed file", false}},
    {"\x28\xB5\x2F\xFD"sv, {BinaryKind::zstd, "zstd-compressed file", false}},
    {"7z\xBC\xAF\x27\x1C"sv, {BinaryKind::seven_zip, "7-Zip archive", false}},
};

uint32_t little_endian_32(std::string_view bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value |= uint32_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return value;
}

}  // namespace

std::optional<BinaryType> binary_type(std::string_view head) {
  for (const Magic& magic : kMagics)
    if (head.starts_with(magic.bytes)) {
      // "BZh" begins ordinary text too: bzip2 has a block size digit next.
      if (magic.type.kind == BinaryKind::bzip2 && (head.size() < 4 || head[3] < '1' || head[3] > '9')) continue;
      return magic.type;
    }
  // CAFEBABE is a Java class or a universal Mach-O binary; both are code.
  if (head.starts_with("\xCA\xFE\xBA\xBE"sv)) return BinaryType{BinaryKind::java_class, "Java class or universal Mach-O binary", true};
  // "MZ" starts plain text too; a PE file says where its "PE\0\0" header is.
  if (head.starts_with("MZ"sv) && head.size() >= 64) {
    uint32_t pe_offset = little_endian_32(head, 0x3C);
    if (pe_offset >= 64 && pe_offset < 4096) return BinaryType{BinaryKind::pe, "Windows PE executable or DLL", true};
  }
  return std::nullopt;
}

}  // namespace cratescope::scan
