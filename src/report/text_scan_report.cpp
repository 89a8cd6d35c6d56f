// `scan` for people: crates with a verdict other than clean, worst first,
// each with the evidence that decided it and its findings.
#include <algorithm>

#include "core/untrusted_text.hpp"
#include "report/scan_report.hpp"
#include "report/text_style.hpp"

namespace cratescope::report {

namespace {

Tone verdict_tone(scan::Verdict verdict) {
  switch (verdict) {
    case scan::Verdict::malicious: return Tone::bold_red;
    case scan::Verdict::suspicious: return Tone::yellow;
    case scan::Verdict::clean: return Tone::green;
  }
  return Tone::plain;
}

Tone severity_tone(scan::Severity severity) {
  switch (severity) {
    case scan::Severity::critical:
    case scan::Severity::high: return Tone::red;
    case scan::Severity::medium: return Tone::yellow;
    case scan::Severity::low: return Tone::dim;
  }
  return Tone::plain;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string megabytes(size_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buffer;
}

class ScanText {
 public:
  ScanText(const ScanReportInput& input, const TextStyle& style) : in_(input), style_(style), paint_(style.color) {}

  std::string render() {
    std::vector<const scan::CrateScan*> order;
    for (const auto& crate : in_.run.crates) order.push_back(&crate);
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->verdict > b->verdict; });
    for (const auto* crate : order)
      if (crate->verdict != scan::Verdict::clean || style_.verbose || in_.run.crates.size() == 1) crate_section(*crate);
    missing();
    summary();
    return out_;
  }

 private:
  const ScanReportInput& in_;
  const TextStyle& style_;
  Painter paint_;
  std::string out_;

  void crate_section(const scan::CrateScan& crate) {
    std::string label = terminal_safe(crate.name + (crate.version.empty() ? "" : " " + crate.version));
    out_ += paint_(upper(to_string(crate.verdict)), verdict_tone(crate.verdict)) + "  " + paint_(label, Tone::bold) + "  " +
            paint_(terminal_safe(crate.dir), Tone::dim) + "\n";
    for (const auto& reason : crate.reasons) out_ += "  because " + terminal_safe(reason) + "\n";
    size_t hidden = 0;
    for (const auto& finding : crate.findings) {
      if (!scan::counts_for_verdict(finding) && !style_.verbose) {
        ++hidden;
        continue;
      }
      finding_line(finding);
    }
    if (hidden)
      out_ += paint_("  " + plural(hidden, "finding", "findings") + " of low confidence or allow-listed (tests, docs, "
                     "placeholders) not shown: -v shows them\n", Tone::dim);
    for (const auto& error : crate.errors) out_ += paint_("  note: " + terminal_safe(error), Tone::dim) + "\n";
    out_ += "\n";
  }

  void finding_line(const scan::ScanFinding& finding) {
    std::string where = finding.location.file;
    if (finding.location.position.known()) where = to_string(finding.location);
    out_ += "  " + paint_(std::string(to_string(finding.severity)), severity_tone(finding.severity)) + "  " +
            paint_(finding.rule_id, Tone::bold) + "  " + terminal_safe(where);
    if (finding.build_time) out_ += paint_("  [build time]", Tone::red);
    out_ += "\n    " + terminal_safe(finding.why) + "\n";
    if (!finding.excerpt.empty()) out_ += paint_("    | " + terminal_safe(finding.excerpt), Tone::cyan) + "\n";
    if (!finding.allowed_because.empty()) out_ += paint_("    allowed: " + finding.allowed_because, Tone::dim) + "\n";
    else if (finding.confidence == scan::Confidence::low) out_ += paint_("    low confidence: not counted", Tone::dim) + "\n";
  }

  void missing() {
    if (in_.run.missing.empty()) return;
    out_ += paint_("NOT SCANNED", Tone::yellow) + " (no source found: their verdict is unknown)\n";
    for (const auto& target : in_.run.missing)
      out_ += "  " + terminal_safe(target.label) + ": " + terminal_safe(target.missing_reason) + "\n";
    out_ += "\n";
  }

  void summary() {
    size_t counts[3] = {0, 0, 0};
    for (const auto& crate : in_.run.crates) ++counts[static_cast<size_t>(crate.verdict)];
    out_ += plural(in_.run.crates.size(), "crate", "crates") + " scanned (" + plural(in_.run.files, "file", "files") + ", " +
            megabytes(in_.run.bytes) + "): ";
    out_ += paint_(std::to_string(counts[2]) + " malicious", counts[2] ? Tone::bold_red : Tone::plain) + ", ";
    out_ += paint_(std::to_string(counts[1]) + " suspicious", counts[1] ? Tone::yellow : Tone::plain) + ", ";
    out_ += std::to_string(counts[0]) + " clean";
    if (!in_.run.missing.empty()) out_ += ", " + paint_(std::to_string(in_.run.missing.size()) + " unknown (no source)", Tone::yellow);
    out_ += ".\n";
    if (counts[0] && !style_.verbose && in_.run.crates.size() > 1) out_ += "Clean crates are listed with -v.\n";
  }
};

}  // namespace

std::string scanned_file_path(const scan::CrateScan& crate, const std::string& file) {
  if (crate.dir.empty()) return file;
  return crate.dir + "/" + file;
}

std::string render_scan_text(const ScanReportInput& input, const TextStyle& style) { return ScanText(input, style).render(); }

}  // namespace cratescope::report
