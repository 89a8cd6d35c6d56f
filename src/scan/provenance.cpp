#include "scan/provenance.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string_view>

#include "core/file_system.hpp"
#include "git/git_support.hpp"

namespace cratescope::scan {

std::optional<VcsInfo> parse_vcs_info(std::string_view text, std::string& error) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    error = "not valid JSON";
    return std::nullopt;
  }
  const auto git = json.find("git");
  if (git == json.end() || !git->is_object() || !git->contains("sha1") || !(*git)["sha1"].is_string()) {
    error = "no git.sha1";
    return std::nullopt;
  }
  VcsInfo info;
  info.commit = (*git)["sha1"].get<std::string>();
  info.dirty = git->value("dirty", false);
  if (auto path = json.find("path_in_vcs"); path != json.end() && path->is_string()) info.path_in_vcs = path->get<std::string>();
  return info;
}

namespace {

ScanFinding provenance_finding(std::string rule, std::string file, std::string excerpt, std::string why) {
  ScanFinding finding;
  finding.rule_id = std::move(rule);
  finding.kind = FindingKind::provenance;
  finding.category = "vcs-info";
  finding.severity = Severity::low;
  finding.confidence = Confidence::low;
  finding.location = {std::move(file), {}};
  finding.excerpt = std::move(excerpt);
  finding.why = std::move(why);
  return finding;
}

}  // namespace

void vcs_info_findings(std::string_view file, std::string_view text, std::vector<ScanFinding>& out) {
  std::string error;
  auto info = parse_vcs_info(text, error);
  if (!info) {
    out.push_back(provenance_finding("vcs-info-unreadable", std::string(file), error,
                                     "the package's record of its commit cannot be read: it cannot be compared "
                                     "with its repository"));
  } else if (info->dirty) {
    out.push_back(provenance_finding("vcs-info-dirty", std::string(file), "commit " + info->commit + ", dirty",
                                     "published with uncommitted changes: some files are in no commit of the "
                                     "repository"));
  }
}

ScanFinding missing_vcs_info_finding() {
  return provenance_finding("vcs-info-missing", ".cargo_vcs_info.json", "",
                            "the package does not name the commit it was published from (published with "
                            "--allow-dirty from outside git, or by a tool other than cargo)");
}

namespace {

// What cargo itself writes or rewrites when it packages a crate.
bool written_by_cargo(const std::string& file) {
  return file == ".cargo_vcs_info.json" || file == "Cargo.toml" || file == "Cargo.lock";
}

Severity weight(const std::string& file, const std::set<std::string>& build_time) {
  if (build_time.contains(file) || file == "build.rs") return Severity::high;
  if (file.ends_with(".rs") || file == "Cargo.toml.orig") return Severity::medium;
  return Severity::low;
}

// Whether the file at `path` holds exactly `expected`: compared by size
// first, and never read past it (a packaged file may be huge).
bool same_bytes(const std::string& path, std::string_view expected) {
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) != expected.size() || ec) return false;
  auto bytes = RealFileSystem().read_file(path, expected.size());
  return bytes && *bytes == expected;
}

struct TreeFiles {
  std::vector<std::string> paths;
};

int collect_blob(const char* root, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
    static_cast<TreeFiles*>(payload)->paths.push_back(std::string(root) + git_tree_entry_name(entry));
  return static_cast<TreeFiles*>(payload)->paths.size() < 100'000 ? 0 : -1;  // a bound, not a hang
}

using Tree = git::Handle<git_tree, git_tree_free>;
using TreeEntry = git::Handle<git_tree_entry, git_tree_entry_free>;
using Blob = git::Handle<git_blob, git_blob_free>;

}  // namespace

