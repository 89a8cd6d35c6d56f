#pragma once
// Cargo.toml: [package], [workspace], dependency tables, features.
#include <map>
#include <utility>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "semver/version.hpp"

namespace cratescope::load {

enum class DependencyKind { normal, dev, build };
const char* to_string(DependencyKind kind);

struct DependencySpec {
  std::string name;     // the key: the name the code uses (a rename when `package` differs)
  std::string package;  // the real crate name (`package = "..."`, else `name`)
  std::string requirement_text;  // as written; "*" when absent
  std::optional<semver::VersionReq> requirement;
  DependencyKind kind = DependencyKind::normal;
  std::string target;  // "cfg(unix)" or a triple; empty for all targets
  bool optional = false;
  bool default_features = true;
  std::vector<std::string> features;
  std::optional<std::string> path, git, branch, tag, rev, registry;
  bool inherited = false;  // `workspace = true` (already merged with [workspace.dependencies])
  TextPosition position;   // where the dependency is declared
  // Whether `default-features` was written (inheritance treats an explicit value differently).
  bool default_features_declared = false;
};

struct PackageInfo {
  std::string name;
  std::string version;  // may be absent in Cargo.toml since 1.75 (then "0.0.0")
  std::string edition;
  std::string license;
  std::string repository;
  std::vector<std::string> authors;
  bool proc_macro = false;  // [lib] proc-macro = true
  std::optional<std::string> lib_path;  // [lib] path, as written
  // [[bin]] entries that give a `path` (name, path as written); others follow Cargo's conventions.
  std::vector<std::pair<std::string, std::string>> bin_paths;
  std::optional<std::string> build_script;  // "build.rs" when present or declared
  TextPosition position;
  bool build_script_disabled = false;        // `build = false`
  std::optional<std::string> workspace_root;  // `package.workspace = "../.."`, as written
  // Fields written as `field.workspace = true`, with where; load_workspace() fills them in.
  std::map<std::string, TextPosition> inherited_fields;
};

struct WorkspaceInfo {
  std::vector<std::string> members;  // as written, may contain globs
  std::vector<TextPosition> member_positions;  // parallel to `members`
  std::vector<std::string> exclude;
  std::vector<std::string> default_members;
  std::vector<DependencySpec> dependencies;  // [workspace.dependencies]
  std::map<std::string, std::string> package_fields;  // [workspace.package] simple string fields
  std::map<std::string, std::vector<std::string>> package_lists;  // [workspace.package] string arrays (authors...)
  TextPosition position;
};

struct Manifest {
  std::string path;
  std::optional<PackageInfo> package;
  std::optional<WorkspaceInfo> workspace;
  std::vector<DependencySpec> dependencies;  // all kinds and targets
  std::map<std::string, std::vector<std::string>> features;
  // [patch.<source>] and [replace] tables, as dependency specs keyed by source
  // ("crates-io", a registry name or URL); [replace] entries are under kReplaceKey
  // with the package id spec ("foo:1.0.0") as `name`.
  std::map<std::string, std::vector<DependencySpec>> patches;
  static constexpr const char* kReplaceKey = "[replace]";
};

// Parse one Cargo.toml. `workspace = true` entries are left with inherited=true
// and resolved later by load_workspace().
std::optional<Manifest> parse_manifest(std::string_view text, std::string path, Diagnostics& diagnostics);

}  // namespace cratescope::load
