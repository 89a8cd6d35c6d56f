#include "scan/yara_rules.hpp"

#include <yara.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace cratescope::scan {

extern const char kShippedYaraRules[];  // generated from rules/yara/*.yar

namespace fs = std::filesystem;

// yr_initialize/yr_finalize are reference counted by libyara; one holder per
// rule set keeps the library alive as long as its rules.
struct YaraRules::Library {
  bool ok = yr_initialize() == ERROR_SUCCESS;
  ~Library() {
    if (ok) yr_finalize();
  }
};

namespace {

struct CompileErrors {
  std::string first;
};

void on_compile_message(int error_level, const char* file_name, int line_number, const YR_RULE* /*rule*/,
                        const char* message, void* user_data) {
  auto* errors = static_cast<CompileErrors*>(user_data);
  if (error_level != YARA_ERROR_LEVEL_ERROR || !errors->first.empty()) return;
  errors->first = std::string(file_name ? file_name : "shipped rules") + ":" + std::to_string(line_number) + ": " +
                  (message ? message : "error");
}

struct ScanState {
  const std::string* file;
  std::string_view data;
  std::vector<ScanFinding>* out;
};

Severity severity_from(std::string_view text) {
  if (text == "critical") return Severity::critical;
  if (text == "high") return Severity::high;
  if (text == "low") return Severity::low;
  return Severity::medium;
}

// libyara keeps rules, metas, strings and matches in a relocatable arena
// whose records are not 8-byte aligned; its own iteration macros read them
// as they are (fine on x86 and arm64), so UBSan's alignment check is off here.
__attribute__((no_sanitize("alignment")))
int on_scan_message(YR_SCAN_CONTEXT* context, int message, void* message_data, void* user_data) {
  if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
  auto* state = static_cast<ScanState*>(user_data);
  auto* rule = static_cast<YR_RULE*>(message_data);
  ScanFinding finding;
  finding.rule_id = std::string("yara-") + rule->identifier;
  finding.kind = FindingKind::malware;
  finding.category = "yara";
  finding.severity = Severity::medium;
  finding.confidence = Confidence::medium;
  finding.why = std::string("matches the YARA rule ") + rule->identifier;
  YR_META* meta;
  yr_rule_metas_foreach(rule, meta) {
    if (meta->type != META_TYPE_STRING) continue;
    std::string_view key = meta->identifier, value = meta->string;
    if (key == "description") finding.why = std::string(value);
    else if (key == "severity") finding.severity = severity_from(value);
    else if (key == "verdict" && value == "malicious") finding.category = "yara-malicious", finding.confidence = Confidence::high;
  }
  // The first match of any of its strings locates the finding.
  uint64_t first = UINT64_MAX;
  YR_STRING* string;
  yr_rule_strings_foreach(rule, string) {
    YR_MATCH* match;
    yr_string_matches_foreach(context, string, match) { first = std::min<uint64_t>(first, static_cast<uint64_t>(match->base + match->offset)); }
  }
  finding.location.file = *state->file;
  if (first != UINT64_MAX && first < state->data.size()) {
    finding.location.position = position_of_offset(state->data, first);
    std::string_view excerpt = state->data.substr(first, 80);
    finding.excerpt = std::string(excerpt.substr(0, excerpt.find('\n')));
    for (char& c : finding.excerpt)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '.';
  }
  state->out->push_back(std::move(finding));
  return CALLBACK_CONTINUE;
}

// (The arena's records are unaligned: see on_scan_message.)
__attribute__((no_sanitize("alignment")))
size_t count_rules(YR_RULES* rules) {
  size_t count = 0;
  YR_RULE* rule;
  yr_rules_foreach(rules, rule) ++count;
  return count;
}

}  // namespace

Expected<std::shared_ptr<const YaraRules>> YaraRules::compile(const std::string& user_dir) {
  std::shared_ptr<YaraRules> rules(new YaraRules());
  rules->library_ = std::make_shared<Library>();
  if (!rules->library_->ok) return unexpected(std::string("cannot initialise libyara"));
  YR_COMPILER* compiler = nullptr;
  if (yr_compiler_create(&compiler) != ERROR_SUCCESS) return unexpected(std::string("cannot create a YARA compiler"));
  std::unique_ptr<YR_COMPILER, void (*)(YR_COMPILER*)> owned(compiler, yr_compiler_destroy);
  CompileErrors errors;
  yr_compiler_set_callback(compiler, on_compile_message, &errors);
  if (yr_compiler_add_string(compiler, kShippedYaraRules, "cratescope") != 0)
    return unexpected("shipped YARA rules: " + errors.first);
  if (!user_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(user_dir, ec)) return unexpected(user_dir + ": not a directory of YARA rules");
    std::vector<fs::path> files;
    for (fs::directory_iterator it(user_dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".yar" || it->path().extension() == ".yara") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    if (files.empty()) return unexpected(user_dir + ": no .yar or .yara files");
    for (const fs::path& path : files) {
      std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "r"), std::fclose);
      if (!file) return unexpected(path.string() + ": cannot be read");
      if (yr_compiler_add_file(compiler, file.get(), "user", path.c_str()) != 0) return unexpected(errors.first);
    }
  }
  YR_RULES* compiled = nullptr;
  if (yr_compiler_get_rules(compiler, &compiled) != ERROR_SUCCESS) return unexpected(std::string("YARA: out of memory"));
  rules->rules_ = compiled;
  rules->rule_count_ = count_rules(compiled);
  return std::shared_ptr<const YaraRules>(std::move(rules));
}

YaraRules::~YaraRules() {
  if (rules_) yr_rules_destroy(static_cast<YR_RULES*>(rules_));
}

void YaraRules::scan(const std::string& file, std::string_view data, std::vector<ScanFinding>& out) const {
  ScanState state{&file, data, &out};
  // Ten seconds per file at most: a pathological rule must not hang a registry scan.
  yr_rules_scan_mem(static_cast<YR_RULES*>(rules_), reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                    SCAN_FLAGS_FAST_MODE, on_scan_message, &state, 10);
}

}  // namespace cratescope::scan
