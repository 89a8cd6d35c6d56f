#include "capabilities/crate_capabilities.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "crates/crate_loader.hpp"
#include "capabilities/target_findings.hpp"
#include "load/manifest.hpp"

namespace cratescope::capabilities {

std::string_view to_string(Confidence confidence) {
  switch (confidence) {
    case Confidence::certain: return "certain";
    case Confidence::likely: return "likely";
    case Confidence::possible: return "possible";
  }
  return "?";
}

void UnsafeCounts::add(const model::UnsafeSite& site) {
  switch (site.kind) {
    case model::UnsafeKind::function: ++functions; break;
    case model::UnsafeKind::block:
      ++blocks;
      if (site.has_safety_comment) ++blocks_with_safety;
      break;
    case model::UnsafeKind::impl: ++impls; break;
    case model::UnsafeKind::trait: ++traits; break;
    case model::UnsafeKind::extern_item: ++extern_items; break;
  }
  if (site.in_macro_rules) ++in_macro_rules;
}

std::set<Capability> CrateCapabilities::capabilities() const {
  std::set<Capability> out;
  for (const auto& f : findings) out.insert(f.capability);
  return out;
}

size_t CrateCapabilities::count(Capability capability) const {
  return static_cast<size_t>(
      std::count_if(findings.begin(), findings.end(), [&](const auto& f) { return f.capability == capability; }));
}

namespace {

auto location_key(const SourceLocation& l) { return std::tie(l.file, l.position.line, l.position.column); }

// One file can belong to several targets (a lib and a bin both `mod util;`):
// its findings are kept once.
void sort_unique(std::vector<CapabilityFinding>& findings) {
  auto key = [](const CapabilityFinding& f) {
    return std::tie(f.location.file, f.location.position.line, f.location.position.column, f.capability, f.evidence);
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  findings.erase(std::unique(findings.begin(), findings.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); }),
                 findings.end());
}

void unanalyzed_files(const model::CrateModel& model, CrateCapabilities& out) {
  // The function (module) of a file: the first module that lives in it.
  std::unordered_map<std::string, const model::Module*> module_of;
  for (const auto& target : model.targets)
    for (const auto& m : target.modules) module_of.emplace(m.file, &m);
  for (const auto& file : model.files) {
    if (file.analyzed()) continue;
    out.unanalyzed_files.push_back(file);
    CapabilityFinding f;
    f.capability = Capability::unanalyzed;
    f.location.file = file.path;
    if (!file.errors.empty()) f.location.position = file.errors.front().position;
    auto m = module_of.find(file.path);
    if (m != module_of.end()) {
      f.function = m->second->path;
      f.test_only = m->second->test_only;
    }
    f.evidence = file.readable ? "parse error" : "unreadable file";
    f.why = file.readable ? "tree-sitter could not parse all of this file (" + std::to_string(file.errors.size()) +
                                " error(s)); code in the broken parts was not seen"
                          : "the file could not be read";
    out.findings.push_back(std::move(f));
  }
}

void per_function(const model::CrateModel& model, CrateCapabilities& out) {
  // Located at their definition when the model has it (the first item of
  // that path), else at their first finding. Only the few functions with
  // findings are looked for among the items: indexing every item by path
  // copied each path and location once more.
  std::map<std::string, FunctionCapabilities> functions;
  auto entry = [&](const std::string& path, const SourceLocation& at) -> FunctionCapabilities& {
    auto [it, added] = functions.try_emplace(path);
    if (added) {
      it->second.path = path;
      it->second.location = at;
    }
    return it->second;
  };
  for (const auto& f : out.findings) entry(f.function, f.location).capabilities.insert(f.capability);
  for (const auto& record : out.unsafe_sites)
    entry(record.site.enclosing, record.site.location).unsafe_counts.add(record.site);
  std::set<std::string_view> located;
  for (const auto& target : model.targets)
    for (const auto& item : target.items) {
      auto found = functions.find(item.path);
      if (found != functions.end() && located.insert(found->first).second) found->second.location = item.location;
    }
  for (auto& [path, fc] : functions) out.functions.push_back(std::move(fc));
}

}  // namespace

CrateCapabilities capabilities_of(const model::CrateModel& model, bool proc_macro, const AnalysisOptions& options,
                                  const RuleMatcher& rules, std::span<const model::UseResolver* const> resolvers) {
  CrateCapabilities out;
  out.dir = model.dir;
  out.proc_macro = proc_macro;
  out.files = model.files.size();
  for (const auto& f : model.files) out.source_files.push_back(f.path);
  bool all_forbid = !model.targets.empty();
  for (size_t t = 0; t < model.targets.size(); ++t) {
    const model::Target& target = model.targets[t];
    bool build_time = target.spec.kind == model::TargetKind::build_script ||
                      (proc_macro && target.spec.kind == model::TargetKind::lib);
    if (target.spec.kind == model::TargetKind::build_script) out.has_build_script = true;
    std::string label(model::to_string(target.spec.kind));
    if (target.spec.kind != model::TargetKind::lib && target.spec.kind != model::TargetKind::build_script)
      label += " " + target.spec.name;
    out.targets.push_back(std::move(label));
    if (!model::is_test_only(target.spec.kind) && target.spec.kind != model::TargetKind::build_script)
      all_forbid = all_forbid && target.forbids_unsafe;
    collect_target_findings({target, build_time, options, rules, t < resolvers.size() ? resolvers[t] : nullptr},
                            out.findings);
    for (const auto& site : target.unsafe_sites)
      if (options.include_tests || !site.test_only) out.unsafe_sites.push_back({site, target.spec.kind});
  }
  out.forbids_unsafe = all_forbid;
  unanalyzed_files(model, out);
  sort_unique(out.findings);
  std::stable_sort(out.unsafe_sites.begin(), out.unsafe_sites.end(),
                   [](const auto& a, const auto& b) { return location_key(a.site.location) < location_key(b.site.location); });
  out.unsafe_sites.erase(std::unique(out.unsafe_sites.begin(), out.unsafe_sites.end(),
                                     [](const auto& a, const auto& b) {
                                       return location_key(a.site.location) == location_key(b.site.location) &&
                                              a.site.kind == b.site.kind;
                                     }),
                         out.unsafe_sites.end());
  for (const auto& record : out.unsafe_sites) out.unsafe_counts.add(record.site);
  if (options.by_function) per_function(model, out);
  return out;
}

CrateCapabilities analyze_crate(const Context& context, const std::string& crate_dir, const AnalysisOptions& options,
                                const RuleMatcher& rules) {
  crates::LoadedCrate loaded = crates::load_crate(
      context, crate_dir, {options.include_tests, options.include_bins, false, options.cfg ? &*options.cfg : nullptr});
  AnalysisOptions effective = options;
  effective.crate_aliases.insert(loaded.crate_aliases.begin(), loaded.crate_aliases.end());
  CrateCapabilities out = capabilities_of(loaded.model, loaded.proc_macro, effective, rules);
  out.name = loaded.has_manifest ? loaded.name : std::filesystem::path(crate_dir).filename().string();
  out.version = loaded.version;
  return out;
}

}  // namespace cratescope::capabilities
