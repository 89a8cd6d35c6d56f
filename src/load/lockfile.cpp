// Reading Cargo.lock, versions 1 to 4. The formats differ in small ways:
//   v1  no `version` key; checksums live in [metadata] as
//       "checksum NAME VERSION (SOURCE)" = "HASH"; dependency entries are
//       always "name version (source)".
//   v2  no `version` key; `checksum` on each package; dependency entries are
//       shortened to what is unambiguous ("name", "name version").
//   v3  `version = 3` (same encoding as v2).
//   v4  `version = 4`; git references percent-encoded in sources.
#include <map>
#include <tuple>

#include "load/lockfile.hpp"
#include "load/package_id.hpp"
#include "load/toml_document.hpp"

namespace cratescope::load {

namespace {

constexpr std::string_view kChecksumPrefix = "checksum ";
constexpr int kNewestVersion = 4;

struct MetadataChecksum {
  std::string key;  // the package id part, after "checksum "
  std::string value;
  TextPosition position;
};

std::string describe(const std::string& name, const semver::Version& version, const std::optional<SourceId>& source) {
  std::string out = name + " " + version.to_string();
  if (source) out += " (" + source->raw + ")";
  return out;
}

bool same_version(const semver::Version& a, const semver::Version& b) { return a == b && a.build == b.build; }

class LockfileReader {
 public:
  explicit LockfileReader(const TomlDocument& document) : document_(document) {}

  std::optional<Lockfile> read() {
    Lockfile lockfile;
    lockfile.path = document_.path();
    std::vector<MetadataChecksum> checksums;
    read_metadata(lockfile, checksums);
    if (!read_version(lockfile, !checksums.empty())) return std::nullopt;
    read_packages(lockfile);
    if (!check_duplicates(lockfile)) return std::nullopt;
    attach_checksums(lockfile, checksums);
    check_dependencies(lockfile);
    return lockfile;
  }

 private:
  // Cargo reads `version` when present; without it the file is v1 when
  // [metadata] holds checksums, else v2.
  bool read_version(Lockfile& lockfile, bool has_metadata_checksums) {
    const toml::node* node = document_.root().get("version");
    if (!node) {
      lockfile.version = has_metadata_checksums ? 1 : 2;
      return true;
    }
    auto* integer = node->as_integer();
    if (!integer) {
      document_.error(document_.position(*node), std::string("lockfile `version` must be an integer, found ") +
                                                     toml_type_name(*node));
      return false;
    }
    int64_t version = integer->get();
    if (version < 1 || version > kNewestVersion) {
      document_.error(document_.position(*node), "unknown lockfile version " + std::to_string(version) +
                                                     " (cratescope understands versions 1 to 4)");
      return false;
    }
    lockfile.version = static_cast<int>(version);
    if (has_metadata_checksums && lockfile.version >= 2)
      document_.warning(document_.position(*node),
                        "[metadata] checksums in a version " + std::to_string(version) +
                            " lockfile are ignored (as Cargo does: probably a bad merge)");
    return true;
  }

  void read_metadata(Lockfile& lockfile, std::vector<MetadataChecksum>& checksums) {
    const toml::table* metadata = document_.get_table(document_.root(), "metadata", "[metadata]");
    if (!metadata) return;
    for (auto&& [key, value] : *metadata) {
      auto* text = value.as_string();
      if (!text) {
        document_.report_wrong_type(value, "a [metadata] value", "a string");
        continue;
      }
      std::string_view name = key.str();
      if (name.substr(0, kChecksumPrefix.size()) == kChecksumPrefix)
        checksums.push_back({std::string(name.substr(kChecksumPrefix.size())), text->get(), document_.position(key)});
      else
        lockfile.metadata[std::string(name)] = text->get();
    }
  }

  void read_packages(Lockfile& lockfile) {
    // Lockfiles from before 2017 put the root package in a [root] table.
    if (const toml::table* root = document_.get_table(document_.root(), "root", "[root]"))
      if (auto package = read_package(*root)) lockfile.packages.push_back(std::move(*package));
    const toml::array* packages = document_.get_array(document_.root(), "package", "[[package]]");
    if (!packages) return;
    for (const toml::node& element : *packages) {
      if (auto* table = element.as_table()) {
        if (auto package = read_package(*table)) lockfile.packages.push_back(std::move(*package));
      } else {
        document_.report_wrong_type(element, "each [[package]] entry", "a table");
      }
    }
  }

  std::optional<LockedPackage> read_package(const toml::table& table) {
    LockedPackage package;
    package.position = document_.position(table);
    auto name = document_.get_string(table, "name", "package `name`");
    auto version_text = document_.get_string(table, "version", "package `version`");
    if (!name) {
      if (!table.get("name")) document_.error(package.position, "package entry has no `name`");
      return std::nullopt;
    }
    if (name->empty()) {
      document_.error(document_.position(*table.get("name")), "package `name` is empty");
      return std::nullopt;
    }
    package.name = *name;
    package.name_position = document_.position(*table.get("name"));
    if (!version_text) {
      if (!table.get("version")) document_.error(package.position, "package `" + *name + "` has no `version`");
      return std::nullopt;
    }
    auto version = semver::Version::parse(*version_text);
    if (!version) {
      document_.error(document_.position(*table.get("version")),
                      "package `" + *name + "`: " + version.error());
      return std::nullopt;
    }
    package.version = std::move(*version);
    if (auto source = document_.get_string(table, "source", "package `source`")) {
      package.source = SourceId::parse(*source);
      if (package.source->kind == SourceKind::unknown)
        document_.warning(document_.position(*table.get("source")), "unknown kind of source `" + *source + "`");
    }
    // Kept verbatim: Debian and other vendors write non-hex placeholders.
    package.checksum = document_.get_string(table, "checksum", "package `checksum`").value_or("");
    package.replace = document_.get_string(table, "replace", "package `replace`");
    if (const toml::array* dependencies = document_.get_array(table, "dependencies", "package `dependencies`")) {
      for (const toml::node& entry : *dependencies)
        if (auto dependency = read_dependency(entry, package.name)) package.dependencies.push_back(std::move(*dependency));
    }
    return package;
  }

