// `capabilities --format sarif` (and the diff's): one rule per capability and
// per kind of unsafe site, one result per site, located in the crate's source.
#include <map>

#include "core/untrusted_text.hpp"
#include "report/capabilities_report.hpp"
#include "report/reachability_values.hpp"
#include "report/finding_facts.hpp"
#include "report/json_values.hpp"
#include "report/sarif_values.hpp"

namespace cratescope::report {

using nlohmann::json;
namespace cap = capabilities;

namespace {

constexpr const char* kFingerprintKey = "cratescope/capability/v1";

std::string capability_rule_id(cap::Capability c) { return "capability/" + std::string(cap::to_string(c)); }

std::string unsafe_rule_id(const model::UnsafeSite& site) {
  if (site.kind == model::UnsafeKind::block)
    return site.has_safety_comment ? "unsafe/block-with-safety-comment" : "unsafe/block-without-safety-comment";
  return "unsafe/" + std::string(model::to_string(site.kind));
}

const char* capability_level(cap::Capability c) {
  switch (c) {
    case cap::Capability::build_time_exec:
    case cap::Capability::unanalyzed: return "warning";
    default: return "note";
  }
}

std::string capability_description(cap::Capability c) {
  switch (c) {
    case cap::Capability::fs: return "Reads or writes files and directories.";
    case cap::Capability::net: return "Opens network connections or listens on sockets.";
    case cap::Capability::exec: return "Starts other programs.";
    case cap::Capability::env: return "Reads or changes environment variables or program arguments.";
    case cap::Capability::ffi: return "Calls foreign (C) code or loads libraries.";
    case cap::Capability::unsafe_ptr: return "Reads or writes memory through raw pointers.";
    case cap::Capability::transmute: return "Reinterprets the bits of a value as another type.";
    case cap::Capability::asm_: return "Contains inline or global assembly.";
    case cap::Capability::export_symbol: return "Exports unmangled symbols or places items in chosen linker sections.";
    case cap::Capability::build_time_exec:
      return "A build script or proc-macro uses a power (files, network, processes, environment, FFI) on the machine that "
             "builds the code.";
    case cap::Capability::compile_time_read: return "Embeds files into the build with include_bytes!/include_str!/include!.";
    case cap::Capability::unanalyzed: return "Code cratescope could not see: parse errors, missing or generated files.";
  }
  return "";
}

// Every rule of this report points at the capabilities documentation.
class RuleSet : public SarifRules {
 public:
  RuleSet() : SarifRules("https://github.com/cratescope/cratescope/blob/main/docs/capabilities.md") {}
};

json finding_result(RuleSet& rules, const std::string& package, const cap::CapabilityFinding& f, const std::string& root,
                    const std::string& prefix, const callgraph::CallGraph* graph = nullptr,
                    const callgraph::FunctionVerdict* verdict = nullptr, const std::string& project_root = "") {
  std::string id = capability_rule_id(f.capability);
  size_t rule = rules.index(id, capability_description(f.capability));
  std::string text = prefix + package + ": " + std::string(cap::to_string(f.capability)) + " via " + f.evidence;
  if (f.exercised) text += " (" + std::string(cap::to_string(*f.exercised)) + ")";
  text += " — " + f.why;
  if (!f.function.empty()) text += " (in " + f.function + ")";
  json result = {{"ruleId", id},
                 {"ruleIndex", rule},
                 {"level", capability_level(f.capability)},
                 {"message", {{"text", json_text(terminal_safe(text))}}},
                 {"locations", json::array({{{"physicalLocation", sarif_physical_location(f.location.file, f.location.position, root)}}})},
                 {"partialFingerprints", {{kFingerprintKey, fingerprint({package, id, f.evidence, f.function})}}},
                 {"properties", {{"package", json_text(package)},
                                 {"confidence", cap::to_string(f.confidence)},
                                 {"testOnly", f.test_only},
                                 {"used", f.used ? json(*f.used) : json(nullptr)}}}};
  if (verdict) {  // --reachable: the path from the workspace, drawn as a code flow
    result["properties"]["reachability"] = function_verdict_json(graph, *verdict, project_root);
    if (verdict->path && graph)
      result["codeFlows"] = json::array({sarif_code_flow(*graph, *verdict->path, project_root)});
  }
  return result;
}

json unsafe_result(RuleSet& rules, const std::string& package, const cap::UnsafeSiteRecord& r, const std::string& root,
                   const std::string& prefix) {
  std::string id = unsafe_rule_id(r.site);
  size_t rule = rules.index(id, "unsafe " + std::string(model::to_string(r.site.kind)) +
                                    (r.site.kind == model::UnsafeKind::block
                                         ? (r.site.has_safety_comment ? " documented by a // SAFETY: comment"
                                                                      : " without a // SAFETY: comment")
                                         : ""));
  std::string text = prefix + package + ": unsafe " + std::string(model::to_string(r.site.kind)) + " in " + r.site.enclosing;
  return {{"ruleId", id},
          {"ruleIndex", rule},
          {"level", r.site.kind == model::UnsafeKind::block && !r.site.has_safety_comment ? "warning" : "note"},
          {"message", {{"text", json_text(terminal_safe(text))}}},
          {"locations", json::array({{{"physicalLocation", sarif_physical_location(r.site.location.file, r.site.location.position, root)}}})},
          {"partialFingerprints", {{kFingerprintKey, fingerprint({package, id, r.site.enclosing})}}},
          {"properties", {{"package", json_text(package)}, {"testOnly", r.site.test_only}}}};
}

}  // namespace

json render_capabilities_sarif(const CapabilitiesReportInput& in) {
  RuleSet rules;
  json results = json::array();
  for (size_t index = 0; index < in.packages.size(); ++index) {
    const cap::PackageCapabilities& p = in.packages[index];
    if (!p.result) continue;
    std::string root = p.is_member ? in.root : "";  // dependencies live outside the project: absolute URIs
    std::string package = p.name + " " + p.version;
    for (size_t k = 0; k < p.result->findings.size(); ++k)
      results.push_back(
          finding_result(rules, package, p.result->findings[k], root, "", in.graph, site_verdict(in, index, k), in.root));
    for (const auto& r : p.result->unsafe_sites) results.push_back(unsafe_result(rules, package, r, root, ""));
  }
  json log = sarif_log(in.tool_version, in.root, rules, results);
  if (!in.build.empty()) log["runs"][0]["properties"]["build"] = json_text(in.build);
  return log;
}

json render_capabilities_diff_sarif(const CapabilitiesDiffInput& in) {
  RuleSet rules;
  json results = json::array();
  // What an update adds that is no site in the code: one result each, at the
  // lockfile entry or the crate root (a SARIF viewer needs a location).
  auto package_result = [&](const std::string& id, const char* level, const std::string& description,
                            const std::string& package, const std::string& text, const SourceLocation& at) {
    size_t rule = rules.index(id, description);
    results.push_back({{"ruleId", id},
                       {"ruleIndex", rule},
                       {"level", level},
                       {"message", {{"text", json_text(terminal_safe(text))}}},
                       {"locations", json::array({{{"physicalLocation", sarif_physical_location(at.file, at.position, "")}}})},
                       {"partialFingerprints", {{kFingerprintKey, fingerprint({package, id, text})}}},
                       {"properties", {{"package", json_text(package)}}}});
  };
  for (const auto& d : in.crates) {
    std::string package = d.name + " " + d.new_version;
    if (!d.checksum_changed.empty() && !d.pinned_at.file.empty())
      package_result("supply-chain/checksum-changed", "error",
                     "The same version is pinned to another sha256: a registry never changes a published version, so "
                     "the lockfile or the registry was altered.",
                     package, package + " is pinned to another checksum: " + d.checksum_changed, d.pinned_at);
    if (d.forbid_dropped && !d.new_root_file.empty())
      package_result("unsafe/forbid-dropped", "warning",
                     "The old version forbade unsafe code (#![forbid(unsafe_code)]); the new one does not.", package,
                     "the update of " + package + " no longer forbids unsafe code", {d.new_root_file, {}});
    for (const auto& f : d.added) results.push_back(finding_result(rules, package, f, "", "added by the update of "));
    for (const auto& r : d.added_unsafe) results.push_back(unsafe_result(rules, package, r, "", "added by the update of "));
  }
  return sarif_log(in.tool_version, "", rules, results);
}

}  // namespace cratescope::report
