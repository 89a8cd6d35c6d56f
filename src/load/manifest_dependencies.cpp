#include "load/manifest_dependencies.hpp"

namespace cratescope::load {

namespace {

void read_requirement(const TomlDocument& document, const toml::node& version_node, DependencySpec& spec) {
  spec.requirement_text = version_node.as_string()->get();
  auto requirement = semver::VersionReq::parse(spec.requirement_text);
  if (requirement)
    spec.requirement = std::move(*requirement);
  else
    document.error(document.position(version_node), "invalid version requirement `" + spec.requirement_text +
                                                        "` for dependency `" + spec.name + "`: " + requirement.error());
}

// Cargo accepts the old snake_case spellings; the kebab-case one wins when both are written.
std::optional<bool> read_default_features(const TomlDocument& document, const toml::table& table, const std::string& name) {
  auto kebab = document.get_bool(table, "default-features", "`default-features` of `" + name + "`");
  auto snake = document.get_bool(table, "default_features", "`default_features` of `" + name + "`");
  if (kebab && snake)
    document.warning(document.position(*table.get("default_features")),
                     "`default_features` is ignored for `" + name + "`: `default-features` is also written");
  return kebab ? kebab : snake;
}

void read_table_form(const TomlDocument& document, const toml::table& table, DependencySpec& spec) {
  const std::string of = " of dependency `" + spec.name + "`";
  if (const toml::node* workspace = table.get("workspace")) {
    if (!workspace->is_boolean()) {
      document.report_wrong_type(*workspace, "`workspace`" + of, "a boolean");
    } else if (!workspace->as_boolean()->get()) {
      document.error(document.position(*workspace), "`workspace` cannot be false (dependency `" + spec.name + "`)");
    } else {
      spec.inherited = true;
    }
  }
  if (const toml::node* version = table.get("version")) {
    if (version->is_string())
      read_requirement(document, *version, spec);
    else
      document.report_wrong_type(*version, "`version`" + of, "a string");
  }
  if (auto package = document.get_string(table, "package", "`package`" + of)) spec.package = *package;
  spec.optional = document.get_bool(table, "optional", "`optional`" + of).value_or(false);
  if (auto default_features = read_default_features(document, table, spec.name)) {
    spec.default_features = *default_features;
    spec.default_features_declared = true;
  }
  if (auto features = document.get_string_array(table, "features", "`features`" + of)) spec.features = std::move(*features);
  spec.path = document.get_string(table, "path", "`path`" + of);
  spec.git = document.get_string(table, "git", "`git`" + of);
  spec.branch = document.get_string(table, "branch", "`branch`" + of);
  spec.tag = document.get_string(table, "tag", "`tag`" + of);
  spec.rev = document.get_string(table, "rev", "`rev`" + of);
  spec.registry = document.get_string(table, "registry", "`registry`" + of);

  int references = int(spec.branch.has_value()) + int(spec.tag.has_value()) + int(spec.rev.has_value());
  if (references > 1)
    document.error(spec.position, "dependency `" + spec.name + "` names more than one of `branch`, `tag` and `rev`");
  if (references > 0 && !spec.git)
    document.warning(spec.position, "dependency `" + spec.name + "` has `branch`, `tag` or `rev` but no `git`");
}

}  // namespace

std::optional<DependencySpec> read_dependency(const TomlDocument& document, const toml::key& key,
                                              const toml::node& value, DependencyKind kind, const std::string& target) {
  DependencySpec spec;
  spec.name = std::string(key.str());
  spec.package = spec.name;
  spec.requirement_text.assign(1, '*');  // (not = "*": GCC 12 -Wrestrict false positive)
  spec.kind = kind;
  spec.target = target;
  spec.position = document.position(key);
  if (value.is_string()) {
    read_requirement(document, value, spec);
  } else if (auto* table = value.as_table()) {
    read_table_form(document, *table, spec);
  } else {
    document.report_wrong_type(value, "dependency `" + spec.name + "`", "a version string or a table");
    return std::nullopt;
  }
  return spec;
}

void read_dependency_table(const TomlDocument& document, const toml::table& table, DependencyKind kind,
                           const std::string& target, std::vector<DependencySpec>& out) {
  for (auto&& [key, value] : table)
    if (auto spec = read_dependency(document, key, value, kind, target)) out.push_back(std::move(*spec));
}

}  // namespace cratescope::load
