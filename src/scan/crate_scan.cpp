#include "scan/crate_scan.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <map>
#include <set>

#include "capabilities/crate_capabilities.hpp"
#include "crates/crate_loader.hpp"
#include "model/test_module_bodies.hpp"
#include "scan/binary_files.hpp"
#include "scan/indicator_rules.hpp"
#include "scan/provenance.hpp"
#include "scan/secret_values.hpp"
#include "scan/trojan_source.hpp"
#include "sources/crate_checksum.hpp"

namespace cratescope::scan {

namespace {

constexpr size_t kMaxFiles = 50'000;
constexpr size_t kMaxDepth = 64;
constexpr size_t kMaxFindingsPerRuleAndFile = 5;  // a file full of one thing is one story

std::vector<std::string_view> secret_patterns() {
  std::vector<std::string_view> out;
  for (const SecretRule& rule : secret_rules()) out.push_back(rule.pattern);
  return out;
}

std::vector<std::string_view> indicator_patterns() {
  std::vector<std::string_view> out;
  for (const IndicatorRule& rule : indicator_rules()) out.push_back(rule.pattern);
  return out;
}

struct CrateFile {
  fs::path path;
  std::string relative;  // '/'-separated, from the crate root
};

void list_files(const FileSystem& files, const fs::path& dir, const fs::path& root, size_t depth, bool skip_build_output,
                std::vector<CrateFile>& out, std::vector<std::string>& errors) {
  if (depth > kMaxDepth) {
    errors.push_back(dir.lexically_relative(root).generic_string() + ": nested too deep, not scanned");
    return;
  }
  for (const fs::path& entry : files.list_directory(dir)) {
    if (out.size() >= kMaxFiles) {
      errors.push_back("more than " + std::to_string(kMaxFiles) + " files: the rest were not scanned");
      return;
    }
    if (files.symlink_target(entry)) continue;  // never followed out of the crate
    if (files.is_directory(entry)) {
      // Version control, a workspace member's build output and the packages
      // inside its directory are not part of what it publishes.
      if (entry.filename() == ".git" || (depth == 0 && skip_build_output && entry.filename() == "target")) continue;
      if (skip_build_output && files.is_file(entry / "Cargo.toml")) continue;
      list_files(files, entry, root, depth + 1, skip_build_output, out, errors);
    } else if (files.is_file(entry)) {
      out.push_back({entry, entry.lexically_relative(root).generic_string()});
    }
  }
}

// The first bytes of a file too large to read whole.
std::string read_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(64, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

bool has_extension(std::string_view path, std::initializer_list<std::string_view> extensions) {
  for (std::string_view extension : extensions)
    if (path.ends_with(extension)) return true;
  return false;
}

// Tests, examples, benches, fixtures: code that never runs on a user's
// machine, where fake credentials and sample binaries are normal.
bool is_test_path(std::string_view relative) {
  std::string_view name = relative.substr(relative.rfind('/') == std::string_view::npos ? 0 : relative.rfind('/') + 1);
  if (name == "test.rs" || name == "tests.rs" || name.ends_with("_test.rs") || name.ends_with("_tests.rs")) return true;
  static constexpr std::string_view kDirectories[] = {"tests", "test", "testdata", "test_data", "test-data",
                                                      "fixtures", "examples", "benches", "testing"};
  size_t start = 0;
  while (true) {
    size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) return false;
    std::string_view component = relative.substr(start, slash - start);
    for (std::string_view directory : kDirectories)
      if (component == directory) return true;
    start = slash + 1;
  }
}

bool is_documentation(std::string_view relative) {
  return has_extension(relative, {".md", ".markdown", ".txt", ".rst", ".adoc", ".html", ".htm", ".patch", ".diff"}) ||
         relative.starts_with("doc/") || relative.starts_with("docs/") || relative.starts_with("debian/");
}

std::string_view line_around(std::string_view text, size_t offset) {
  size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = start == std::string_view::npos || offset == 0 ? 0 : start + 1;
  size_t end = text.find('\n', offset);
  return text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
}

bool is_comment_line(std::string_view line) {
  size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  line.remove_prefix(first);
  return line.starts_with("//") || line.starts_with("/*") || line.starts_with("* ") || line.starts_with("#");
}

bool is_doc_comment_line(std::string_view line) {
  size_t first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && (line.substr(first).starts_with("///") || line.substr(first).starts_with("//!"));
}

std::string shorten(std::string_view text, size_t limit = 120) {
  std::string out(text.substr(0, limit));
  if (text.size() > limit) out += "…";
  return out;
}

class FindingCap {
 public:
  bool allow(const std::string& rule, const std::string& file) { return ++counts_[{rule, file}] <= kMaxFindingsPerRuleAndFile; }

