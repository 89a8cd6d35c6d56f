#include "cli/project_loader.hpp"

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace cratescope::cli {
namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `cargo metadata` only reads manifests (no build scripts run), and --offline
// keeps it off the network.
Expected<std::string> run_cargo_metadata(const fs::path& manifest, const load::FeatureSelection& features) {
  std::string command = "cargo metadata --offline --format-version 1 --manifest-path " + shell_quote(manifest.string());
  if (features.all_features) command += " --all-features";
  if (!features.default_features) command += " --no-default-features";
  for (const auto& f : features.features) command += " --features " + shell_quote(f);
  command += " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return unexpected(std::string("cannot run cargo"));
  std::string output;
  std::array<char, 65536> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  int status = pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return unexpected(std::string("`cargo metadata --offline` failed (exit ") +
                      std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  return output;
}

}  // namespace

void add_feature_options(CLI::App* command, load::FeatureSelection& features) {
  const char* group = "Features (which optional dependencies of the members the call graph may enter)";
  command->add_option("-F,--features", features.features, "Features of the members to enable (comma-separated; repeatable)")
      ->delimiter(',')
      ->group(group);
  command->add_flag("--all-features", features.all_features, "Enable every feature of the members")->group(group);
  command->add_flag("--no-default-features", [&features](int64_t) { features.default_features = false; },
                    "Do not enable the members' default features")
      ->group(group);
}

std::optional<LoadedProject> load_project(const std::string& argument, bool use_cargo, Context& ctx,
                                          const load::FeatureSelection& features) {
  fs::path path = argument.empty() ? fs::path(".") : fs::path(argument);
  LoadedProject project;
  if (path.filename() == "Cargo.lock" && !ctx.files.is_file(path.parent_path() / "Cargo.toml")) {
    // A lockfile on its own: every local package in it is taken for a member.
    auto text = ctx.files.read_file(path);
    if (!text) {
      ctx.diagnostics.error(path.string(), "", {}, text.error());
      return std::nullopt;
    }
    auto lock = load::parse_lockfile(*text, path.string(), ctx.diagnostics);
    if (!lock) return std::nullopt;
    project.workspace.root = path.parent_path();
    project.workspace.lockfile = std::move(lock);
  } else {
    if (path.filename() == "Cargo.lock") path = path.parent_path();
    auto ws = load::load_workspace(path, ctx);
    if (!ws) return std::nullopt;
    project.workspace = std::move(*ws);
  }
  const load::Workspace& ws = project.workspace;
  if (use_cargo && ctx.files.is_file(ws.root / "Cargo.toml")) {
    auto json = run_cargo_metadata(ws.root / "Cargo.toml", features);
    if (json) {
      auto graph = load::build_graph_from_metadata(*json, "cargo metadata", ws.lockfile ? &*ws.lockfile : nullptr, ctx);
      if (graph) {
        project.graph = std::move(*graph);
        project.graph.feature_selection = features;
        return project;
      }
    } else {
      ctx.diagnostics.warning("", "", {}, json.error() + "; resolving from Cargo.lock and the manifests instead");
    }
  }
  if (!ws.lockfile) {
    // A lockfile that exists but failed to parse has been reported already.
    if (!ctx.files.is_file(ws.root / "Cargo.lock"))
      ctx.diagnostics.error((ws.root / "Cargo.lock").string(), "", {},
                            "no Cargo.lock (run `cargo generate-lockfile`, or pass --use-cargo)");
    return std::nullopt;
  }
  load::SourceLocator locator(ctx.files);
  locator.add_default_roots(ws.root);
  auto graph = load::build_graph_from_lockfile(ws, locator, ctx, features);
  if (!graph) return std::nullopt;
  project.graph = std::move(*graph);
  return project;
}

}  // namespace cratescope::cli
