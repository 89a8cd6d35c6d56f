// `capabilities --format json`: every package with its counts and every site.
#include <map>

#include "report/capabilities_json_values.hpp"
#include "report/capabilities_report.hpp"
#include "report/finding_facts.hpp"
#include "report/json_values.hpp"
#include "report/reachability_values.hpp"

namespace cratescope::report {

using nlohmann::json;
namespace cap = capabilities;

std::string package_root(const cap::PackageCapabilities& package, const std::string& project_root) {
  if (package.is_member || !package.result) return project_root;
  return package.result->dir;
}

namespace {

json capability_counts(const cap::CrateCapabilities& c) {
  json out = json::object();
  for (cap::Capability k : cap::kAllCapabilities)
    if (size_t n = c.count(k)) out[std::string(cap::to_string(k))] = n;
  return out;
}

json package_json(const CapabilitiesReportInput& in, size_t index) {
  const cap::PackageCapabilities& p = in.packages[index];
  const std::string& project_root = in.root;
  json out = {{"name", json_text(p.name)},
              {"version", json_text(p.version)},
              {"member", p.is_member},
              {"reach", json_text_or_null(p.reach)},
              {"source", sources::to_string(p.origin)}};
  if (!p.result) {
    out["status"] = "unknown";
    out["reason"] = json_text(p.missing_reason);
    return out;
  }
  const cap::CrateCapabilities& c = *p.result;
  std::string root = package_root(p, project_root);
  out["status"] = "analyzed";
  out["dir"] = json_text(c.dir);
  out["forbids_unsafe"] = c.forbids_unsafe;
  out["proc_macro"] = c.proc_macro;
  out["build_script"] = c.has_build_script;
  out["targets"] = json_text_list(c.targets);
  out["files"] = c.files;
  out["unsafe"] = json_unsafe_counts(c.unsafe_counts);
  out["capabilities"] = capability_counts(c);
  json findings = json::array();
  for (size_t k = 0; k < c.findings.size(); ++k) {
    json finding = json_capability_finding(c.findings[k], root);
    // --reachable: the verdict on the site's function, with its call path or the reason.
    if (const callgraph::FunctionVerdict* v = site_verdict(in, index, k))
      finding["reachability"] = function_verdict_json(in.graph, *v, in.root);
    findings.push_back(std::move(finding));
  }
  out["findings"] = findings;
  json sites = json::array();
  for (const auto& s : c.unsafe_sites) sites.push_back(json_unsafe_site(s, root));
  out["unsafe_sites"] = sites;
  json functions = json::array();
  for (const auto& fc : c.functions) {
    json caps = json::array();
    for (cap::Capability k : fc.capabilities) caps.push_back(cap::to_string(k));
    functions.push_back({{"path", json_text(fc.path)},
                         {"location", json_location(fc.location, root)},
                         {"unsafe", json_unsafe_counts(fc.unsafe_counts)},
                         {"capabilities", caps}});
  }
  out["functions"] = functions;
  json unanalyzed = json::array();
  for (const auto& file : c.unanalyzed_files) {
    json errors = json::array();
    for (const auto& e : file.errors)
      errors.push_back({{"line", e.position.line}, {"column", e.position.column}, {"message", json_text(e.message)}});
    unanalyzed.push_back({{"file", json_text(display_path(file.path, root))}, {"readable", file.readable}, {"errors", errors}});
  }
  out["unanalyzed_files"] = unanalyzed;
  return out;
}

}  // namespace

json render_capabilities_json(const CapabilitiesReportInput& in) {
  json packages = json::array();
  size_t analyzed = 0, with_unsafe = 0, forbidding = 0;
  std::map<std::string, size_t> holders;  // capability -> packages holding it
  for (size_t index = 0; index < in.packages.size(); ++index) {
    const cap::PackageCapabilities& p = in.packages[index];
    packages.push_back(package_json(in, index));
    if (!p.result) continue;
    ++analyzed;
    if (p.result->unsafe_counts.total() > 0) ++with_unsafe;
    if (p.result->forbids_unsafe) ++forbidding;
    for (cap::Capability k : p.result->capabilities()) ++holders[std::string(cap::to_string(k))];
  }
  json summary = {{"packages", in.packages.size()},
                  {"analyzed", analyzed},
                  {"unknown", in.packages.size() - analyzed},
                  {"using_unsafe", with_unsafe},
                  {"forbidding_unsafe", forbidding},
                  {"packages_per_capability", holders}};
  json build = in.build.empty() ? json(nullptr)
                                 : json{{"counted", json_text(in.build)}, {"packages_not_built", in.not_built}};
  return {{"cratescope", {{"version", json_text(in.tool_version)}, {"report", "capabilities"}, {"schema", 1}}},
          {"root", json_text(in.root)},
          {"build", build},
          {"summary", summary},
          {"packages", packages}};
}

}  // namespace cratescope::report
