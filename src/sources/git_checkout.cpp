#include "sources/git_checkout.hpp"

#include <algorithm>
#include <deque>

#include "core/ascii_text.hpp"
#include "load/manifest.hpp"

namespace cratescope::sources {

namespace {

// A repository can be large; the search for the package's manifest is bounded.
constexpr int kMaxDepth = 5;
constexpr size_t kMaxDirectories = 5000;

enum class Match { none, name_only, exact };

// Name and version; a version that cannot be read (e.g. inherited with
// `version.workspace = true`) still counts as a weaker match.
Match manifest_matches(const FileSystem& files, const std::filesystem::path& manifest, const std::string& name,
                       const semver::Version& version) {
  auto text = files.read_file(manifest, 16u << 20);
  if (!text) return Match::none;
  Diagnostics ignored;
  auto parsed = load::parse_manifest(*text, manifest.string(), ignored);
  if (!parsed || !parsed->package || parsed->package->name != name) return Match::none;
  auto v = semver::Version::parse(parsed->package->version);
  if (v && *v == version) return Match::exact;
  return v && parsed->package->version != "0.0.0" ? Match::none : Match::name_only;
}

std::optional<std::filesystem::path> find_package_in(const FileSystem& files, const std::filesystem::path& checkout,
                                                     const std::string& name, const semver::Version& version) {
  std::optional<std::filesystem::path> weak;
  std::deque<std::pair<std::filesystem::path, int>> queue{{checkout, 0}};
  size_t visited = 0;
  while (!queue.empty() && visited++ < kMaxDirectories) {
    auto [dir, depth] = queue.front();
    queue.pop_front();
    if (files.is_file(dir / "Cargo.toml")) {
      Match m = manifest_matches(files, dir / "Cargo.toml", name, version);
      if (m == Match::exact) return dir;
      if (m == Match::name_only && !weak) weak = dir;
    }
    if (depth == kMaxDepth) continue;
    for (auto& child : files.list_directory(dir)) {
      std::string base = child.filename().string();
      if (base.empty() || base[0] == '.' || base == "target" || !files.is_directory(child)) continue;
      queue.emplace_back(child, depth + 1);
    }
  }
  return weak;
}

}  // namespace

std::string git_repository_ident(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::string last = path.substr(path.find_last_of('/') + 1);
  if (last.size() > 4 && last.compare(last.size() - 4, 4, ".git") == 0) last.resize(last.size() - 4);
  return ascii_lower(last.empty() ? "_empty" : last);
}

GitLookup find_git_checkout(const FileSystem& files, const std::filesystem::path& cargo_home,
                            const load::SourceId& source, const std::string& name, const semver::Version& version) {
  if (cargo_home.empty()) return {std::nullopt, "no Cargo home to look for git checkouts in"};
  if (!is_hex_digits(source.precise)) return {std::nullopt, "the lockfile gives no commit for " + source.url};
  auto checkouts = cargo_home / "git" / "checkouts";
  const std::string prefix = git_repository_ident(source.url) + "-";
  const std::string commit = ascii_lower(source.precise);
  bool any_checkout = false;
  for (auto& repo : files.list_directory(checkouts)) {
    std::string dir_name = ascii_lower(repo.filename().string());
    if (dir_name.compare(0, prefix.size(), prefix) != 0 || !is_hex_digits(std::string_view(dir_name).substr(prefix.size())))
      continue;
    for (auto& rev : files.list_directory(repo)) {
      std::string short_id = ascii_lower(rev.filename().string());
      // Cargo names the directory after an abbreviation (7+ digits) of the commit.
      if (short_id.size() < 7 || !is_hex_digits(short_id) || commit.compare(0, short_id.size(), short_id) != 0) continue;
      any_checkout = true;
      if (auto found = find_package_in(files, rev, name, version)) return {found, {}};
    }
  }
  std::string at = source.url + " at " + commit.substr(0, 7);
  if (any_checkout) return {std::nullopt, "the checkout of " + at + " has no package " + name + " " + version.to_string()};
  return {std::nullopt, "no checkout of " + at + " in " + checkouts.string()};
}

}  // namespace cratescope::sources
