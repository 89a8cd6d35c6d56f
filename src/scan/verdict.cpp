#include "scan/verdict.hpp"

#include <fmt/format.h>

#include <functional>

namespace cratescope::scan {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::clean: return "clean";
    case Verdict::suspicious: return "suspicious";
    case Verdict::malicious: return "malicious";
  }
  return "?";
}

namespace {

std::string describe(const ScanFinding& finding) {
  return fmt::format("{} at {}: {}", finding.rule_id, to_string(finding.location), finding.why);
}

}  // namespace

VerdictResult decide_verdict(const std::vector<ScanFinding>& findings) {
  // The first finding of each signal stands for it in the reasons.
  auto first = [&](const std::function<bool(const ScanFinding&)>& wanted) -> const ScanFinding* {
    for (const ScanFinding& finding : findings)
      if (counts_for_verdict(finding) && wanted(finding)) return &finding;
    return nullptr;
  };
  auto behaviour = [](std::string_view category) {
    return [category](const ScanFinding& f) { return f.kind == FindingKind::behaviour && f.category == category; };
  };
  const ScanFinding* exfiltration = first(behaviour("exfiltration-endpoint"));
  const ScanFinding* stealing = first([](const ScanFinding& f) {
    return f.kind == FindingKind::behaviour && (f.category == "secret-file" || f.category == "secret-variable");
  });
  const ScanFinding* persistence = first(behaviour("persistence"));
  const ScanFinding* hiding = first([](const ScanFinding& f) {
    return f.kind == FindingKind::behaviour && (f.category == "encoded-payload" || f.category == "obfuscation");
  });
  const ScanFinding* fetch_and_run = first([](const ScanFinding& f) {
    return f.kind == FindingKind::behaviour && f.category == "download-exec" && f.severity >= Severity::high;
  });
  const ScanFinding* build_time_network = first(behaviour("build-time-network"));
  const ScanFinding* build_time_fetch_and_run = first([](const ScanFinding& f) {
    return f.build_time && f.kind == FindingKind::behaviour && f.category == "download-exec" &&
           f.severity >= Severity::high;
  });
  const ScanFinding* secrets_sent = first(behaviour("secret-exfiltration"));
  const ScanFinding* malware = first([](const ScanFinding& f) { return f.kind == FindingKind::malware && f.category == "yara-malicious"; });
  const ScanFinding* bidi = first([](const ScanFinding& f) { return f.rule_id == "bidi-control-character"; });
  const ScanFinding* squat = first([](const ScanFinding& f) { return f.kind == FindingKind::typosquat && f.category == "edit"; });

  VerdictResult result;
  auto malicious = [&](std::initializer_list<const ScanFinding*> evidence) {
    result.verdict = Verdict::malicious;
    for (const ScanFinding* finding : evidence) result.reasons.push_back(describe(*finding));
  };
  // Each combination is a pattern of RustSec's malicious crates.
  if (malware) {
    malicious({malware});
  } else if (secrets_sent) {
    malicious({secrets_sent});
  } else if (exfiltration && (stealing || persistence)) {
    malicious({exfiltration, stealing ? stealing : persistence});
  } else if (build_time_network && (stealing || exfiltration || hiding || fetch_and_run)) {
    malicious({build_time_network, stealing ? stealing : exfiltration ? exfiltration : hiding ? hiding : fetch_and_run});
  } else if (build_time_fetch_and_run) {
    malicious({build_time_fetch_and_run});
  } else if (bidi) {
    malicious({bidi});
  } else if (squat && (build_time_network || exfiltration || stealing || fetch_and_run)) {
    malicious({squat, build_time_network ? build_time_network
                      : exfiltration     ? exfiltration
                      : stealing         ? stealing
                                         : fetch_and_run});
  }
  if (result.verdict == Verdict::malicious) return result;

  for (const ScanFinding& finding : findings) {
    if (!counts_for_verdict(finding) || finding.severity < Severity::medium) continue;
    result.verdict = Verdict::suspicious;
    result.reasons.push_back(describe(finding));
  }
  return result;
}

}  // namespace cratescope::scan
