// Reading one Cargo.toml. Inheritance from the workspace (`workspace = true`)
// is only recorded here; load_workspace() resolves it, because it needs the
// root manifest.
#include <array>
#include <utility>

#include "load/manifest.hpp"
#include "load/manifest_dependencies.hpp"
#include "load/toml_document.hpp"

namespace cratescope::load {

const char* to_string(DependencyKind kind) {
  switch (kind) {
    case DependencyKind::normal: return "normal";
    case DependencyKind::dev: return "dev";
    case DependencyKind::build: return "build";
  }
  return "normal";
}

namespace {

// Both spellings: Cargo still accepts the old snake_case table names.
constexpr std::array<std::pair<std::string_view, DependencyKind>, 5> kDependencyTables{{
    {"dependencies", DependencyKind::normal},
    {"dev-dependencies", DependencyKind::dev},
    {"dev_dependencies", DependencyKind::dev},
    {"build-dependencies", DependencyKind::build},
    {"build_dependencies", DependencyKind::build},
}};

class ManifestReader {
 public:
  explicit ManifestReader(const TomlDocument& document) : document_(document), root_(document.root()) {}

  Manifest read() {
    Manifest manifest;
    manifest.path = document_.path();
    if (const toml::table* package = document_.get_table(root_, "package", "[package]"))
      manifest.package = read_package(*package);
    if (const toml::table* workspace = document_.get_table(root_, "workspace", "[workspace]"))
      manifest.workspace = read_workspace(*workspace);
    if (!manifest.package && !manifest.workspace && !root_.get("package") && !root_.get("workspace"))
      document_.error({}, "the manifest has neither a [package] nor a [workspace] table");
    read_all_dependencies(manifest.dependencies);
    read_features(manifest.features);
    read_patches(manifest.patches);
    return manifest;
  }

 private:
  PackageInfo read_package(const toml::table& table) {
    PackageInfo package;
    package.position = document_.position(table);
    if (auto name = document_.get_string(table, "name", "package `name`"))
      package.name = *name;
    else if (!table.get("name"))
      document_.error(package.position, "[package] has no `name`");
    // Since Cargo 1.75 `version` may be left out; the package is then 0.0.0.
    package.version = "0.0.0";
    read_inheritable_string(table, "version", package.version, package);
    read_inheritable_string(table, "edition", package.edition, package);
    read_inheritable_string(table, "license", package.license, package);
    read_inheritable_string(table, "repository", package.repository, package);
    if (!is_inherited(table, "authors", package))
      if (auto authors = document_.get_string_array(table, "authors", "package `authors`")) package.authors = *authors;
    read_build_script(table, package);
    package.workspace_root = document_.get_string(table, "workspace", "package `workspace`");
    if (const toml::table* lib = document_.get_table(root_, "lib", "[lib]")) {
      auto proc_macro = document_.get_bool(*lib, "proc-macro", "`proc-macro`");
      if (!proc_macro) proc_macro = document_.get_bool(*lib, "proc_macro", "`proc_macro`");
      package.proc_macro = proc_macro.value_or(false);
      package.lib_path = document_.get_string(*lib, "path", "[lib] `path`");
    }
    if (const toml::array* bins = document_.get_array(root_, "bin", "[[bin]]")) {
      for (const toml::node& entry : *bins) {
        const toml::table* bin = entry.as_table();
        if (!bin) continue;
        auto path = document_.get_string(*bin, "path", "[[bin]] `path`");
        auto name = document_.get_string(*bin, "name", "[[bin]] `name`");
        if (path) package.bin_paths.emplace_back(name.value_or(fs_stem(*path)), *path);
      }
    }
    return package;
  }

  // `field = "..."` or `field.workspace = true`.
  void read_inheritable_string(const toml::table& table, std::string_view field, std::string& out, PackageInfo& package) {
    if (is_inherited(table, field, package)) return;
    if (auto value = document_.get_string(table, field, "package `" + std::string(field) + "`")) out = *value;
  }

  // True (and recorded) when `field` is `{ workspace = true }`.
  bool is_inherited(const toml::table& table, std::string_view field, PackageInfo& package) {
    const toml::node* node = table.get(field);
    const toml::table* inherit = node ? node->as_table() : nullptr;
    if (!inherit) return false;
    auto workspace = document_.get_bool(*inherit, "workspace", "`" + std::string(field) + ".workspace`");
    if (workspace && *workspace) {
      package.inherited_fields[std::string(field)] = document_.key_position(table, field);
    } else if (!workspace) {
      document_.error(document_.position(*node), "package `" + std::string(field) + "` is a table without `workspace = true`");
    } else {
      document_.error(document_.position(*inherit->get("workspace")),
                      "`" + std::string(field) + ".workspace` cannot be false");
    }
    return true;
  }

