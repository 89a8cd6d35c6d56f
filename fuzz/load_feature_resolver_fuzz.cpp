// libFuzzer target: Cargo's feature resolution on manifests of any bytes.
// The input is up to eight Cargo.toml texts separated by lines `%%`: the
// first is the workspace member, the others registry packages; a Cargo.lock
// joins each package to every other one its manifest names. The graph is
// built as `audit` builds it (lockfile + manifests from a source root), for
// every platform and then for one; the first byte picks the selection.
// Never a crash or hang, and what comes out must hold together.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "load/project_graph.hpp"

namespace {

using namespace cratescope;
using namespace cratescope::load;

std::vector<std::string> split_manifests(std::string_view text) {
  std::vector<std::string> out;
  while (out.size() < 8) {
    size_t cut = text.find("\n%%\n");
    out.emplace_back(text.substr(0, cut));
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 4);
  }
  return out;
}

bool plain_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

// The features a package reports must be its own: a [features] entry or an
// optional dependency's name.
void check(const ProjectGraph& graph) {
  for (size_t p = 0; p < graph.packages.size(); ++p) {
    const GraphPackage& package = graph.packages[p];
    if (!package.features || !package.feature_table) continue;
    for (const std::string& f : *package.features) {
      bool optional_dependency = false;
      for (size_t e : graph.out_edges(p)) optional_dependency |= graph.edges[e].optional && graph.edges[e].name == f;
      if (!package.feature_table->contains(f) && !optional_dependency) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t mode = data[0];
  std::vector<std::string> texts =
      split_manifests(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));

  // Names first: the lockfile lists the packages whose manifests say who they are.
  std::vector<std::string> names, sources;
  std::vector<Manifest> manifests;
  for (const std::string& text : texts) {
    Diagnostics quiet;
    auto manifest = parse_manifest(text, "Cargo.toml", quiet);
    if (!manifest || !manifest->package || !plain_name(manifest->package->name)) continue;
    names.push_back(manifest->package->name);
    sources.push_back(text);
    manifests.push_back(std::move(*manifest));
  }
  if (manifests.empty()) return 0;

  MemoryFileSystem files;
  std::string lock = "version = 3\n";
  for (size_t i = 0; i < manifests.size(); ++i) {
    const std::string& name = names[i];
    lock += "\n[[package]]\nname = \"" + name + "\"\nversion = \"1.0.0\"\n";
    if (i > 0) lock += "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
    lock += "dependencies = [";
    for (const auto& spec : manifests[i].dependencies)
      for (size_t j = 0; j < names.size(); ++j)
        if (j != i && names[j] == spec.package) lock += "\"" + names[j] + "\",";
    lock += "]\n";
    std::string dir = i == 0 ? "/ws" : "/registry/" + name + "-1.0.0";
    files.add_file(dir + "/Cargo.toml", sources[i]);
  }
  files.add_file("/ws/Cargo.lock", lock);

  Diagnostics diagnostics;
  Timers timers;
  Context ctx{files, diagnostics, timers};
  auto ws = load_workspace("/ws", ctx);
  if (!ws) return 0;
  SourceLocator locator(files);
  locator.add_root("/registry");
  FeatureSelection selection;
  selection.all_features = mode & 1;
  selection.default_features = !(mode & 2);
  if (mode & 4) selection.features = {"std", names[0] + "/default", "serde/derive"};
  auto graph = build_graph_from_lockfile(*ws, locator, ctx, selection);
  if (!graph) return 0;
  check(*graph);
  graph->select_target(TargetPlatform::from_triple(mode & 8 ? "x86_64-pc-windows-msvc" : "aarch64-unknown-linux-gnu"),
                       diagnostics);
  check(*graph);
  return 0;
}
