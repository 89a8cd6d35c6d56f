// `capabilities` for people: a geiger-like table, one line per package, then
// (for one crate, with --details, or -v) every site with its evidence.
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/untrusted_text.hpp"
#include "report/capabilities_report.hpp"
#include "report/reachability_values.hpp"
#include "report/finding_facts.hpp"
#include "report/text_style.hpp"

namespace cratescope::report {

namespace cap = capabilities;

namespace {

// Markers as cargo-geiger prints them.
constexpr std::string_view kForbids = "🔒";
constexpr std::string_view kNoUnsafe = "❓";
constexpr std::string_view kUsesUnsafe = "☢";
constexpr size_t kLabelWidth = 25;  // "unsafe block (no SAFETY)" and a space

Tone capability_tone(cap::Capability c) {
  switch (c) {
    case cap::Capability::net:
    case cap::Capability::exec:
    case cap::Capability::build_time_exec: return Tone::red;
    case cap::Capability::fs:
    case cap::Capability::env:
    case cap::Capability::ffi: return Tone::yellow;
    case cap::Capability::unanalyzed: return Tone::bold;
    default: return Tone::cyan;
  }
}

std::string column(size_t n, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%*zu", width, n);
  return buffer;
}

std::string right(const std::string& text, size_t width) {
  return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

std::string pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

class CapabilitiesText {
 public:
  CapabilitiesText(const CapabilitiesReportInput& input, const TextStyle& style)
      : in_(input), style_(style), paint_(style.color) {}

  std::string render() {
    size_t analyzed = 0;
    for (const auto& p : in_.packages) analyzed += p.result ? 1 : 0;
    table();
    bool details = in_.details || style_.verbose || in_.packages.size() == 1;
    if (details)
      for (size_t index = 0; index < in_.packages.size(); ++index)
        if (in_.packages[index].result) sites(index);
    unknown();
    out_ += "\n" + plural(in_.packages.size(), "package", "packages") + ", " + std::to_string(analyzed) + " analyzed";
    if (analyzed < in_.packages.size())
      out_ += ", " + paint_(std::to_string(in_.packages.size() - analyzed) + " unknown (no source)", Tone::yellow);
    out_ += ". " + reach_summary() + "\n";
    if (!in_.build.empty())
      out_ += "Counted for the build " + in_.build + ": code under #[cfg] false for it is left out" +
              (in_.not_built ? "; so is what it does not build: " + plural(in_.not_built, "locked package", "locked packages") : "") +
              ".\n";
    if (!details) out_ += "Every site: --details (or --package NAME for one crate).\n";
    return out_;
  }

 private:
  const CapabilitiesReportInput& in_;
  const TextStyle& style_;
  Painter paint_;
  std::string out_;

  void table() {
    out_ += paint_("  fns blocks  SAFETY impls traits extern  package", Tone::bold) + "\n";
    for (const auto& p : in_.packages) {
      if (!p.result) {
        out_ += "    ?      ?       ?     ?      ?      ?  " + paint_("?", Tone::yellow) + " " +
                terminal_safe(p.name + " " + p.version) + "  " + paint_("unknown: no source", Tone::yellow) + "\n";
        continue;
      }
      const cap::CrateCapabilities& c = *p.result;
      const cap::UnsafeCounts& u = c.unsafe_counts;
      std::string safety = u.blocks ? std::to_string(u.blocks_with_safety) + "/" + std::to_string(u.blocks) : "-";
      std::string line = column(u.functions, 5) + column(u.blocks, 7) + right(safety, 9) + column(u.impls, 6) +
                         column(u.traits, 7) + column(u.extern_items, 7) + "  ";
      std::string_view marker = c.forbids_unsafe ? kForbids : u.total() ? kUsesUnsafe : kNoUnsafe;
      line += paint_(marker, u.total() ? Tone::yellow : Tone::plain) + " " + paint_(terminal_safe(p.name + " " + p.version), Tone::bold);
      std::vector<std::string> caps;
      for (cap::Capability k : c.capabilities()) caps.push_back(paint_(cap::to_string(k), capability_tone(k)));
      if (!caps.empty()) line += "  " + join(caps, " ");
      out_ += line + "\n";
    }
    out_ += paint_("  " + std::string(kForbids) + " forbids unsafe code   " + std::string(kNoUnsafe) +
                       " no unsafe found   " + std::string(kUsesUnsafe) + " uses unsafe code   SAFETY: blocks with a "
                       "`// SAFETY:` comment",
                   Tone::dim) +
            "\n";
  }

  // Sites the build can run, cannot, or may (--reachable).
  std::string reach_summary() const {
    if (!in_.reach) return "Whether the project calls these sites: --reachable (builds the call graph).";
    size_t called = 0, not_called = 0, undecided = 0;
    for (const auto& package : *in_.reach)
      for (const auto& v : package)
        (v.verdict == callgraph::Verdict::reachable       ? called
         : v.verdict == callgraph::Verdict::not_reachable ? not_called
                                                          : undecided)++;
    return "Capability sites the build can run: " + std::to_string(called) + ", cannot: " +
           std::to_string(not_called) + ", unknown: " + std::to_string(undecided) +
           (style_.verbose ? "." : " (-v: the call path of each, or why not).");
  }

  // The --reachable verdict on a site, as a note; -v adds the path or the reason.
  void reach_note(const callgraph::FunctionVerdict* v, std::vector<std::string>& notes, std::string& more) const {
    if (!v) return;
    if (v->verdict == callgraph::Verdict::reachable) notes.push_back("called");
    else if (v->verdict == callgraph::Verdict::not_reachable) notes.push_back("not called");
    else notes.push_back("use unknown");
    if (!style_.verbose) return;
    if (v->path && in_.graph) {
      for (const std::string& line : call_path_lines(*in_.graph, *v->path, in_.root))
        more += "        " + paint_(line, Tone::dim) + "\n";
    } else if (!v->reason.empty()) {
      more += "        " + paint_(terminal_safe(v->reason), Tone::dim) + "\n";
    }
  }

  void sites(size_t index) {
    const cap::PackageCapabilities& p = in_.packages[index];
    const cap::CrateCapabilities& c = *p.result;
    std::string root = package_root(p, in_.root);
    out_ += "\n" + paint_(terminal_safe(p.name + " " + p.version), Tone::bold) + "  " +
            paint_(terminal_safe(c.dir), Tone::dim) + "\n";
    if (c.findings.empty() && c.unsafe_sites.empty()) {
      out_ += "    no capability, no unsafe code\n";
      return;
    }
    for (size_t k = 0; k < c.findings.size(); ++k) {
      const cap::CapabilityFinding& f = c.findings[k];
      std::string line = "    " + paint_(pad(std::string(cap::to_string(f.capability)), kLabelWidth), capability_tone(f.capability)) + " " +
                         terminal_safe(display_location(f.location, root)) + "  " + terminal_safe(f.evidence);
      if (f.exercised) line += " (" + std::string(cap::to_string(*f.exercised)) + ")";
      if (!f.function.empty()) line += paint_("  in " + terminal_safe(f.function), Tone::dim);
      std::vector<std::string> notes;
      if (f.confidence != cap::Confidence::certain) notes.push_back(std::string(cap::to_string(f.confidence)));
      if (f.test_only) notes.push_back("test only");
      if (f.in_macro_args) notes.push_back("in macro arguments");
      std::string reach_lines;
      reach_note(site_verdict(in_, index, k), notes, reach_lines);
      if (!notes.empty()) line += paint_("  [" + join(notes, ", ") + "]", Tone::dim);
      out_ += line + "\n";
      if (style_.verbose) out_ += "        " + paint_(terminal_safe(f.why), Tone::dim) + "\n";
      out_ += reach_lines;
    }
    for (const auto& r : c.unsafe_sites) {
      std::string what = "unsafe " + std::string(model::to_string(r.site.kind));
      if (r.site.kind == model::UnsafeKind::block) what += r.site.has_safety_comment ? " (SAFETY)" : " (no SAFETY)";
      std::string line = "    " + paint_(pad(what, kLabelWidth), Tone::yellow) + " " +
                         terminal_safe(display_location(r.site.location, root)) +
                         paint_("  in " + terminal_safe(r.site.enclosing), Tone::dim);
      if (r.site.in_macro_rules) line += paint_("  [in macro_rules!]", Tone::dim);
      out_ += line + "\n";
    }
  }

  void unknown() {
    bool header = false;
    for (const auto& p : in_.packages) {
      if (p.result) continue;
      if (!header) out_ += "\n" + paint_("unknown (source not available)", Tone::bold) + "\n";
      header = true;
      out_ += "    " + terminal_safe(p.name + " " + p.version) + ": " + terminal_safe(p.missing_reason) + "\n";
    }
  }
};

}  // namespace

std::string render_capabilities_text(const CapabilitiesReportInput& input, const TextStyle& style) {
  return CapabilitiesText(input, style).render();
}

}  // namespace cratescope::report