Expected<bool> compare_with_repository(const std::string& crate_dir, const std::vector<std::string>& files,
                                       const VcsInfo& info, const std::string& repository,
                                       const std::set<std::string>& build_time, std::vector<ScanFinding>& out) {
  git::Library library;
  git::Repository repo;
  if (!git::open_repository(repo, repository)) return unexpected(repository + ": not a git repository: " + git::last_error());
  git_oid oid;
  git::Commit commit;
  if (git_oid_fromstr(&oid, info.commit.c_str()) != 0 || git_commit_lookup(commit.out(), repo.get(), &oid) != 0) {
    ScanFinding finding = provenance_finding(
        "vcs-commit-not-found", ".cargo_vcs_info.json", "commit " + info.commit,
        "the commit the package names is not in the repository " + repository +
            ": history rewritten, a fork, or a commit that never was pushed");
    finding.severity = Severity::medium;
    finding.confidence = Confidence::medium;
    out.push_back(std::move(finding));
    return true;
  }
  Tree tree;
  if (git_commit_tree(tree.out(), commit.get()) != 0) return unexpected(repository + ": " + git::last_error());
  std::string prefix = info.path_in_vcs.empty() ? "" : info.path_in_vcs + "/";
  // Files of the commit the package leaves out: usually tests and CI files
  // (`exclude`), so only noted, never counted.
  {
    Tree crate_tree;
    TreeEntry crate_entry;
    bool found = prefix.empty() ? git_tree_dup(crate_tree.out(), tree.get()) == 0
                                : git_tree_entry_bypath(crate_entry.out(), tree.get(), info.path_in_vcs.c_str()) == 0 &&
                                      git_tree_lookup(crate_tree.out(), repo.get(), git_tree_entry_id(crate_entry.get())) == 0;
    TreeFiles in_commit;
    if (found) git_tree_walk(crate_tree.get(), GIT_TREEWALK_PRE, collect_blob, &in_commit);
    std::set<std::string> packaged(files.begin(), files.end());
    std::vector<std::string> left_out;
    for (const std::string& path : in_commit.paths)
      if (!packaged.contains(path) && !(path == "Cargo.toml" && packaged.contains("Cargo.toml.orig"))) left_out.push_back(path);
    if (!left_out.empty()) {
      std::string names;
      for (size_t i = 0; i < left_out.size() && i < 5; ++i) names += (i ? ", " : "") + left_out[i];
      if (left_out.size() > 5) names += ", ...";
      out.push_back(provenance_finding("files-not-packaged", ".cargo_vcs_info.json",
                                       std::to_string(left_out.size()) + " file(s): " + names,
                                       "files of the published commit that the package leaves out (usually tests and "
                                       "CI files excluded on purpose)"));
    }
  }
  for (const std::string& file : files) {
    if (written_by_cargo(file)) continue;
    // cargo keeps the manifest as written in Cargo.toml.orig.
    std::string in_repository = prefix + (file == "Cargo.toml.orig" ? "Cargo.toml" : file);
    TreeEntry entry;
    Blob blob;
    bool present = git_tree_entry_bypath(entry.out(), tree.get(), in_repository.c_str()) == 0 &&
                   git_tree_entry_type(entry.get()) == GIT_OBJECT_BLOB &&
                   git_blob_lookup(blob.out(), repo.get(), git_tree_entry_id(entry.get())) == 0;
    bool same = present && same_bytes(crate_dir + "/" + file,
                                      std::string_view(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                                       static_cast<size_t>(git_blob_rawsize(blob.get()))));
    if (same) continue;
    ScanFinding finding = provenance_finding(
        present ? "file-differs-from-repository" : "file-not-in-repository", file,
        (present ? "differs from " : "not in ") + in_repository + " at " + info.commit.substr(0, 12),
        present ? "the packaged file differs from the repository's at the published commit: the change was made at "
                  "packaging time, where no one reviews it"
                : "the packaged file is not in the repository at the published commit: it was added at packaging "
                  "time, where no one reviews it");
    finding.category = "repository";
    finding.severity = weight(file, build_time);
    finding.confidence = Confidence::medium;
    finding.build_time = build_time.contains(file);
    out.push_back(std::move(finding));
  }
  return true;
}

}  // namespace cratescope::scan
