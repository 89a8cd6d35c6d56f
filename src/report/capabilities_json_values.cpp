#include "report/capabilities_json_values.hpp"

#include "report/json_values.hpp"

namespace cratescope::report {

using nlohmann::json;

json json_unsafe_counts(const capabilities::UnsafeCounts& c) {
  return {{"functions", c.functions},       {"blocks", c.blocks},
          {"blocks_with_safety_comment", c.blocks_with_safety},
          {"impls", c.impls},               {"traits", c.traits},
          {"extern_items", c.extern_items}, {"in_macro_rules", c.in_macro_rules},
          {"total", c.total()}};
}

json json_capability_finding(const capabilities::CapabilityFinding& f, const std::string& root) {
  json out = {{"capability", capabilities::to_string(f.capability)},
              {"location", json_location(f.location, root)},
              {"evidence", json_text(f.evidence)},
              {"written", json_text_or_null(f.written)},
              {"why", json_text(f.why)},
              {"function", json_text(f.function)},
              {"target", model::to_string(f.target)},
              {"test_only", f.test_only},
              {"in_macro_arguments", f.in_macro_args},
              {"confidence", capabilities::to_string(f.confidence)},
              {"exercised", f.exercised ? json(capabilities::to_string(*f.exercised)) : json(nullptr)},
              // null: not known until the call graph tells whether the project reaches it.
              {"used", f.used ? json(*f.used) : json(nullptr)}};
  return out;
}

json json_unsafe_site(const capabilities::UnsafeSiteRecord& r, const std::string& root) {
  return {{"kind", model::to_string(r.site.kind)},
          {"location", json_location(r.site.location, root)},
          {"function", json_text(r.site.enclosing)},
          {"target", model::to_string(r.target)},
          {"safety_comment", r.site.has_safety_comment},
          {"in_macro_rules", r.site.in_macro_rules},
          {"test_only", r.site.test_only}};
}

}  // namespace cratescope::report
