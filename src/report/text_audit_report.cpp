// The audit for people: findings grouped by crate, ignored findings and ignore
// problems after them, and a summary line last (where a terminal leaves the eye).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/audit_report.hpp"
#include "report/reachability_values.hpp"
#include "report/text_style.hpp"
#include "report/finding_facts.hpp"
#include "core/untrusted_text.hpp"

namespace cratescope::report {

namespace {

constexpr size_t kPathsShownByDefault = 3;
constexpr size_t kTextWidth = 100;  // prose is wrapped here; paths and URLs never are
constexpr std::string_view kFieldIndent = "    ";
constexpr size_t kFieldLabelWidth = 12;  // "unaffected: "

Tone label_tone(const audit::Finding& finding) {
  if (finding.kind != audit::FindingKind::vulnerability) return Tone::yellow;
  switch (severity_bucket(finding)) {
    case SeverityBucket::critical: return Tone::bold_red;
    case SeverityBucket::high: return Tone::red;
    case SeverityBucket::medium: return Tone::yellow;
    default: return Tone::cyan;
  }
}


class TextWriter {
 public:
  TextWriter(const AuditReportInput& input, const TextStyle& style) : in_(input), style_(style), paint_(style.color) {}

  std::string render() {
    write_findings();
    write_ignored();
    write_ignore_problems();
    write_summary();
    return std::move(out_);
  }

 private:
  const std::string& root() const { return in_.graph.root; }

  // "    label:     value", continuation lines aligned under the value.
  void field(std::string_view label, const std::vector<std::string>& lines) {
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string head = i == 0 ? std::string(label) + ":" : "";
      std::string padding(kFieldLabelWidth - std::min(head.size(), kFieldLabelWidth - 1), ' ');
      out_ += std::string(kFieldIndent) + (head.empty() ? "" : paint_(head, Tone::dim)) + padding + lines[i] + "\n";
    }
  }
  void field(std::string_view label, const std::string& value) { field(label, std::vector<std::string>{value}); }
  // For prose values (fix sentences), wrapped to the report width.
  void wrapped_field(std::string_view label, const std::string& value) {
    std::string wrapped = wrap_line(value, kTextWidth - kFieldIndent.size() - kFieldLabelWidth, "");
    std::vector<std::string> lines;
    for (size_t start = 0, end; (end = wrapped.find('\n', start)) != std::string::npos; start = end + 1)
      lines.push_back(wrapped.substr(start, end - start));
    field(label, lines);
  }

  void write_findings() {
    std::vector<const audit::Finding*> findings = findings_in_report_order(in_.result, in_.graph, false);
    size_t current_package = SIZE_MAX;
    for (const audit::Finding* finding : findings) {
      if (finding->package != current_package) {
        if (current_package != SIZE_MAX) out_ += "\n";
        current_package = finding->package;
        out_ += paint_(terminal_safe(in_.graph.packages[current_package].display()), Tone::bold) + "\n";
      } else if (style_.verbose) {
        out_ += "\n";  // descriptions make findings long: keep them apart
      }
      write_finding(*finding);
    }
    if (!findings.empty()) out_ += "\n";
  }

  void write_finding(const audit::Finding& finding) {
    const advisory::Advisory* adv = finding.advisory;
    std::string heading = "  " + paint_(severity_label(finding), label_tone(finding)) + "  ";
    if (adv) heading += paint_(terminal_safe(adv->id), Tone::bold) + "  ";
    out_ += heading + terminal_safe(finding_title(finding, in_.graph)) + "\n";
    if (adv) write_advisory_fields(finding, *adv);
    write_paths(finding);
    write_reachability(finding);
    field("reach", terminal_safe(finding.reach.describe()));
    if (!finding.applies_to_target) {
      std::string note = "does not apply to the audited target";
      if (!finding.platform_note.empty()) note += " (" + terminal_safe(finding.platform_note) + ")";
      wrapped_field("platform", note);
    } else if (!finding.platform_note.empty()) {
      wrapped_field("platform", terminal_safe(finding.platform_note));
    }
    write_fix(finding.fix);
    if (adv && style_.verbose && !adv->description.empty()) write_description(adv->description);
  }

