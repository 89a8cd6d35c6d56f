// `capabilities --diff` for people: crates whose update adds a capability
// first (that is the rare, telling event), then the rest.
#include <algorithm>

#include "core/untrusted_text.hpp"
#include "report/capabilities_report.hpp"
#include "report/finding_facts.hpp"
#include "report/text_style.hpp"

namespace cratescope::report {

namespace cap = capabilities;

namespace {

std::string versions(const cap::CrateDiff& d) {
  if (d.old_version.empty()) return d.new_version + " (new dependency)";
  if (d.new_version.empty()) return d.old_version + " (removed)";
  return d.old_version + " -> " + d.new_version;
}

std::string names(const std::vector<cap::Capability>& list) {
  std::vector<std::string> out;
  for (cap::Capability c : list) out.emplace_back(cap::to_string(c));
  return join(out, " ");
}

class DiffText {
 public:
  DiffText(const CapabilitiesDiffInput& input, const TextStyle& style) : in_(input), style_(style), paint_(style.color) {}

  std::string render() {
    std::vector<const cap::CrateDiff*> order;
    for (const auto& d : in_.crates) order.push_back(&d);
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
      return !a->new_capabilities.empty() && b->new_capabilities.empty();
    });
    size_t adding = 0;
    for (const auto* d : order) {
      if (!d->new_capabilities.empty() || d->forbid_dropped || !d->checksum_changed.empty()) ++adding;
      crate(*d);
    }
    out_ += "\n" + plural(in_.crates.size(), "package", "packages") + " changed, " + std::to_string(in_.unchanged) +
            " unchanged; ";
    out_ += adding ? paint_(plural(adding, "gains", "gain") + " a capability, drops #![forbid(unsafe_code)] or changes "
                                "its checksum", Tone::bold_red)
                   : std::string("no package gains a capability");
    out_ += "\n";
    return out_;
  }

 private:
  const CapabilitiesDiffInput& in_;
  const TextStyle& style_;
  Painter paint_;
  std::string out_;

  void crate(const cap::CrateDiff& d) {
    out_ += "\n" + paint_(terminal_safe(d.name + " " + versions(d)), Tone::bold);
    if (!d.checksum_changed.empty())
      out_ += "  " + paint_("CHECKSUM CHANGED for the same version: " + terminal_safe(d.checksum_changed) +
                                " (a published version never changes: the lockfile or the registry was altered)",
                            Tone::bold_red);
    if (!d.unknown.empty()) {
      out_ += "  " + paint_("unknown: " + terminal_safe(d.unknown), Tone::yellow) + "\n";
      return;
    }
    if (!d.new_capabilities.empty()) out_ += "  " + paint_("NEW CAPABILITY: " + names(d.new_capabilities), Tone::bold_red);
    if (!d.dropped_capabilities.empty()) out_ += "  " + paint_("dropped: " + names(d.dropped_capabilities), Tone::green);
    if (d.forbid_dropped) out_ += "  " + paint_("no longer forbids unsafe code", Tone::bold_red);
    out_ += "\n";
    if (d.old_unsafe.total() != d.new_unsafe.total())
      out_ += "    unsafe sites: " + std::to_string(d.old_unsafe.total()) + " -> " + std::to_string(d.new_unsafe.total()) + "\n";
    size_t shown = 0;
    constexpr size_t kShownByDefault = 20;
    auto limit_reached = [&] { return !style_.verbose && shown >= kShownByDefault; };
    for (const auto& f : d.added) {
      if (limit_reached()) break;
      ++shown;
      out_ += "    " + paint_("+ " + std::string(cap::to_string(f.capability)), Tone::red) + "  " +
              terminal_safe(display_location(f.location, "")) + "  " + terminal_safe(f.evidence) +
              paint_("  in " + terminal_safe(f.function), Tone::dim) + "\n";
    }
    for (const auto& r : d.added_unsafe) {
      if (limit_reached()) break;
      ++shown;
      out_ += "    " + paint_("+ unsafe " + std::string(model::to_string(r.site.kind)), Tone::yellow) + "  " +
              terminal_safe(display_location(r.site.location, "")) + paint_("  in " + terminal_safe(r.site.enclosing), Tone::dim) + "\n";
    }
    for (const auto& f : d.removed) {
      if (limit_reached()) break;
      ++shown;
      out_ += "    " + paint_("- " + std::string(cap::to_string(f.capability)), Tone::green) + "  " + terminal_safe(f.evidence) +
              paint_("  in " + terminal_safe(f.function), Tone::dim) + "\n";
    }
    size_t total = d.added.size() + d.added_unsafe.size() + d.removed.size();
    if (shown < total) out_ += "    ... " + std::to_string(total - shown) + " more (-v shows all)\n";
    if (total == 0 && d.removed_unsafe.empty()) out_ += "    no capability or unsafe change\n";
  }
};

}  // namespace

std::string render_capabilities_diff_text(const CapabilitiesDiffInput& input, const TextStyle& style) {
  return DiffText(input, style).render();
}

}  // namespace cratescope::report