 private:
  std::map<std::pair<std::string, std::string>, size_t> counts_;
};

struct FileScanner {
  const ScanRules& rules;
  fs::path root;
  const std::set<std::string>& build_time_files;
  std::vector<ScanFinding>& findings;
  std::vector<std::string>& errors;
  FindingCap cap;
  std::vector<PatternMatch> matches;
  // The `#[cfg(test)] mod` bodies of the .rs file being scanned, found when
  // a finding first asks (most files have none).
  std::string test_bodies_of;
  std::vector<model::ByteRange> test_bodies;

  // Whether `offset` of a .rs file is inside a `#[cfg(test)] mod { }`: code
  // compiled only for the crate's own tests, as a file under tests/ is.
  bool in_test_module(const CrateFile& file, std::string_view text, size_t offset) {
    if (!file.relative.ends_with(".rs")) return false;
    if (test_bodies_of != file.relative) {
      test_bodies = model::cfg_test_module_bodies(text);
      test_bodies_of = file.relative;
    }
    return std::any_of(test_bodies.begin(), test_bodies.end(),
                       [&](const model::ByteRange& body) { return offset >= body.begin && offset < body.end; });
  }

  void secrets(const CrateFile& file, std::string_view text) {
    matches.clear();
    if (!rules.secrets.find_all(text, matches)) errors.push_back(file.relative + ": too many secret candidates, scan cut short");
    for (const PatternMatch& match : matches) {
      const SecretRule& rule = secret_rules()[match.pattern];
      std::string_view value = text.substr(match.value_begin, match.value_end - match.value_begin);
      std::string_view line = line_around(text, match.begin);
      if (!confirmed_secret(rule, value, text.substr(match.end)) || !cap.allow(std::string(rule.id), file.relative)) continue;
      // Cargo's file -> sha256 table: `"src/to_tokens.rs": "99bb..."` names a token and holds 64 hex digits.
      if (file.relative.ends_with(".cargo-checksum.json") && sources::is_sha256_hex(value)) continue;
      ScanFinding finding;
      finding.rule_id = rule.id;
      finding.kind = FindingKind::secret;
      finding.category = "secret";
      finding.severity = rule.severity;
      finding.confidence = rule.min_entropy > 0 ? Confidence::medium : Confidence::high;
      finding.location = {file.relative, position_of_offset(text, match.value_begin)};
      finding.excerpt = shorten(redact_in_line(line, static_cast<size_t>(text.data() + match.value_begin - line.data()), value.size()), 160);
      finding.why = std::string(rule.description) + " written into the crate: anyone who downloads it can use it";
      finding.build_time = build_time_files.contains(file.relative);
      if (line.find("cratescope:allow") != std::string_view::npos || line.find("gitleaks:allow") != std::string_view::npos)
        finding.allowed_because = "marked allowed on its line";
      else if (looks_like_placeholder(value))
        finding.allowed_because = "a placeholder or documented example value";
      else if (is_test_path(file.relative) || in_test_module(file, text, match.value_begin))
        finding.allowed_because = "in tests, examples or fixtures";
      else if (is_documentation(file.relative) || is_doc_comment_line(line))
        finding.allowed_because = "in documentation";
      findings.push_back(std::move(finding));
    }
  }

  void include_bytes(const CrateFile& file, std::string_view text, const PatternMatch& match);

