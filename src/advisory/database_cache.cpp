#include "advisory/database_cache.hpp"

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <system_error>

#include "core/binary_io.hpp"

namespace cratescope::advisory::cache {

namespace {

constexpr std::string_view kMagic = "CSADVDB\n";

using Writer = BinaryWriter;
using Reader = BinaryReader;

void write_ranges(Writer& w, const std::vector<VersionRange>& list) {
  w.u32(static_cast<uint32_t>(list.size()));
  for (const VersionRange& r : list) w.str(r.text);
}

std::vector<VersionRange> read_ranges(Reader& r) {
  std::vector<VersionRange> list(r.count(4));
  for (VersionRange& range : list) {
    range.text = r.str();
    if (!r.ok()) break;
    auto requirement = semver::VersionReq::parse(range.text);
    if (!requirement) {
      r.fail();  // it parsed when the cache was written: the file is damaged
      break;
    }
    range.requirement = std::move(*requirement);
  }
  return list;
}

void write_advisory(Writer& w, const Advisory& a) {
  for (const std::string* s : {&a.id, &a.package, &a.date, &a.url, &a.title, &a.description, &a.license,
                               &a.informational_text, &a.collection, &a.file})
    w.str(*s);
  for (const auto* list : {&a.categories, &a.keywords, &a.aliases, &a.related, &a.references, &a.affected_os,
                           &a.affected_arch})
    w.strings(*list);
  w.u8(a.cvss.has_value());
  if (a.cvss) {
    w.str(a.cvss->vector);
    w.u32(static_cast<uint32_t>(a.cvss->major_version));
    w.f64(a.cvss->score);
    w.u8(static_cast<uint8_t>(a.cvss->severity));
  }
  w.u8(static_cast<uint8_t>(a.informational));
  w.u8(a.withdrawn.has_value());
  if (a.withdrawn) w.str(*a.withdrawn);
  w.u32(static_cast<uint32_t>(a.affected_functions.size()));
  for (const AffectedFunction& f : a.affected_functions) {
    w.str(f.path);
    write_ranges(w, f.versions);
  }
  write_ranges(w, a.patched);
  write_ranges(w, a.unaffected);
  w.u32(a.position.line);
  w.u32(a.position.column);
}

Advisory read_advisory(Reader& r) {
  Advisory a;
  for (std::string* s : {&a.id, &a.package, &a.date, &a.url, &a.title, &a.description, &a.license,
                         &a.informational_text, &a.collection, &a.file})
    *s = r.str();
  for (auto* list : {&a.categories, &a.keywords, &a.aliases, &a.related, &a.references, &a.affected_os,
                     &a.affected_arch})
    *list = r.strings();
  if (r.u8()) {
    Cvss cvss;
    cvss.vector = r.str();
    cvss.major_version = static_cast<int>(r.u32());
    cvss.score = r.f64();
    uint8_t severity = r.u8();
    if (severity > static_cast<uint8_t>(Severity::critical) || !(cvss.score >= 0.0 && cvss.score <= 10.0)) r.fail();
    cvss.severity = static_cast<Severity>(severity);
    a.cvss = std::move(cvss);
  }
  uint8_t informational = r.u8();
  if (informational > static_cast<uint8_t>(Informational::other)) r.fail();
  a.informational = static_cast<Informational>(informational);
  if (r.u8()) a.withdrawn = r.str();
  a.affected_functions.resize(r.count(8));
  for (AffectedFunction& f : a.affected_functions) {
    f.path = r.str();
    f.versions = read_ranges(r);
  }
  a.patched = read_ranges(r);
  a.unaffected = read_ranges(r);
  a.position.line = r.u32();
  a.position.column = r.u32();
  return a;
}

}  // namespace

fs::path cache_file(const fs::path& cache_dir, const fs::path& database_path) {
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(database_path, ec);
  if (ec) absolute = fs::absolute(database_path, ec);
  return cache_dir / ("advisory-db-" + hex(fnv1a(absolute.string())) + ".bin");
}

std::optional<Stamp> stamp_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return Stamp{path, static_cast<int64_t>(info.st_size), static_cast<int64_t>(info.st_mtim.tv_sec),
               static_cast<int64_t>(info.st_mtim.tv_nsec)};
}

std::string serialize(std::string_view key, const std::vector<Stamp>& stamps, std::string_view commit,
                      std::string_view commit_date, const std::vector<Advisory>& advisories,
                      const std::vector<Diagnostic>& diagnostics) {
  Writer w;
  w.bytes().reserve(4u << 20);
  w.bytes().append(kMagic);
  w.u32(kFormatVersion);
  w.str(key);
  w.u32(static_cast<uint32_t>(stamps.size()));
  for (const Stamp& stamp : stamps) {
    w.str(stamp.path);
    w.u64(static_cast<uint64_t>(stamp.size));
    w.u64(static_cast<uint64_t>(stamp.mtime_seconds));
    w.u64(static_cast<uint64_t>(stamp.mtime_nanoseconds));
  }
  w.str(commit);
  w.str(commit_date);
  w.u32(static_cast<uint32_t>(advisories.size()));
  for (const Advisory& a : advisories) write_advisory(w, a);
  w.u32(static_cast<uint32_t>(diagnostics.size()));
  for (const Diagnostic& d : diagnostics) {
    w.u8(static_cast<uint8_t>(d.level));
    w.str(d.location.file);
    w.u32(d.location.position.line);
    w.u32(d.location.position.column);
    w.str(d.message);
    w.str(d.source_line);
  }
  w.u64(fnv1a(w.bytes()));
  return std::move(w.bytes());
}

std::optional<CachedDatabase> deserialize(std::string_view bytes, std::string_view key) {
  if (bytes.size() < kMagic.size() + 4 + 8 || bytes.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  // The checksum first: a damaged file is rejected before any field is trusted.
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  uint64_t stored_checksum = 0;
  std::memcpy(&stored_checksum, bytes.data() + body.size(), 8);
  if (stored_checksum != fnv1a(body)) return std::nullopt;

  Reader r(body.substr(kMagic.size()));
  if (r.u32() != kFormatVersion || r.str() != key || !r.ok()) return std::nullopt;
  CachedDatabase database;
  database.stamps.resize(r.count(28));
  for (Stamp& stamp : database.stamps) {
    stamp.path = r.str();
    stamp.size = static_cast<int64_t>(r.u64());
    stamp.mtime_seconds = static_cast<int64_t>(r.u64());
    stamp.mtime_nanoseconds = static_cast<int64_t>(r.u64());
  }
  database.commit = r.str();
  database.commit_date = r.str();
  database.advisories.resize(r.count(64));
  for (Advisory& a : database.advisories) {
    a = read_advisory(r);
    if (!r.ok()) return std::nullopt;
  }
  database.diagnostics.resize(r.count(21));
  for (Diagnostic& d : database.diagnostics) {
    uint8_t level = r.u8();
    if (level > static_cast<uint8_t>(DiagnosticLevel::error)) r.fail();
    d.level = static_cast<DiagnosticLevel>(level);
    d.location.file = r.str();
    d.location.position.line = r.u32();
    d.location.position.column = r.u32();
    d.message = r.str();
    d.source_line = r.str();
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return database;
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || size > (1u << 30)) return std::nullopt;
  std::string data(size, '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size) return std::nullopt;
  return data;
}

}  // namespace cratescope::advisory::cache
