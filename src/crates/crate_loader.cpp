#include "crates/crate_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "crates/crate_targets.hpp"
#include "load/manifest.hpp"

namespace cratescope::crates {

std::string crate_identifier(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

LoadedCrate load_crate(const Context& context, const std::string& crate_dir, const LoadOptions& options) {
  LoadedCrate out;
  std::filesystem::path dir(crate_dir);
  std::optional<load::Manifest> manifest;
  std::string manifest_path = (dir / "Cargo.toml").generic_string();
  if (context.files.is_file(manifest_path)) {
    if (auto text = context.files.read_file(manifest_path))
      manifest = load::parse_manifest(*text, manifest_path, context.diagnostics);
    else
      context.diagnostics.report({DiagnosticLevel::warning, {manifest_path, {}}, text.error(), ""});
  }
  const load::PackageInfo* package = manifest && manifest->package ? &*manifest->package : nullptr;
  if (manifest)
    for (const auto& dep : manifest->dependencies)
      out.crate_aliases.emplace(crate_identifier(dep.name), crate_identifier(dep.package));
  auto targets = crate_targets(context.files, crate_dir, package);
  std::erase_if(targets, [&](const model::TargetSpec& t) {
    return (model::is_test_only(t.kind) && !options.include_tests) ||
           (t.kind == model::TargetKind::bin && !options.include_bins);
  });
  // Without tests, `#[cfg(test)] mod x;` files are code Cargo never builds.
  out.model = model::build_crate_model(context, crate_dir, std::move(targets), {!options.include_tests, options.for_call_graph, options.cfg});
  out.has_manifest = package != nullptr;
  if (package) {
    out.name = package->name;
    out.version = package->version;
    out.proc_macro = package->proc_macro;
  }
  return out;
}

}  // namespace cratescope::crates