  void indicators(const CrateFile& file, std::string_view text) {
    matches.clear();
    if (!rules.indicators.find_all(text, matches)) errors.push_back(file.relative + ": too many indicator matches, scan cut short");
    bool rust = file.relative.ends_with(".rs");
    for (const PatternMatch& match : matches) {
      const IndicatorRule& rule = indicator_rules()[match.pattern];
      std::string_view matched = text.substr(match.begin, match.end - match.begin);
      if (rule.indicator == Indicator::exfiltration_endpoint && rule.id.starts_with("raw-ip") && !is_public_ip_url(matched))
        continue;
      if (rule.id == "include-bytes") {
        include_bytes(file, text, match);
        continue;
      }
      if (!cap.allow(std::string(rule.id), file.relative)) continue;
      std::string_view line = line_around(text, match.begin);
      ScanFinding finding;
      finding.rule_id = rule.id;
      finding.kind = FindingKind::behaviour;
      finding.category = to_string(rule.indicator);
      finding.severity = rule.severity;
      // Words in comments, docs and tests say what code could do, not what it
      // does; CI configs and scripts beside the code are not run by Cargo
      // (a build script that runs one shows as a build-time process).
      bool prose = !rust || is_documentation(file.relative) || is_comment_line(line) || is_test_path(file.relative) ||
                   in_test_module(file, text, match.begin);
      finding.confidence = prose ? Confidence::low : Confidence::medium;
      finding.location = {file.relative, position_of_offset(text, match.begin)};
      finding.excerpt = shorten(matched);
      finding.why = rule.why;
      finding.build_time = build_time_files.contains(file.relative);
      findings.push_back(std::move(finding));
    }
  }
};

// `include_bytes!("x")` of a file in the crate that is an executable: a
// payload the compiler embeds where no source review sees it (rands,
// RUSTSEC-2025-0155, linked one in).
void FileScanner::include_bytes(const CrateFile& file, std::string_view text, const PatternMatch& match) {
  std::string target(text.substr(match.value_begin, match.value_end - match.value_begin));
  fs::path path = (file.path.parent_path() / target).lexically_normal();
  std::error_code ec;
  // Only files inside the crate: `../lib/x` from src/ is, `../../etc/x` is not.
  if (path.lexically_relative(root).empty() || *path.lexically_relative(root).begin() == ".." || !fs::is_regular_file(path, ec))
    return;
  auto type = binary_type(read_head(path));
  if (!type || !type->executable || !cap.allow("include-bytes-executable", file.relative)) return;
  ScanFinding finding;
  finding.rule_id = "include-bytes-executable";
  finding.kind = FindingKind::behaviour;
  finding.category = "encoded-payload";
  finding.severity = Severity::high;
  finding.confidence = is_test_path(file.relative) ? Confidence::low : Confidence::medium;
  finding.location = {file.relative, position_of_offset(text, match.begin)};
  finding.excerpt = shorten(text.substr(match.begin, match.end - match.begin)) + " (" + std::string(type->name) + ")";
  finding.why = "embeds an executable into the compiled crate, out of sight of a source review";
  finding.build_time = build_time_files.contains(file.relative);
  findings.push_back(std::move(finding));
}

// build.rs and the modules it loads, and all code of a proc-macro crate:
// what runs on the developer's machine when the crate is built.
std::set<std::string> build_time_files(const model::CrateModel& model, bool proc_macro, const fs::path& root) {
  std::set<std::string> out;
  for (const model::Target& target : model.targets) {
    bool build_time = target.spec.kind == model::TargetKind::build_script || (proc_macro && target.spec.kind == model::TargetKind::lib);
    if (!build_time) continue;
    for (const model::Module& module : target.modules)
      if (!module.file.empty()) out.insert(fs::path(module.file).lexically_relative(root).generic_string());
  }
  return out;
}

void build_time_capabilities(const capabilities::CrateCapabilities& capabilities, const fs::path& root,
                             std::vector<ScanFinding>& out) {
  FindingCap cap;
  for (const capabilities::CapabilityFinding& found : capabilities.findings) {
    if (found.capability != capabilities::Capability::build_time_exec || found.exercised != capabilities::Capability::net)
      continue;
    std::string file = fs::path(found.location.file).lexically_relative(root).generic_string();
    if (!cap.allow("build-time-network", file)) continue;
    ScanFinding finding;
    finding.rule_id = "build-time-network";
    finding.kind = FindingKind::behaviour;
    finding.category = "build-time-network";
    finding.severity = Severity::medium;
    finding.confidence = found.confidence == capabilities::Confidence::certain ? Confidence::high : Confidence::medium;
    finding.location = {file, found.location.position};
    finding.excerpt = found.evidence;
    finding.why = std::string(capabilities.proc_macro ? "the proc-macro" : "the build script") +
                  " uses the network (" + found.why + "): it runs on every machine that builds the crate";
    finding.build_time = true;
    out.push_back(std::move(finding));
  }
}

// A file that names a secrets file and also talks to the network: what the
// credential stealers among RustSec's malicious crates do in a few lines.
void secrets_sent_over_network(const capabilities::CrateCapabilities& capabilities, const fs::path& root,
                               std::vector<ScanFinding>& findings) {
  std::set<std::string> network_files;
  for (const capabilities::CapabilityFinding& found : capabilities.findings)
    if (found.capability == capabilities::Capability::net ||
        (found.capability == capabilities::Capability::build_time_exec && found.exercised == capabilities::Capability::net))
      network_files.insert(fs::path(found.location.file).lexically_relative(root).generic_string());
  std::set<std::string> reported;
  std::vector<ScanFinding> derived;
  for (const ScanFinding& finding : findings) {
    if (finding.category != "secret-file" || !counts_for_verdict(finding) || !network_files.contains(finding.location.file) ||
        !reported.insert(finding.location.file).second)
      continue;
    ScanFinding out = finding;
    out.rule_id = "secret-file-and-network";
    out.category = "secret-exfiltration";
    out.severity = Severity::high;
    out.why = "the same file names a secrets file (" + finding.rule_id + ") and uses the network: the pattern of "
              "credential stealers";
    derived.push_back(std::move(out));
  }
  findings.insert(findings.end(), derived.begin(), derived.end());
}

void bundled_binary(const CrateFile& file, std::string_view head, std::vector<ScanFinding>& out) {
  auto type = binary_type(head);
  if (!type) return;
  ScanFinding finding;
  finding.rule_id = type->executable ? "bundled-executable" : "bundled-archive";
  finding.kind = FindingKind::binary;
  finding.category = type->executable ? "executable" : "archive";
  finding.severity = type->executable ? Severity::high : Severity::low;
  finding.confidence = Confidence::medium;
  finding.location = {file.relative, {}};
  finding.excerpt = std::string(type->name);
  finding.why = type->executable ? "machine code shipped in a crate cannot be reviewed as source and can be run or "
                                   "linked at build time"
                                 : "a compressed archive hides its contents from review";
  if (is_test_path(file.relative)) finding.allowed_because = "in tests, examples or fixtures";
  out.push_back(std::move(finding));
}

void typosquat(const PopularCrates& popular, const std::string& name, std::vector<ScanFinding>& out) {
  if (name.empty()) return;
  auto match = popular.imitated_by(name);
  if (!match) return;
  ScanFinding finding;
  finding.rule_id = "typosquat-" + std::string(match->kind);
  finding.kind = FindingKind::typosquat;
  finding.category = match->edit ? "edit" : "affix";
  finding.severity = match->edit ? Severity::medium : Severity::low;
  finding.confidence = match->edit ? Confidence::medium : Confidence::low;
  finding.location = {"Cargo.toml", {}};
  finding.excerpt = name + " ~ " + match->popular;
  finding.why = "the name is a near miss (" + std::string(match->kind) + ") of the popular crate `" + match->popular +
                "`: typosquats wait for someone to mistype it";
  out.push_back(std::move(finding));
}

// The clone to compare a crate with, if the options name one.
std::string repository_for(const ScanOptions& options, const std::string& name) {
  if (!options.repository.empty()) return options.repository;
  if (options.repositories_dir.empty() || name.empty()) return "";
  for (const std::string& candidate : {name, name + ".git"}) {
    fs::path path = fs::path(options.repositories_dir) / candidate;
    std::error_code ec;
    if (fs::is_directory(path, ec)) return path.string();
  }
  return "";
}

std::shared_ptr<const YaraRules> shipped_yara_rules() {
  auto rules = YaraRules::compile();
  // The shipped rules are tested; failing here is a build defect, not bad input.
  if (!rules) throw std::runtime_error("the shipped YARA rules do not compile: " + rules.error());
  return *rules;
}

}  // namespace

ScanRules::ScanRules() : ScanRules(PopularCrates::shipped()) {}
ScanRules::ScanRules(PopularCrates popular_crates, std::shared_ptr<const YaraRules> yara_rules,
                     const std::filesystem::path& cache_dir)
    : secrets(secret_patterns(), cache_dir),
      indicators(indicator_patterns(), cache_dir),
      popular(std::move(popular_crates)),
      yara(yara_rules ? std::move(yara_rules) : shipped_yara_rules()) {}

CrateScan scan_crate(const Context& context, const ScanRules& rules, const std::string& crate_dir, const ScanOptions& options) {
  CrateScan out;
  out.dir = crate_dir;
  fs::path root(crate_dir);

  crates::LoadedCrate loaded = crates::load_crate(context, crate_dir, {});
  out.name = loaded.has_manifest ? loaded.name : root.filename().string();
  out.version = loaded.version;
  capabilities::AnalysisOptions analysis;
  analysis.crate_aliases = loaded.crate_aliases;
  auto crate_capabilities = capabilities::capabilities_of(loaded.model, loaded.proc_macro, analysis, rules.capability_rules);
  std::set<std::string> build_time = build_time_files(loaded.model, loaded.proc_macro, root);
  build_time_capabilities(crate_capabilities, root, out.findings);

  std::vector<CrateFile> files;
  list_files(context.files, root, root, 0, options.skip_build_output, files, out.errors);
  fs::path normal_root = root.lexically_normal();
  if (!normal_root.has_filename()) normal_root = normal_root.parent_path();  // "dir/" -> "dir"
  FileScanner scanner{rules, normal_root, build_time, out.findings, out.errors, {}, {}};
  std::optional<VcsInfo> vcs_info;
  for (const CrateFile& file : files) {
    auto contents = context.files.read_file(file.path, options.max_text_bytes);
    if (!contents) {
      // Too large to scan as text: still say what it is.
      std::string head = read_head(file.path);
      bundled_binary(file, head, out.findings);
      out.errors.push_back(file.relative + ": " + contents.error());
      continue;
    }
    std::string_view text = *contents;
    ++out.files;
    out.bytes += text.size();
    rules.yara->scan(file.relative, text, out.findings);
    if (binary_type(text.substr(0, 64))) {
      bundled_binary(file, text.substr(0, 64), out.findings);
      continue;
    }
    scanner.secrets(file, text);
    scanner.indicators(file, text);
    if (file.relative.ends_with(".rs")) find_trojan_source(file.relative, text, out.findings);
    if (file.relative == ".cargo_vcs_info.json") {
      vcs_info_findings(file.relative, text, out.findings);
      std::string error;
      vcs_info = parse_vcs_info(text, error);
    }
  }
  if (std::string clone = repository_for(options, out.name); !clone.empty()) {
    if (!vcs_info) {
      out.errors.push_back("no usable .cargo_vcs_info.json: the package cannot be compared with " + clone);
    } else {
      std::vector<std::string> relative;
      for (const CrateFile& file : files) relative.push_back(file.relative);
      if (auto compared = compare_with_repository(crate_dir, relative, *vcs_info, clone, build_time, out.findings); !compared)
        out.errors.push_back(compared.error());
    }
  }
  secrets_sent_over_network(crate_capabilities, root, out.findings);
  if (loaded.has_manifest && std::none_of(files.begin(), files.end(), [](const CrateFile& f) { return f.relative == ".cargo_vcs_info.json"; }))
    out.findings.push_back(missing_vcs_info_finding());
  if (options.typosquats) typosquat(rules.popular, out.name, out.findings);

  std::stable_sort(out.findings.begin(), out.findings.end(), [](const ScanFinding& a, const ScanFinding& b) {
    return std::tie(a.location.file, a.location.position.line, a.location.position.column) <
           std::tie(b.location.file, b.location.position.line, b.location.position.column);
  });
  VerdictResult verdict = decide_verdict(out.findings);
  out.verdict = verdict.verdict;
  out.reasons = std::move(verdict.reasons);
  return out;
}

}  // namespace cratescope::scan