  std::optional<LockedDependency> read_dependency(const toml::node& entry, const std::string& owner) {
    auto* text = entry.as_string();
    if (!text) {
      document_.report_wrong_type(entry, "a dependency entry of `" + owner + "`", "a string");
      return std::nullopt;
    }
    LockedDependency dependency;
    dependency.position = document_.position(entry);
    auto id = split_package_id(text->get());
    if (!id) {
      document_.error(dependency.position, "malformed dependency entry `" + text->get() + "` of `" + owner +
                                               "` (expected \"name\", \"name version\" or \"name version (source)\")");
      return std::nullopt;
    }
    dependency.name = id->name;
    if (id->version) {
      auto version = semver::Version::parse(*id->version);
      if (!version) {
        document_.error(dependency.position, "dependency entry of `" + owner + "`: " + version.error());
        return std::nullopt;
      }
      dependency.version = std::move(*version);
    }
    if (id->source) dependency.source = SourceId::parse(*id->source);
    return dependency;
  }

  // Cargo refuses a lockfile that lists the same package twice.
  bool check_duplicates(const Lockfile& lockfile) {
    std::map<std::tuple<std::string, std::string, std::string>, const LockedPackage*> seen;
    bool ok = true;
    for (const LockedPackage& package : lockfile.packages) {
      auto key = std::make_tuple(package.name, package.version.to_string(), package.source ? package.source->raw : "");
      auto [it, inserted] = seen.emplace(key, &package);
      if (!inserted) {
        document_.error(package.position, "package `" + describe(package.name, package.version, package.source) +
                                              "` is listed twice (first at line " +
                                              std::to_string(it->second->position.line) + ")");
        ok = false;
      }
    }
    return ok;
  }

  void attach_checksums(Lockfile& lockfile, const std::vector<MetadataChecksum>& checksums) {
    if (lockfile.version != 1) return;
    for (const MetadataChecksum& checksum : checksums) {
      LockedPackage* package = find_exact(lockfile, checksum.key);
      if (!package) {
        document_.warning(checksum.position, "checksum for `" + checksum.key + "`, which is not a package of this lockfile");
        continue;
      }
      package->checksum = checksum.value;
    }
  }

  LockedPackage* find_exact(Lockfile& lockfile, const std::string& id_text) {
    auto id = split_package_id(id_text);
    if (!id || !id->version) return nullptr;
    auto version = semver::Version::parse(*id->version);
    if (!version) return nullptr;
    for (LockedPackage& package : lockfile.packages) {
      std::string source = package.source ? package.source->raw : "";
      if (package.name == id->name && same_version(package.version, *version) && source == id->source.value_or(""))
        return &package;
    }
    return nullptr;
  }

  void check_dependencies(const Lockfile& lockfile) {
    for (const LockedPackage& package : lockfile.packages) {
      for (const LockedDependency& dependency : package.dependencies) {
        if (lockfile.resolve(dependency) >= 0) continue;
        std::string entry = dependency.name;
        if (dependency.version) entry += " " + dependency.version->to_string();
        if (dependency.source) entry += " (" + dependency.source->raw + ")";
        document_.warning(dependency.position, "dependency `" + entry + "` of `" + package.name +
                                                   "` matches no single package of the lockfile");
      }
    }
  }

  const TomlDocument& document_;
};

}  // namespace

std::optional<Lockfile> parse_lockfile(std::string_view text, std::string path, Diagnostics& diagnostics) {
  auto document = TomlDocument::parse(text, std::move(path), diagnostics);
  if (!document) return std::nullopt;
  return LockfileReader(*document).read();
}

// Cargo's lookup of an encoded package id: the version may be omitted when the
// name has one version, the source when the name and version are unique or
// exactly one candidate is a path package (those never write a source).
int Lockfile::resolve(const LockedDependency& dependency) const {
  std::vector<int> by_name;
  for (size_t i = 0; i < packages.size(); ++i)
    if (packages[i].name == dependency.name) by_name.push_back(static_cast<int>(i));
  if (by_name.empty()) return -1;

  std::vector<int> by_version;
  if (dependency.version) {
    for (int i : by_name)
      if (same_version(packages[i].version, *dependency.version)) by_version.push_back(i);
  } else {
    for (int i : by_name)
      if (!same_version(packages[i].version, packages[by_name.front()].version)) return -1;
    by_version = by_name;
  }
  if (by_version.empty()) return -1;

  if (dependency.source) {
    for (int i : by_version)
      if (packages[i].source && packages[i].source->raw == dependency.source->raw) return i;
    return -1;
  }
  int path_package = -1;
  for (int i : by_version) {
    if (packages[i].source) continue;
    if (path_package >= 0) return -1;
    path_package = i;
  }
  if (path_package >= 0) return path_package;
  return by_version.size() == 1 ? by_version.front() : -1;
}

}  // namespace cratescope::load
