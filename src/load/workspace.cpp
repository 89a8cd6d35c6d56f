// load_workspace(): the root manifest, every member with inheritance resolved,
// the path dependencies outside the workspace, and the lockfile.
#include "load/workspace.hpp"

#include "load/path_cycles.hpp"

#include <set>

#include "load/manifest_loader.hpp"
#include "load/path_glob.hpp"
#include "load/workspace_inheritance.hpp"
#include "load/workspace_root.hpp"

namespace cratescope::load {

namespace {

struct Collected {
  std::vector<Manifest> members;
  std::vector<Manifest> path_dependencies;
  std::set<std::string> member_paths;
};

// Members are the root package, the `members` entries (globs expanded, minus
// `exclude`), and, as Cargo does, the path dependencies of members that lie
// inside the root directory. Other path dependencies are collected apart.
class MemberCollector {
 public:
  MemberCollector(ManifestLoader& loader, Diagnostics& diagnostics, const fs::path& root_manifest)
      : loader_(loader), files_(loader.files()), diagnostics_(diagnostics), root_manifest_(root_manifest),
        root_dir_(root_manifest.parent_path()) {}

  Collected run() {
    const LoadedManifest* root = loader_.load(root_manifest_);
    if (!root) return {};
    workspace_ = root->manifest.workspace ? &*root->manifest.workspace : nullptr;
    if (root->manifest.package) enqueue(root_manifest_, true);
    if (workspace_) add_listed_members(*root);
    // Breadth first; `queue_` grows while it is walked, and `seen_` stops cycles.
    for (size_t i = 0; i < queue_.size(); ++i) follow_path_dependencies(queue_[i]);
    return std::move(collected_);
  }

 private:
  struct Queued {
    bool member;
    size_t index;
  };

  void add_listed_members(const LoadedManifest& root) {
    const WorkspaceInfo& workspace = *workspace_;
    for (size_t i = 0; i < workspace.members.size(); ++i) {
      const std::string& pattern = workspace.members[i];
      TextPosition position = i < workspace.member_positions.size() ? workspace.member_positions[i] : TextPosition{};
      std::vector<fs::path> dirs;
      if (has_glob_characters(pattern)) {
        auto expanded = expand_directory_glob(root_dir_, pattern, files_);
        if (expanded.empty())
          diagnostics_.error(root.manifest.path, root.text, position,
                             "workspace member pattern `" + pattern + "` matches no directory");
        for (fs::path& dir : expanded)
          if (!is_excluded(workspace, root_dir_, dir)) dirs.push_back(std::move(dir));
      } else {
        dirs.push_back(normalized(root_dir_ / pattern));
      }
      for (const fs::path& dir : dirs) {
        fs::path manifest_path = dir / kManifestFileName;
        if (files_.is_file(manifest_path)) {
          enqueue(manifest_path, true);
        } else {
          std::string relative = dir.lexically_relative(root_dir_).generic_string();
          diagnostics_.error(root.manifest.path, root.text, position,
                             "workspace member `" + relative + "` has no Cargo.toml (" + manifest_path.generic_string() +
                                 ")");
        }
      }
    }
  }

  void follow_path_dependencies(Queued item) {
    // Copies: enqueue() may grow the vectors the manifest lives in.
    const Manifest& manifest = item.member ? collected_.members[item.index] : collected_.path_dependencies[item.index];
    const std::vector<DependencySpec> dependencies = manifest.dependencies;
    const std::string manifest_path = manifest.path;
    fs::path dir = fs::path(manifest_path).parent_path();
    for (const DependencySpec& dependency : dependencies) {
      if (!dependency.path) continue;
      fs::path target_dir = normalized(dir / *dependency.path);
      fs::path target = target_dir / kManifestFileName;
      if (seen_.count(target.generic_string())) continue;
      if (!files_.is_file(target)) {
        if (missing_.insert(target.generic_string() + "\n" + manifest_path).second) {
          const LoadedManifest* loaded = loader_.load(manifest_path);
          diagnostics_.error(manifest_path, loaded ? std::string_view(loaded->text) : std::string_view{},
                             dependency.position,
                             "path dependency `" + dependency.name + "` has no Cargo.toml (" + target.generic_string() +
                                 ")");
        }
        continue;
      }
      bool member = item.member && workspace_ && is_within(target_dir, root_dir_) &&
                    !is_excluded(*workspace_, root_dir_, target_dir);
      enqueue(target, member);
    }
  }

