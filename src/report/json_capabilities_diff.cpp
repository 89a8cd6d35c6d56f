// `capabilities --diff --format json`.
#include "report/capabilities_json_values.hpp"
#include "report/capabilities_report.hpp"
#include "report/json_values.hpp"

namespace cratescope::report {

using nlohmann::json;
namespace cap = capabilities;

namespace {

json capability_names(const std::vector<cap::Capability>& list) {
  json out = json::array();
  for (cap::Capability c : list) out.push_back(cap::to_string(c));
  return out;
}

}  // namespace

json render_capabilities_diff_json(const CapabilitiesDiffInput& in) {
  json crates = json::array();
  size_t adding = 0;
  for (const auto& d : in.crates) {
    if (d.adds_something()) ++adding;
    json added = json::array(), removed = json::array(), added_unsafe = json::array(), removed_unsafe = json::array();
    // Sites of two versions live in two directories: paths relative to each.
    for (const auto& f : d.added) added.push_back(json_capability_finding(f, ""));
    for (const auto& f : d.removed) removed.push_back(json_capability_finding(f, ""));
    for (const auto& r : d.added_unsafe) added_unsafe.push_back(json_unsafe_site(r, ""));
    for (const auto& r : d.removed_unsafe) removed_unsafe.push_back(json_unsafe_site(r, ""));
    crates.push_back({{"name", json_text(d.name)},
                      {"old_version", json_text_or_null(d.old_version)},
                      {"new_version", json_text_or_null(d.new_version)},
                      {"status", d.unknown.empty() ? "compared" : "unknown"},
                      {"reason", json_text_or_null(d.unknown)},
                      {"new_capabilities", capability_names(d.new_capabilities)},
                      {"dropped_capabilities", capability_names(d.dropped_capabilities)},
                      {"forbid_unsafe_dropped", d.forbid_dropped},
                      {"checksum_changed", json_text_or_null(d.checksum_changed)},
                      {"unsafe_before", json_unsafe_counts(d.old_unsafe)},
                      {"unsafe_after", json_unsafe_counts(d.new_unsafe)},
                      {"added", added},
                      {"removed", removed},
                      {"added_unsafe", added_unsafe},
                      {"removed_unsafe", removed_unsafe}});
  }
  return {{"cratescope", {{"version", json_text(in.tool_version)}, {"report", "capabilities-diff"}, {"schema", 1}}},
          {"old", json_text(in.old_label)},
          {"new", json_text(in.new_label)},
          {"summary", {{"changed", in.crates.size()}, {"unchanged", in.unchanged}, {"adding", adding}}},
          {"crates", crates}};
}

}  // namespace cratescope::report
