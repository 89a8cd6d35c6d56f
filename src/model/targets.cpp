#include "model/crate_model.hpp"

namespace cratescope::model {

std::string_view to_string(TargetKind kind) {
  switch (kind) {
    case TargetKind::lib: return "lib";
    case TargetKind::bin: return "bin";
    case TargetKind::example: return "example";
    case TargetKind::test: return "test";
    case TargetKind::bench: return "bench";
    case TargetKind::build_script: return "build-script";
  }
  return "?";
}

bool is_test_only(TargetKind kind) {
  return kind == TargetKind::test || kind == TargetKind::bench || kind == TargetKind::example;
}

namespace {

// dir/*.rs and dir/*/main.rs, as Cargo's target auto-discovery does.
void discover(const FileSystem& files, const fs::path& dir, TargetKind kind, std::vector<TargetSpec>& out) {
  for (const auto& entry : files.list_directory(dir)) {
    if (files.is_file(entry) && entry.extension() == ".rs") {
      out.push_back({kind, entry.stem().string(), entry.generic_string()});
    } else if (files.is_directory(entry) && files.is_file(entry / "main.rs")) {
      out.push_back({kind, entry.filename().string(), (entry / "main.rs").generic_string()});
    }
  }
}

}  // namespace

std::vector<TargetSpec> conventional_targets(const FileSystem& files, const std::string& crate_dir) {
  fs::path dir(crate_dir);
  std::vector<TargetSpec> out;
  if (files.is_file(dir / "src/lib.rs")) out.push_back({TargetKind::lib, "lib", (dir / "src/lib.rs").generic_string()});
  if (files.is_file(dir / "src/main.rs"))
    out.push_back({TargetKind::bin, "main", (dir / "src/main.rs").generic_string()});
  discover(files, dir / "src/bin", TargetKind::bin, out);
  if (files.is_file(dir / "build.rs"))
    out.push_back({TargetKind::build_script, "build-script-build", (dir / "build.rs").generic_string()});
  discover(files, dir / "examples", TargetKind::example, out);
  discover(files, dir / "tests", TargetKind::test, out);
  discover(files, dir / "benches", TargetKind::bench, out);
  return out;
}

}  // namespace cratescope::model
