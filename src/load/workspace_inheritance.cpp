#include "load/workspace_inheritance.hpp"

#include <algorithm>

#include "load/manifest_loader.hpp"

namespace cratescope::load {

namespace {

const DependencySpec* find_workspace_dependency(const WorkspaceInfo& workspace, const std::string& name) {
  for (const DependencySpec& spec : workspace.dependencies)
    if (spec.name == name) return &spec;
  return nullptr;
}

// A path in [workspace.dependencies] is relative to the root; a member's
// paths are relative to the member, so rewrite it for the member.
std::string rebase_path(const std::string& path, const fs::path& root_dir, const fs::path& member_dir) {
  fs::path target = normalized(root_dir / path);
  fs::path relative = target.lexically_relative(normalized(member_dir));
  return relative.empty() ? target.generic_string() : relative.generic_string();
}

// Cargo's merge: the workspace entry gives the source and requirement; the
// member adds features and decides `optional`. `default-features = false` in
// a member only takes effect when the workspace entry also turns them off.
DependencySpec merge(const DependencySpec& inherited, const DependencySpec& member, const fs::path& root_dir,
                     const fs::path& member_dir, const Manifest& manifest, std::string_view text,
                     Diagnostics& diagnostics) {
  DependencySpec merged = inherited;
  merged.name = member.name;
  merged.kind = member.kind;
  merged.target = member.target;
  merged.position = member.position;
  merged.optional = member.optional;
  merged.inherited = true;
  for (const std::string& feature : member.features)
    if (std::find(merged.features.begin(), merged.features.end(), feature) == merged.features.end())
      merged.features.push_back(feature);
  if (member.default_features_declared) {
    if (!inherited.default_features)
      merged.default_features = member.default_features;
    else if (!member.default_features)
      diagnostics.warning(manifest.path, text, member.position,
                          "`default-features = false` is ignored for `" + member.name +
                              "`: the [workspace.dependencies] entry does not turn default features off");
  }
  if (merged.path) merged.path = rebase_path(*merged.path, root_dir, member_dir);
  return merged;
}

void resolve_dependencies(Manifest& member, std::string_view text, const WorkspaceInfo* workspace,
                          const fs::path& root_dir, Diagnostics& diagnostics) {
  fs::path member_dir = fs::path(member.path).parent_path();
  for (DependencySpec& spec : member.dependencies) {
    if (!spec.inherited) continue;
    const DependencySpec* inherited = workspace ? find_workspace_dependency(*workspace, spec.name) : nullptr;
    if (!inherited) {
      diagnostics.error(member.path, text, spec.position,
                        workspace ? "dependency `" + spec.name + "` is inherited but [workspace.dependencies] has no `" +
                                        spec.name + "`"
                                  : "dependency `" + spec.name + "` is inherited (`workspace = true`) but there is no workspace");
      continue;
    }
    spec = merge(*inherited, spec, root_dir, member_dir, member, text, diagnostics);
  }
}

void resolve_package_fields(Manifest& member, std::string_view text, const WorkspaceInfo* workspace,
                            Diagnostics& diagnostics) {
  if (!member.package) return;
  PackageInfo& package = *member.package;
  for (auto& [field, position] : package.inherited_fields) {
    if (workspace && field == "authors") {
      if (auto found = workspace->package_lists.find(field); found != workspace->package_lists.end()) {
        package.authors = found->second;
        continue;
      }
    } else if (workspace) {
      if (auto found = workspace->package_fields.find(field); found != workspace->package_fields.end()) {
        if (field == "version") package.version = found->second;
        if (field == "edition") package.edition = found->second;
        if (field == "license") package.license = found->second;
        if (field == "repository") package.repository = found->second;
        continue;
      }
    }
    diagnostics.error(member.path, text, position,
                      workspace ? "`" + field + ".workspace = true` but [workspace.package] has no `" + field + "`"
                                : "`" + field + ".workspace = true` but there is no workspace");
  }
}

}  // namespace

void resolve_inheritance(Manifest& member, std::string_view member_text, const WorkspaceInfo* workspace,
                         const fs::path& root_dir, Diagnostics& diagnostics) {
  resolve_dependencies(member, member_text, workspace, root_dir, diagnostics);
  resolve_package_fields(member, member_text, workspace, diagnostics);
}

}  // namespace cratescope::load
