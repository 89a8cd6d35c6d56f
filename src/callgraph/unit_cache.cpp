#include "callgraph/unit_cache.hpp"

#include <cstring>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/binary_io.hpp"
#include "core/fnv1a.hpp"

namespace cratescope::callgraph {

namespace {

// Bump whenever the model or crate_unit changes what a unit holds.
constexpr uint32_t kFormat = 41;
constexpr char kMagic[8] = {'C', 'S', 'C', 'G', 'U', 'N', 'I', 'T'};
constexpr size_t kMaxFileBytes = size_t{1} << 30;

using Writer = BinaryWriter;
using Reader = BinaryReader;

void write_place(Writer& w, uint32_t file, TextPosition p) {
  w.u32(file);
  w.u32(p.line);
  w.u32(p.column);
}

void read_place(Reader& r, uint32_t& file, TextPosition& p) {
  file = r.u32();
  p.line = r.u32();
  p.column = r.u32();
}

void write_state(Writer& w, const model::UseResolver::State& s) {
  w.u32(static_cast<uint32_t>(s.modules.size()));
  for (const auto& m : s.modules) {
    w.str(m.module);
    w.string_pairs(m.names);
    w.strings(m.globs);
    w.strings(m.exported_names);
    w.strings(m.exported_globs);
  }
  w.strings(s.item_paths);
  w.strings(s.module_paths);
  w.string_pairs(s.crate_aliases);
}

model::UseResolver::State read_state(Reader& r) {
  model::UseResolver::State s;
  s.modules.resize(r.count(12));
  for (auto& m : s.modules) {
    m.module = r.str();
    m.names = r.string_pairs();
    m.globs = r.strings();
    m.exported_names = r.strings();
    m.exported_globs = r.strings();
  }
  s.item_paths = r.strings();
  s.module_paths = r.strings();
  for (auto& [a, b] : r.string_pairs()) s.crate_aliases[a] = b;
  return s;
}

std::string encode(const CrateUnit& unit) {
  Writer w;
  w.append(std::string_view(kMagic, sizeof kMagic));
  w.u32(kFormat);
  w.strings(unit.files);
  w.strings(unit.status.unanalyzed_files);
  w.u32(static_cast<uint32_t>(unit.targets.size()));
  for (const UnitTarget& t : unit.targets) {
    w.u32(static_cast<uint32_t>(t.target.kind));
    w.str(t.target.name);
    w.u32(static_cast<uint32_t>(t.functions.size()));
    for (const Function& f : t.functions) {
      w.str(f.path);
      write_place(w, f.file, f.position);
      w.u32(static_cast<uint32_t>(f.kind));
      w.u32(uint32_t{f.test_only} | uint32_t{f.is_pub} << 1 | uint32_t{f.has_body} << 2 | uint32_t{f.has_self} << 3 |
            uint32_t{static_cast<uint8_t>(f.self_type)} << 4 | uint32_t{static_cast<uint8_t>(f.arity)} << 8);
      w.str(f.trait_name);
      w.str(f.trait_crate);
      w.str(f.trait_path);
      w.str(f.foreign_type);
    }
    w.u32(static_cast<uint32_t>(t.calls.size()));
    for (const PendingCall& c : t.calls) {
      w.u32(c.caller);
      write_place(w, c.file, c.position);
      w.u32(static_cast<uint32_t>(c.kind) | uint32_t{c.on_self} << 8 | uint32_t{c.typed_receiver} << 9 |
            uint32_t{c.generic_receiver} << 10 | uint32_t{c.std_receiver} << 11 |
            uint32_t{static_cast<uint8_t>(c.arity)} << 16);
      w.strings(c.names);
      w.str(c.fallback_method);
    }
    write_state(w, t.index->resolver().state());
  }
  return std::move(w.bytes());
}

std::optional<CrateUnit> decode_bytes(std::string_view data) {
  if (data.size() < sizeof kMagic + 4 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  Reader r(data.substr(sizeof kMagic));
  if (r.u32() != kFormat) return std::nullopt;
  CrateUnit unit;
  unit.files = r.strings();
  unit.status.unanalyzed_files = r.strings();
  unit.status.analyzed = true;
  uint32_t files = static_cast<uint32_t>(unit.files.size());
  unit.targets.resize(r.count(16));
  for (UnitTarget& t : unit.targets) {
    uint32_t kind = r.u32();
    if (kind > static_cast<uint32_t>(model::TargetKind::build_script)) r.fail();
    t.target.kind = static_cast<model::TargetKind>(kind);
    t.target.name = r.str();
    t.functions.resize(r.count(28));
    for (Function& f : t.functions) {
      f.path = r.str();
      read_place(r, f.file, f.position);
      uint32_t item_kind = r.u32();
      if (item_kind > static_cast<uint32_t>(model::ItemKind::extern_static) || f.file >= files) r.fail();
      f.kind = static_cast<model::ItemKind>(item_kind);
      uint32_t flags = r.u32();
      f.test_only = flags & 1;
      f.is_pub = flags & 2;
      f.has_body = flags & 4;
      f.has_self = flags & 8;
      if ((flags >> 4 & 0xf) > static_cast<uint32_t>(SelfType::foreign)) r.fail();
      f.self_type = static_cast<SelfType>(flags >> 4 & 0xf);
      f.arity = static_cast<int8_t>(static_cast<uint8_t>(flags >> 8));
      f.trait_name = r.str();
      f.trait_crate = r.str();
      f.trait_path = r.str();
      f.foreign_type = r.str();
    }
    t.calls.resize(r.count(28));
    for (PendingCall& c : t.calls) {
      c.caller = r.u32();
      read_place(r, c.file, c.position);
      uint32_t kind_and_flags = r.u32();
      if ((kind_and_flags & 0xff) >= kEdgeKinds || c.caller >= t.functions.size() || c.file >= files) r.fail();
      c.kind = static_cast<EdgeKind>(kind_and_flags & 0xff);
      c.on_self = kind_and_flags >> 8 & 1;
      c.typed_receiver = kind_and_flags >> 9 & 1;
      c.generic_receiver = kind_and_flags >> 10 & 1;
      c.std_receiver = kind_and_flags >> 11 & 1;
      c.arity = static_cast<int8_t>(static_cast<uint8_t>(kind_and_flags >> 16));
      c.names = r.strings();
      if (c.names.empty()) r.fail();
      c.fallback_method = r.str();
    }
    model::UseResolver::State state = read_state(r);
    if (!r.ok()) return std::nullopt;
    t.index = std::make_unique<TargetIndex>(state);
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return unit;
}

}  // namespace

std::filesystem::path unit_cache_file(const std::filesystem::path& cache_dir, const std::string& name,
                                      const std::string& version, const std::string& source,
                                      const std::string& source_dir) {
  std::string key = name + '\n' + version + '\n' + source + '\n' + source_dir + '\n' + std::to_string(kFormat);
  return cache_dir / (name + "-" + version + "-" + hex64(fnv1a(key)) + ".unit");
}

uint32_t unit_format() { return kFormat; }

std::optional<CrateUnit> load_cached_unit(const std::filesystem::path& file) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data(size, '\0');
  if (!in.read(data.data(), static_cast<std::streamsize>(size))) return std::nullopt;
  return decode_bytes(data);
}

std::optional<CrateUnit> decode_unit(std::string_view bytes) { return decode_bytes(bytes); }

std::string encode_unit(const CrateUnit& unit) { return encode(unit); }

bool save_cached_unit(const CrateUnit& unit, const std::filesystem::path& file) {
  return write_file_atomically(file, encode(unit)).has_value();
}

}  // namespace cratescope::callgraph