  void enqueue(const fs::path& manifest_path, bool member) {
    if (!seen_.insert(normalized(manifest_path).generic_string()).second) return;
    const LoadedManifest* loaded = loader_.load(manifest_path);
    if (!loaded) return;
    Manifest manifest = loaded->manifest;
    detect_build_script(manifest);
    if (member) {
      resolve_inheritance(manifest, loaded->text, workspace_, root_dir_, diagnostics_);
      collected_.member_paths.insert(manifest.path);
      collected_.members.push_back(std::move(manifest));
      queue_.push_back({true, collected_.members.size() - 1});
    } else {
      // Outside the workspace: it inherits from its own workspace, if any.
      fs::path own_root = find_root_candidate(manifest_path, loader_);
      const LoadedManifest* root = loader_.files().is_file(own_root) ? loader_.load(own_root) : nullptr;
      const WorkspaceInfo* workspace = root && root->manifest.workspace ? &*root->manifest.workspace : nullptr;
      resolve_inheritance(manifest, loaded->text, workspace, own_root.parent_path(), diagnostics_);
      collected_.path_dependencies.push_back(std::move(manifest));
      queue_.push_back({false, collected_.path_dependencies.size() - 1});
    }
  }

  // Cargo builds `build.rs` next to the manifest unless `build` says otherwise.
  void detect_build_script(Manifest& manifest) const {
    if (!manifest.package || manifest.package->build_script || manifest.package->build_script_disabled) return;
    if (files_.is_file(fs::path(manifest.path).parent_path() / "build.rs")) manifest.package->build_script = "build.rs";
  }

  ManifestLoader& loader_;
  const FileSystem& files_;
  Diagnostics& diagnostics_;
  fs::path root_manifest_;
  fs::path root_dir_;
  const WorkspaceInfo* workspace_ = nullptr;
  Collected collected_;
  std::vector<Queued> queue_;
  std::set<std::string> seen_;
  std::set<std::string> missing_;
};

std::optional<Lockfile> read_lockfile(const fs::path& root_dir, Context& ctx) {
  fs::path path = root_dir / "Cargo.lock";
  if (!ctx.files.is_file(path)) return std::nullopt;
  auto text = ctx.files.read_file(path);
  if (!text) {
    ctx.diagnostics.error(path.generic_string(), "", {}, text.error());
    return std::nullopt;
  }
  return parse_lockfile(*text, path.generic_string(), ctx.diagnostics);
}

}  // namespace

std::optional<Workspace> load_workspace(const fs::path& start, Context& ctx) {
  auto timer = ctx.timers.scope("load workspace");
  ManifestLoader loader(ctx.files, ctx.diagnostics);
  auto start_manifest = locate_manifest(start, ctx.files, ctx.diagnostics);
  if (!start_manifest) return std::nullopt;
  const LoadedManifest* start_loaded = loader.load(*start_manifest);
  if (!start_loaded) return std::nullopt;

  fs::path root_manifest = find_root_candidate(*start_manifest, loader);
  Collected collected;
  if (root_manifest != *start_manifest) {
    // Collect into a scratch sink first: if the start package turns out not to
    // be a member, that workspace's problems are not ours to report.
    Diagnostics candidate_diagnostics;
    if (ctx.files.is_file(root_manifest) && loader.load(root_manifest))
      collected = MemberCollector(loader, candidate_diagnostics, root_manifest).run();
    if (collected.member_paths.count(start_manifest->generic_string())) {
      for (Diagnostic& diagnostic : candidate_diagnostics.all()) ctx.diagnostics.report(std::move(diagnostic));
    } else {
      TextPosition where = start_loaded->manifest.package ? start_loaded->manifest.package->position : TextPosition{};
      ctx.diagnostics.warning(start_loaded->manifest.path, start_loaded->text, where,
                              "this package is not a member of the workspace at " + root_manifest.generic_string() +
                                  " (Cargo would refuse to build it); loading it on its own");
      root_manifest = *start_manifest;
    }
  }
  if (root_manifest == *start_manifest) collected = MemberCollector(loader, ctx.diagnostics, root_manifest).run();

  Workspace workspace;
  workspace.root = root_manifest.parent_path();
  workspace.root_manifest = loader.load(root_manifest)->manifest;
  for (const Manifest& member : collected.members)
    if (member.path == workspace.root_manifest.path) workspace.root_manifest = member;  // the resolved copy
  workspace.members = std::move(collected.members);
  workspace.path_dependencies = std::move(collected.path_dependencies);
  workspace.lockfile = read_lockfile(workspace.root, ctx);
  report_path_dependency_cycles(workspace, ctx);
  return workspace;
}

}  // namespace cratescope::load
