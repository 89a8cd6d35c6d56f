#include "capabilities/target_findings.hpp"

#include <optional>

#include "model/use_resolver.hpp"

namespace cratescope::capabilities {

namespace {

// Powers whose use by build.rs or a proc-macro happens on the developer's machine.
bool is_build_time_power(Capability c) {
  return c == Capability::fs || c == Capability::net || c == Capability::exec || c == Capability::env ||
         c == Capability::ffi;
}

// `libc::O_TMPFILE`, `std::f64::consts::PI`: a constant names a value; using
// it exercises no power, whatever crate it comes from.
bool names_a_constant(const std::string& path) {
  size_t at = path.rfind("::");
  std::string_view last = at == std::string::npos ? std::string_view(path) : std::string_view(path).substr(at + 2);
  bool has_letter = false;
  for (char c : last) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') has_letter = true;
  }
  return has_letter && last.size() > 1;
}

bool is_generated_include(const model::MacroCall& call) {
  return call.tokens.find("OUT_DIR") != std::string::npos || call.tokens.find("env!") != std::string::npos ||
         call.tokens.find("concat!") != std::string::npos;
}

class Collector {
 public:
  Collector(const TargetFindingsInput& input, std::vector<CapabilityFinding>& out)
      : input_(input), out_(out), resolver_(resolver_of(input)) {}

  void run() {
    // References in macro_rules! bodies belong to the call graph (each
    // invocation links to the macro); as findings they would all be
    // attributed to the definition, which no report asked for yet.
    for (const auto& r : input_.target.references)
      if (wanted(r.test_only) && !r.in_macro_rules) reference(r);
    for (const auto& call : input_.target.macro_calls)
      if (wanted(call.test_only)) macro_call(call);
    for (const auto& item : input_.target.items)
      if (wanted(item.test_only)) item_facts(item);
    for (const auto& missing : input_.target.missing_modules) {
      CapabilityFinding f = base(Capability::unanalyzed, missing, "", false);
      f.evidence = "mod without a file";
      f.why = "the module's file is missing, so its code was not seen";
      push(std::move(f));
    }
  }

 private:
  const TargetFindingsInput& input_;
  std::vector<CapabilityFinding>& out_;
  std::optional<model::UseResolver> own_resolver_;
  const model::UseResolver& resolver_;

  const model::UseResolver& resolver_of(const TargetFindingsInput& input) {
    if (input.resolver) return *input.resolver;
    return own_resolver_.emplace(input.target, input.options.crate_aliases);
  }

  bool wanted(bool test_only) const { return input_.options.include_tests || !test_only; }

  CapabilityFinding base(Capability c, const SourceLocation& at, const std::string& function, bool test_only) {
    CapabilityFinding f;
    f.capability = c;
    f.location = at;
    f.function = function;
    f.target = input_.target.spec.kind;
    f.test_only = test_only;
    return f;
  }

  void push(CapabilityFinding f) {
    bool build_power = input_.build_time && is_build_time_power(f.capability);
    CapabilityFinding copy = build_power ? f : CapabilityFinding{};
    out_.push_back(std::move(f));
    if (!build_power) return;
    copy.exercised = copy.capability;
    copy.capability = Capability::build_time_exec;
    copy.why = std::string(input_.target.spec.kind == model::TargetKind::build_script ? "build.rs" : "the proc-macro") +
               " " + copy.why + " on the machine that builds the code";
    out_.push_back(std::move(copy));
  }

  void reference(const model::Reference& r) {
    if (r.kind == model::ReferenceKind::raw_deref) {
      CapabilityFinding f = base(Capability::unsafe_ptr, r.location, r.enclosing, r.test_only);
      f.evidence = "*";
      f.why = "dereferences a pointer in unsafe code (a raw pointer unless the operand is a reference)";
      f.confidence = Confidence::possible;
      return push(std::move(f));
    }
    const CapabilityRule* rule = nullptr;
    std::string evidence;
    Confidence confidence = Confidence::certain;
    if (r.kind == model::ReferenceKind::method) {
      rule = input_.rules.match_method(r.path);
      evidence = "." + r.path;
      confidence = Confidence::likely;
    } else {
      if (r.kind == model::ReferenceKind::path && names_a_constant(r.path)) return;
      // A single name passed as a value is a local variable unless a `use` imported it.
      if (r.kind == model::ReferenceKind::path && r.path.find("::") == std::string::npos &&
          !resolver_.binding(r.module, r.path))
        return;
      const auto& candidates = resolver_.resolve(r.module, r.path);
      for (const auto& candidate : candidates) {
        rule = input_.rules.match_path(candidate);
        if (rule) {
          evidence = candidate;
          break;
        }
      }
      if (candidates.size() > 1) confidence = Confidence::likely;
    }
    if (!rule) return;
    CapabilityFinding f = base(*rule->capability, r.location, r.enclosing, r.test_only);
    if (evidence != r.path) f.written = r.path;
    f.evidence = std::move(evidence);
    f.why = rule->why;
    f.in_macro_args = r.in_macro_args;
    f.confidence = confidence;
    push(std::move(f));
  }

  void macro_call(const model::MacroCall& call) {
    const CapabilityRule* rule = input_.rules.match_macro(call.name);
    if (!rule) return;
    CapabilityFinding f = base(*rule->capability, call.location, call.enclosing, call.test_only);
    f.evidence = call.name + "!";
    f.why = rule->why;
    bool include = call.name == "include" || call.name.ends_with("::include");
    if (include && is_generated_include(call)) {
      CapabilityFinding hidden = f;
      hidden.capability = Capability::unanalyzed;
      hidden.why = "includes generated code (OUT_DIR) that is not in the source";
      out_.push_back(std::move(hidden));
    }
    push(std::move(f));
  }

  void item_facts(const model::Item& item) {
    using model::ItemKind;
    if (item.kind == ItemKind::extern_fn || item.kind == ItemKind::extern_static) {
      CapabilityFinding f = base(Capability::ffi, item.location, item.path, item.test_only);
      f.evidence = std::string(item.kind == ItemKind::extern_fn ? "extern fn " : "extern static ") + last_segment(item.path);
      f.why = "declares a foreign item, called through FFI";
      push(std::move(f));
    }
    if (!item.export_name.empty()) {
      CapabilityFinding f = base(Capability::export_symbol, item.location, item.path, item.test_only);
      f.evidence = "exported symbol " + item.export_name;
      f.why = "exports an unmangled symbol that other code can call or that can clash at link time";
      push(std::move(f));
    }
    if (!item.link_section.empty()) {
      CapabilityFinding f = base(Capability::export_symbol, item.location, item.path, item.test_only);
      f.evidence = "#[link_section = \"" + item.link_section + "\"]";
      f.why = "places data in a chosen linker section (can run code at load time)";
      push(std::move(f));
    }
  }

  static std::string last_segment(const std::string& path) {
    size_t at = path.rfind("::");
    return at == std::string::npos ? path : path.substr(at + 2);
  }
};

}  // namespace

void collect_target_findings(const TargetFindingsInput& input, std::vector<CapabilityFinding>& out) {
  Collector(input, out).run();
}

}  // namespace cratescope::capabilities
