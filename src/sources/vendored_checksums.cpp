#include "sources/vendored_checksums.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "core/ascii_text.hpp"
#include "core/source_location.hpp"
#include "sources/crate_checksum.hpp"

namespace cratescope::sources {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kChecksumFile = ".cargo-checksum.json";
// Bounds on the walk for files the checksum file does not list: a huge tree
// must end, not hang.
constexpr int kMaxWalkDepth = 32;
constexpr size_t kMaxWalkEntries = 200'000;

// A listed path Cargo would join to the package directory: relative, and
// never leaving it (a crafted checksum file must not make us read elsewhere).
bool safe_relative_path(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos) return false;
  for (const auto& part : fs::path(path))
    if (part == ".." || part == ".") return false;
  return true;
}

// Whether a link at `link` in the package `dir` points inside it (judged
// from the paths, so a link to a link is judged at each link).
bool points_inside(const fs::path& dir, const fs::path& link, const fs::path& target) {
  if (target.empty()) return false;
  fs::path resolved = (target.is_absolute() ? target : link.parent_path() / target).lexically_normal();
  fs::path relative = resolved.lexically_relative(dir.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

struct SymbolicLink {
  std::string relative;
  fs::path target;
  bool inside = false;
};

// `budget` counts every entry seen, directories too. Links are listed, not
// followed: `cargo vendor` copies what links point to, so a link here was
// made by hand, and a linked directory could lead anywhere (or loop).
void list_files(const FileSystem& files, const fs::path& package, const fs::path& dir, const std::string& prefix,
                int depth, size_t& budget, std::vector<std::string>& out, std::vector<SymbolicLink>& links) {
  if (depth > kMaxWalkDepth) return;
  for (const fs::path& entry : files.list_directory(dir)) {
    if (budget == 0) return;
    --budget;
    std::string relative = prefix + entry.filename().generic_string();
    if (auto target = files.symlink_target(entry)) {
      links.push_back({relative, *target, points_inside(package, entry, *target)});
    } else if (files.is_directory(entry)) {
      list_files(files, package, entry, relative + "/", depth + 1, budget, out, links);
    } else {
      out.push_back(std::move(relative));
    }
  }
}

// The first link out of the package on the way to a listed file (a linked
// directory counts), if any.
std::optional<SymbolicLink> link_out_of(const FileSystem& files, const fs::path& dir, const std::string& name) {
  fs::path at = dir;
  for (const auto& part : fs::path(name)) {
    at /= part;
    if (auto target = files.symlink_target(at); target && !points_inside(dir, at, *target))
      return SymbolicLink{name, *target, false};
  }
  return std::nullopt;
}

std::string links_warning(const std::vector<SymbolicLink>& links, size_t shown_at_most) {
  std::string out = std::to_string(links.size()) + " symbolic link" + (links.size() == 1 ? "" : "s") +
                    " (`cargo vendor` copies files and makes none, so " + (links.size() == 1 ? "it was" : "they were") +
                    " made by hand; links out of the package are not read): ";
  for (size_t i = 0; i < links.size() && i < shown_at_most; ++i)
    out += (i ? ", " : "") + links[i].relative + " -> " + links[i].target.generic_string() +
           (links[i].inside ? "" : " (out of the package)");
  if (links.size() > shown_at_most) out += " and " + std::to_string(links.size() - shown_at_most) + " more";
  return out;
}

std::string unlisted_warning(const std::vector<std::string>& unlisted, size_t shown_at_most) {
  std::string out = std::to_string(unlisted.size()) + (unlisted.size() == 1 ? " file is" : " files are") +
                    " not listed in .cargo-checksum.json, so Cargo never checks " +
                    (unlisted.size() == 1 ? "it" : "them") + " (added after vendoring?): ";
  for (size_t i = 0; i < unlisted.size() && i < shown_at_most; ++i) out += (i ? ", " : "") + unlisted[i];
  if (unlisted.size() > shown_at_most) out += " and " + std::to_string(unlisted.size() - shown_at_most) + " more";
  for (const std::string& file : unlisted)
    if (file == "build.rs") {
      out += "; Cargo runs an unlisted build.rs when Cargo.toml does not set `build`";
      break;
    }
  return out;
}

}  // namespace

VendorCheck check_vendored_package(const FileSystem& files, const fs::path& dir, const std::string& package,
                                   const std::string& locked, const VendorCheckLimits& limits) {
  VendorCheck out;
  const fs::path checksum_path = dir / kChecksumFile;
  const std::string where = checksum_path.string();
  if (!files.is_file(checksum_path)) {
    out.warnings.push_back(where + ": missing, so the vendored files of " + package +
                           " cannot be checked (Cargo refuses to build from a vendor directory without it)");
    return out;
  }
  auto text = files.read_file(checksum_path, limits.max_checksum_file_bytes);
  if (!text) {
    out.warnings.push_back(text.error() + ": the vendored files of " + package + " are not checked");
    return out;
  }
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error& e) {
    TextPosition at = position_of_offset(*text, e.byte == 0 ? 0 : e.byte - 1);  // the last byte read
    // nlohmann's what(): "[json.exception...] parse error at line L, column C: <why>"; keep <why>.
    std::string why = e.what();
    if (size_t column = why.find("column "); column != std::string::npos && why.find(": ", column) != std::string::npos)
      why = why.substr(why.find(": ", column) + 2);
    out.warnings.push_back(to_string(SourceLocation{where, at}) + ": not valid JSON (" + why +
                           "), so the vendored files of " + package + " are not checked");
    return out;
  } catch (const nlohmann::json::exception& e) {  // a number out of range: no position to give
    out.warnings.push_back(where + ": not readable JSON (" + e.what() + "), so the vendored files of " + package +
                           " are not checked");
    return out;
  }
  const auto listed = json.is_object() && json.contains("files") ? json["files"] : nlohmann::json();
  if (!listed.is_object()) {
    out.warnings.push_back(where + ": no \"files\" object, so the vendored files of " + package + " are not checked");
    return out;
  }

  std::vector<std::string> problems;
  if (json.contains("package") && json["package"].is_string()) {
    std::string vendored = json["package"].get<std::string>();
    if (is_sha256_hex(vendored) && is_sha256_hex(locked) && !same_sha256(vendored, locked))
      problems.push_back("it was vendored from the .crate with sha256 " + ascii_lower(vendored) +
                         ", but Cargo.lock pins " + ascii_lower(locked));
  }
  std::set<std::string> names;
  for (const auto& [name, sum] : listed.items()) {
    names.insert(name);
    if (!safe_relative_path(name)) {
      problems.push_back("it lists '" + name + "', a path outside the package");
      continue;
    }
    if (!sum.is_string() || !is_sha256_hex(sum.get<std::string>())) {
      out.warnings.push_back(where + ": the sum listed for " + name + " is not a sha256, so it is not checked");
      continue;
    }
    const std::string expected = ascii_lower(sum.get<std::string>());
    const fs::path file = dir / fs::path(name);
    if (auto out_of_package = link_out_of(files, dir, name)) {
      problems.push_back(name + " is reached through a symbolic link out of the package (to " +
                         out_of_package->target.generic_string() + "), which is not read");
      continue;
    }
    if (!files.is_file(file)) {
      problems.push_back(name + " is listed but gone");
      continue;
    }
    auto bytes = files.read_file(file, limits.max_file_bytes);
    if (!bytes) {
      out.warnings.push_back(bytes.error() + ": not checked against .cargo-checksum.json");
      continue;
    }
    std::string actual = sha256_hex(*bytes);
    if (actual != expected) problems.push_back(name + " has changed (listed " + expected + ", now " + actual + ")");
  }
  if (!problems.empty()) {
    std::string message = dir.string() + ": not what was vendored for " + package + ": ";
    for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    out.mismatch = message + ". Cargo refuses to build it, and it is not analysed";
  }

  std::vector<std::string> present, unlisted;
  std::vector<SymbolicLink> links;
  size_t budget = kMaxWalkEntries;
  list_files(files, dir, dir, "", 0, budget, present, links);
  if (!links.empty()) out.warnings.push_back(dir.string() + ": " + links_warning(links, limits.max_unlisted_shown));
  // `{"files":{}}` is the documented way to vendor by hand: nothing to compare with.
  if (names.empty()) return out;
  for (std::string& file : present)
    if (file != kChecksumFile && !names.count(file)) unlisted.push_back(std::move(file));
  if (!unlisted.empty()) out.warnings.push_back(where + ": " + unlisted_warning(unlisted, limits.max_unlisted_shown));
  return out;
}

}  // namespace cratescope::sources
