// SourceId: the `source = "..."` strings of Cargo.lock (and of `cargo metadata`).
#include <array>
#include <utility>

#include "load/lockfile.hpp"

namespace cratescope::load {

namespace {

constexpr std::string_view kCratesIoGitIndex = "https://github.com/rust-lang/crates.io-index";
constexpr std::string_view kCratesIoSparseIndex = "https://index.crates.io/";

SourceKind kind_of_prefix(std::string_view prefix) {
  static constexpr std::array<std::pair<std::string_view, SourceKind>, 6> kKinds{{
      {"registry", SourceKind::registry},
      {"sparse", SourceKind::sparse_registry},
      {"git", SourceKind::git},
      {"path", SourceKind::path},
      {"local-registry", SourceKind::local_registry},
      {"directory", SourceKind::directory},
  }};
  for (auto& [name, kind] : kKinds)
    if (name == prefix) return kind;
  return SourceKind::unknown;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Lockfile v4 percent-encodes git references (a branch may contain '/' or '#').
std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

void parse_git_query(std::string_view query, SourceId& id) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = pair.substr(0, eq);
    if (key == "branch" || key == "tag" || key == "rev") {
      id.reference_kind = std::string(key);
      id.reference = percent_decode(pair.substr(eq + 1));
    }
  }
}

}  // namespace

SourceId SourceId::parse(std::string_view raw) {
  SourceId id;
  id.raw = std::string(raw);
  size_t plus = raw.find('+');
  if (plus == std::string_view::npos) {
    id.url = id.raw;
    return id;
  }
  id.kind = kind_of_prefix(raw.substr(0, plus));
  if (id.kind == SourceKind::unknown) {
    id.url = id.raw;
    return id;
  }
  std::string_view rest = raw.substr(plus + 1);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    if (id.kind == SourceKind::git) id.precise = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (size_t question = rest.find('?'); question != std::string_view::npos) {
    if (id.kind == SourceKind::git) parse_git_query(rest.substr(question + 1), id);
    rest = rest.substr(0, question);
  }
  id.url = std::string(rest);
  return id;
}

bool SourceId::is_crates_io() const {
  if (kind == SourceKind::registry) return url == kCratesIoGitIndex;
  if (kind == SourceKind::sparse_registry)
    return url == kCratesIoSparseIndex || url == kCratesIoSparseIndex.substr(0, kCratesIoSparseIndex.size() - 1);
  return false;
}

}  // namespace cratescope::load
