#pragma once
// Cargo.lock, versions 1 to 4.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "semver/version.hpp"

namespace cratescope::load {

enum class SourceKind { registry, sparse_registry, git, path, local_registry, directory, unknown };

// A package source as Cargo writes it: "registry+https://github.com/rust-lang/crates.io-index",
// "sparse+https://index.crates.io/", "git+https://host/repo?branch=main#<commit>".
struct SourceId {
  SourceKind kind = SourceKind::unknown;
  std::string raw;  // exactly as written
  std::string url;  // without the kind prefix, query and fragment
  // git only
  std::string reference_kind;  // "branch", "tag", "rev" or "" (default branch)
  std::string reference;       // the value of that reference
  std::string precise;         // the locked commit (after '#')

  static SourceId parse(std::string_view raw);
  bool is_crates_io() const;  // the registry or sparse index of crates.io
  friend bool operator==(const SourceId& a, const SourceId& b) { return a.raw == b.raw; }
};

// An entry of a package's `dependencies` array. In v1 every entry is
// "name version (source)"; from v2 on the version and source are only written
// when the name alone (or name + version) is ambiguous.
struct LockedDependency {
  std::string name;
  std::optional<semver::Version> version;
  std::optional<SourceId> source;
  TextPosition position;
};

struct LockedPackage {
  std::string name;
  semver::Version version;
  std::optional<SourceId> source;  // none: a workspace member or path dependency
  std::string checksum;            // hex sha256, or whatever the file says (Debian writes other strings)
  std::vector<LockedDependency> dependencies;
  std::optional<std::string> replace;  // v1 [replace] target, as written
  TextPosition position;               // the `[[package]]` header line
  TextPosition name_position;          // the `name = ...` line (for SARIF)
};

struct Lockfile {
  std::string path;
  int version = 0;  // 1..4; v1/v2 are inferred (v1: [metadata] checksums)
  std::vector<LockedPackage> packages;
  std::map<std::string, std::string> metadata;  // v1 [metadata], other than checksums

  // Index of the package a dependency entry refers to, or -1 (unresolvable).
  int resolve(const LockedDependency& dependency) const;
};

// Parse `text` (the contents of `path`). Errors go to `diagnostics` with
// file:line:col; returns nullopt when the file cannot be used at all
// (invalid TOML, unknown version, duplicate packages...).
std::optional<Lockfile> parse_lockfile(std::string_view text, std::string path, Diagnostics& diagnostics);

}  // namespace cratescope::load