  void write_advisory_fields(const audit::Finding& finding, const advisory::Advisory& adv) {
    if (!adv.aliases.empty()) field("aliases", terminal_safe(join(adv.aliases, ", ")));
    if (!adv.date.empty()) field("date", terminal_safe(adv.date));
    if (adv.withdrawn) field("withdrawn", terminal_safe(*adv.withdrawn));
    if (!adv.url.empty()) field("url", terminal_safe(adv.url));
    if (adv.cvss && finding.kind == audit::FindingKind::vulnerability) {
      field("cvss", format_score(adv.cvss->score) + " " + advisory::to_string(adv.cvss->severity) + " (" +
                        terminal_safe(adv.cvss->vector) + ")");
    }
    // Informational advisories rarely list a fix; "no patched version" there is noise.
    if (finding.kind == audit::FindingKind::vulnerability || !adv.patched.empty())
      wrapped_field("patched", terminal_safe(patched_ranges(adv)));
    if (style_.verbose && !adv.unaffected.empty()) {
      std::vector<std::string> ranges;
      for (const advisory::VersionRange& range : adv.unaffected) ranges.push_back(range.text);
      wrapped_field("unaffected", terminal_safe(join(ranges, " | ")));
    }
    std::vector<std::string> functions = affected_function_paths(finding);
    if (!functions.empty()) wrapped_field("functions", terminal_safe(join(functions, ", ")));
  }

  void write_paths(const audit::Finding& finding) {
    std::vector<std::string> lines;
    size_t shown = style_.verbose ? finding.paths.size() : std::min(finding.paths.size(), kPathsShownByDefault);
    for (size_t i = 0; i < shown; ++i)
      lines.push_back(terminal_safe(format_dependency_path(in_.graph, finding.paths[i], finding.package)));
    if (shown < finding.paths.size())
      lines.push_back("and " + plural(finding.paths.size() - shown, "more path", "more paths") + " (--verbose)");
    if (!lines.empty()) field(lines.size() == 1 ? "path" : "paths", lines);
  }

  void write_reachability(const audit::Finding& finding) {
    if (!finding.reachability) return;
    field("reachable", terminal_safe(describe_verdict(*finding.reachability)));
    if (!in_.result.call_graph) return;
    for (const auto& f : finding.reachability->functions) {
      if (!f.path) continue;
      field("call path", call_path_lines(*in_.result.call_graph, *f.path, in_.graph.root));
      if (!style_.verbose) break;  // one path is enough to act on
    }
  }

  void write_fix(const audit::Fix& fix) {
    std::string text = fix.text;
    if (text.empty() && fix.kind == audit::Fix::Kind::no_fix) text = "no fixed version has been released";
    if (!text.empty()) wrapped_field("fix", terminal_safe(text));
    if (!fix.command.empty()) field("run", paint_(terminal_safe(fix.command), Tone::bold));
  }