  static std::string fs_stem(const std::string& path) {
    size_t slash = path.find_last_of('/');
    std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
    return file.substr(0, file.rfind('.'));
  }

  void read_build_script(const toml::table& table, PackageInfo& package) {
    const toml::node* build = table.get("build");
    if (!build) return;
    if (auto* path = build->as_string())
      package.build_script = path->get();
    else if (auto* enabled = build->as_boolean()) {
      if (enabled->get())
        package.build_script = "build.rs";
      else
        package.build_script_disabled = true;
    } else
      document_.report_wrong_type(*build, "package `build`", "a path or a boolean");
  }

  WorkspaceInfo read_workspace(const toml::table& table) {
    WorkspaceInfo workspace;
    workspace.position = document_.position(table);
    if (auto members = document_.get_positioned_strings(table, "members", "workspace `members`")) {
      for (auto& member : *members) {
        workspace.members.push_back(member.value);
        workspace.member_positions.push_back(member.position);
      }
    }
    workspace.exclude = document_.get_string_array(table, "exclude", "workspace `exclude`").value_or(std::vector<std::string>{});
    workspace.default_members =
        document_.get_string_array(table, "default-members", "workspace `default-members`").value_or(std::vector<std::string>{});
    if (const toml::table* dependencies = document_.get_table(table, "dependencies", "[workspace.dependencies]"))
      read_dependency_table(document_, *dependencies, DependencyKind::normal, "", workspace.dependencies);
    if (const toml::table* package = document_.get_table(table, "package", "[workspace.package]")) {
      for (auto&& [key, value] : *package) {
        if (auto* text = value.as_string())
          workspace.package_fields[std::string(key.str())] = text->get();
        else if (value.is_array())
          workspace.package_lists[std::string(key.str())] =
              document_.get_string_array(*package, key.str(), "[workspace.package] `" + std::string(key.str()) + "`")
                  .value_or(std::vector<std::string>{});
      }
    }
    return workspace;
  }

  void read_dependency_tables(const toml::table& table, const std::string& target, std::vector<DependencySpec>& out) {
    for (auto& [name, kind] : kDependencyTables)
      if (const toml::table* dependencies = document_.get_table(table, name, "[" + std::string(name) + "]"))
        read_dependency_table(document_, *dependencies, kind, target, out);
  }

  void read_all_dependencies(std::vector<DependencySpec>& out) {
    read_dependency_tables(root_, "", out);
    const toml::table* targets = document_.get_table(root_, "target", "[target]");
    if (!targets) return;
    for (auto&& [target, value] : *targets) {
      if (auto* table = value.as_table())
        read_dependency_tables(*table, std::string(target.str()), out);
      else
        document_.report_wrong_type(value, "[target." + std::string(target.str()) + "]", "a table");
    }
  }

  void read_features(std::map<std::string, std::vector<std::string>>& features) {
    const toml::table* table = document_.get_table(root_, "features", "[features]");
    if (!table) return;
    for (auto&& [name, value] : *table) {
      (void)value;
      if (auto enables = document_.get_string_array(*table, name.str(), "feature `" + std::string(name.str()) + "`"))
        features[std::string(name.str())] = std::move(*enables);
    }
  }

  void read_patches(std::map<std::string, std::vector<DependencySpec>>& patches) {
    if (const toml::table* patch = document_.get_table(root_, "patch", "[patch]")) {
      for (auto&& [source, value] : *patch) {
        if (auto* table = value.as_table())
          read_dependency_table(document_, *table, DependencyKind::normal, "", patches[std::string(source.str())]);
        else
          document_.report_wrong_type(value, "[patch." + std::string(source.str()) + "]", "a table");
      }
    }
    if (const toml::table* replace = document_.get_table(root_, "replace", "[replace]")) {
      auto& specs = patches[Manifest::kReplaceKey];
      read_dependency_table(document_, *replace, DependencyKind::normal, "", specs);
      for (DependencySpec& spec : specs) spec.package = crate_name_of_id_spec(spec.name);
    }
  }

  // "foo", "foo:1.0.0", "foo@1.0.0", "https://github.com/rust-lang/crates.io-index#foo:1.0.0" -> "foo".
  static std::string crate_name_of_id_spec(std::string_view spec) {
    if (size_t hash = spec.rfind('#'); hash != std::string_view::npos) spec = spec.substr(hash + 1);
    return std::string(spec.substr(0, spec.find_first_of(":@")));
  }

  const TomlDocument& document_;
  const toml::table& root_;
};

}  // namespace

std::optional<Manifest> parse_manifest(std::string_view text, std::string path, Diagnostics& diagnostics) {
  auto document = TomlDocument::parse(text, std::move(path), diagnostics);
  if (!document) return std::nullopt;
  return ManifestReader(*document).read();
}

}  // namespace cratescope::load
