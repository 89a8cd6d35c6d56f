#include "capabilities/capability_diff.hpp"

#include <map>
#include <set>
#include <tuple>

namespace cratescope::capabilities {

namespace {

// What a finding is, independent of where it sits in the file.
std::string finding_key(const CapabilityFinding& f) {
  return std::string(to_string(f.capability)) + '\x1f' + f.evidence + '\x1f' + f.function;
}

std::string unsafe_key(const UnsafeSiteRecord& r) {
  return std::string(model::to_string(r.site.kind)) + '\x1f' + r.site.enclosing + '\x1f' +
         (r.site.has_safety_comment ? "safety" : "");
}

// Items of `a` not matched one-to-one in `b` (multiset difference).
template <class T, class Key>
std::vector<T> minus(const std::vector<T>& a, const std::vector<T>& b, Key key) {
  std::map<std::string, size_t> available;
  for (const auto& x : b) ++available[key(x)];
  std::vector<T> out;
  for (const auto& x : a) {
    size_t& n = available[key(x)];
    if (n > 0)
      --n;
    else
      out.push_back(x);
  }
  return out;
}

}  // namespace

CrateDiff diff_crates(const CrateCapabilities* old_crate, const CrateCapabilities* new_crate) {
  static const CrateCapabilities kNothing;
  const CrateCapabilities& before = old_crate ? *old_crate : kNothing;
  const CrateCapabilities& after = new_crate ? *new_crate : kNothing;
  CrateDiff d;
  d.name = new_crate ? after.name : before.name;
  if (old_crate) d.old_version = before.version;
  if (new_crate) d.new_version = after.version;
  d.added = minus(after.findings, before.findings, finding_key);
  d.removed = minus(before.findings, after.findings, finding_key);
  d.added_unsafe = minus(after.unsafe_sites, before.unsafe_sites, unsafe_key);
  d.removed_unsafe = minus(before.unsafe_sites, after.unsafe_sites, unsafe_key);
  auto old_caps = before.capabilities(), new_caps = after.capabilities();
  for (Capability c : new_caps)
    if (!old_caps.contains(c)) d.new_capabilities.push_back(c);
  for (Capability c : old_caps)
    if (!new_caps.contains(c)) d.dropped_capabilities.push_back(c);
  d.old_unsafe = before.unsafe_counts;
  d.new_unsafe = after.unsafe_counts;
  d.forbid_dropped = old_crate && new_crate && before.forbids_unsafe && !after.forbids_unsafe;
  if (d.forbid_dropped && !after.source_files.empty()) d.new_root_file = after.source_files.front();
  return d;
}

}  // namespace cratescope::capabilities