  // Markdown prose wrapped to the report width; fenced and indented code kept as is.
  void write_description(const std::string& description) {
    out_ += "\n";
    const std::string indent(kFieldIndent.size() + 2, ' ');
    std::string safe = terminal_safe(description, true);
    safe.erase(safe.find_last_not_of(" \n") + 1);
    bool in_code = false;
    size_t start = 0;
    while (true) {
      size_t end = safe.find('\n', start);
      std::string_view line(safe.data() + start, (end == std::string::npos ? safe.size() : end) - start);
      if (line.starts_with("```")) in_code = !in_code;
      if (line.empty()) out_ += "\n";
      else if (in_code || line.starts_with("```") || line.starts_with("    ")) out_ += indent + std::string(line) + "\n";
      else out_ += wrap_line(line, kTextWidth - indent.size(), indent);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }

  void write_ignored() {
    std::vector<const audit::Finding*> ignored = findings_in_report_order(in_.result, in_.graph, true);
    if (ignored.empty()) return;
    out_ += paint_("ignored (" + std::to_string(ignored.size()) + ")", Tone::bold) + "\n";
    for (const audit::Finding* finding : ignored) {
      const audit::IgnoreRule& rule = *finding->ignored_by;
      out_ += "  " + paint_(terminal_safe(rule_id(*finding)), Tone::dim) + "  " +
              terminal_safe(in_.graph.packages[finding->package].display()) + "  " +
              terminal_safe(finding_title(*finding, in_.graph)) + "\n";
      std::string why = "ignored by " + terminal_safe(display_location(rule.origin, root()));
      if (!rule.reason.empty()) why += ": " + terminal_safe(rule.reason);
      if (!rule.expires.empty()) why += " (until " + terminal_safe(rule.expires) + ")";
      out_ += std::string(kFieldIndent) + why + "\n";
    }
    out_ += "\n";
  }

  void write_ignore_problems() {
    bool any = false;
    for (const audit::IgnoreRule& rule : in_.result.expired_ignores) {
      std::string message = "ignore of " + terminal_safe(rule.id) + " in " +
                            terminal_safe(display_location(rule.origin, root())) + " expired on " +
                            terminal_safe(rule.expires);
      if (!rule.reason.empty()) message += " (" + terminal_safe(rule.reason) + ")";
      out_ += paint_("error", Tone::bold_red) + ": " + message + "; renew it or fix the finding\n";
      any = true;
    }
    for (const audit::IgnoreRule& rule : in_.result.unused_ignores) {
      out_ += paint_("note", Tone::cyan) + ": ignore of " + terminal_safe(rule.id) + " in " +
              terminal_safe(display_location(rule.origin, root())) + " matched no finding; it can be removed\n";
      any = true;
    }
    if (!in_.result.yanked_checked && !in_.result.yanked_note.empty()) {
      out_ += paint_("note", Tone::cyan) + ": " + terminal_safe(in_.result.yanked_note) + "\n";
      any = true;
    }
    if (const auto& graph = in_.result.call_graph) {
      std::vector<std::string> missing;
      for (size_t p = 0; p < graph->packages.size(); ++p)
        if (!graph->packages[p].analyzed && !graph->packages[p].skipped) missing.push_back(graph->package_labels[p]);
      if (!missing.empty()) {
        out_ += paint_("note", Tone::cyan) + ": reachability could not see " +
                plural(missing.size(), "package", "packages") + " without source on this machine (" +
                terminal_safe(join(missing, ", ")) + "): verdicts through them are unknown\n";
        any = true;
      }
    }
    if (any) out_ += "\n";
  }

  void write_summary() {
    const FindingCounts counts = count_findings(in_.result);
    std::string line = plural(counts.vulnerabilities, "vulnerability", "vulnerabilities");
    std::vector<std::string> severities;
    for (size_t i = 0; i < counts.by_severity.size(); ++i) {
      if (!counts.by_severity[i]) continue;
      auto bucket = static_cast<SeverityBucket>(i);
      severities.push_back(std::to_string(counts.by_severity[i]) + " " +
                           (bucket == SeverityBucket::unscored ? "without CVSS" : to_string(bucket)));
    }
    if (!severities.empty()) line += " (" + join(severities, ", ") + ")";
    line += ", " + plural(counts.warnings, "warning", "warnings");
    std::vector<std::string> kinds;
    for (size_t i = 0; i < counts.by_kind.size(); ++i)
      if (counts.by_kind[i])
        kinds.push_back(std::to_string(counts.by_kind[i]) + " " + audit::to_string(static_cast<audit::FindingKind>(i)));
    if (!kinds.empty()) line += " (" + join(kinds, ", ") + ")";
    line += ", " + std::to_string(counts.ignored) + " ignored, in " +
            plural(in_.result.packages_scanned, "package", "packages");
    if (in_.result.packages_skipped)
      line += " (" + std::to_string(in_.result.packages_skipped) + " skipped: not from crates.io)";
    Tone tone = counts.vulnerabilities ? Tone::bold_red : counts.warnings ? Tone::yellow : Tone::green;
    out_ += paint_(line, tone) + "\n";

    const advisory::DatabaseInfo& db = in_.db.info;
    std::string database = "advisory database: " + terminal_safe(db.path);
    if (!db.commit.empty()) database += " at " + terminal_safe(db.commit.substr(0, 12));
    if (!db.commit_date.empty()) database += " (" + terminal_safe(db.commit_date) + ")";
    database += ", " + plural(db.advisory_count, "advisory", "advisories");
    out_ += paint_(database, Tone::dim) + "\n";
  }

  const AuditReportInput& in_;
  const TextStyle& style_;
  Painter paint_;
  std::string out_;
};

}  // namespace

std::string render_audit_text(const AuditReportInput& input, const TextStyle& style) {
  return TextWriter(input, style).render();
}

}  // namespace cratescope::report
