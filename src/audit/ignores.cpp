#include "audit/ignores.hpp"

#include "core/cargo_home.hpp"

#include <cstdlib>

#include <toml++/toml.h>

namespace cratescope::audit {
namespace {

TextPosition position_of(const toml::node& node) {
  auto begin = node.source().begin;
  return {begin.line, begin.column};
}

std::string date_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto d = node.as_date()) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02u", unsigned(d->get().year), unsigned(d->get().month),
                  unsigned(d->get().day));
    return buffer;
  }
  return {};
}

std::vector<std::string> strings_of(const toml::node* node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (auto s = node->value<std::string>()) out.push_back(*s);
  if (auto array = node->as_array())
    for (auto& item : *array)
      if (auto s = item.value<std::string>()) out.push_back(*s);
  return out;
}

// ignore = ["RUSTSEC-…", { id = "RUSTSEC-…", reason = "…" }] (cargo-audit, cargo-deny)
void read_ignore_array(const toml::node* node, std::string_view text, const std::string& path, IgnoreSet& into,
                       Diagnostics& diagnostics) {
  if (!node) return;
  auto array = node->as_array();
  if (!array) {
    diagnostics.error(path, text, position_of(*node), "`ignore` must be an array of advisory ids");
    return;
  }
  for (auto& item : *array) {
    IgnoreRule rule;
    rule.origin = {path, position_of(item)};
    if (auto id = item.value<std::string>()) {
      rule.id = *id;
    } else if (auto table = item.as_table()) {
      if (auto id = (*table)["id"].value<std::string>()) rule.id = *id;
      if (auto reason = (*table)["reason"].value<std::string>()) rule.reason = *reason;
      if (auto expires = (*table)["expires"].node()) rule.expires = date_text(*expires);
      // cargo-deny also allows { crate = "name" } entries, which are not advisory ignores.
      if (rule.id.empty() && table->contains("crate")) continue;
    }
    if (rule.id.empty()) {
      diagnostics.error(path, text, position_of(item), "ignore entry without an advisory id");
      continue;
    }
    into.rules.push_back(std::move(rule));
  }
}

// cratescope.toml: [[audit.ignore]] id = "…", reason = "…", expires = 2026-01-01
void read_cratescope_ignores(const toml::table& root, std::string_view text, const std::string& path, IgnoreSet& into,
                             Diagnostics& diagnostics) {
  auto entries = root["audit"]["ignore"].as_array();
  if (!entries) return;
  for (auto& item : *entries) {
    auto table = item.as_table();
    if (!table) {
      diagnostics.error(path, text, position_of(item), "[[audit.ignore]] entries must be tables with an `id`");
      continue;
    }
    IgnoreRule rule;
    rule.origin = {path, position_of(item)};
    rule.id = (*table)["id"].value_or(std::string());
    rule.reason = (*table)["reason"].value_or(std::string());
    if (auto expires = (*table)["expires"].node()) {
      rule.expires = date_text(*expires);
      if (rule.expires.size() != 10)
        diagnostics.error(path, text, position_of(*expires), "`expires` must be a date such as 2027-01-31");
    }
    if (rule.id.empty()) {
      diagnostics.error(path, text, position_of(item), "[[audit.ignore]] entry without an `id`");
      continue;
    }
    into.rules.push_back(std::move(rule));
  }
}

}  // namespace

const IgnoreRule* IgnoreSet::find(const std::string& id, const std::vector<std::string>& aliases) const {
  for (auto& rule : rules) {
    if (rule.id == id) return &rule;
    for (auto& alias : aliases)
      if (rule.id == alias) return &rule;
  }
  return nullptr;
}

void read_ignore_file(std::string_view text, const std::string& path, std::string_view flavour, IgnoreSet& into,
                      Diagnostics& diagnostics) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    auto begin = e.source().begin;
    diagnostics.error(path, text, {begin.line, begin.column}, std::string(e.description()));
    return;
  }
  if (flavour == "cratescope.toml") {
    read_cratescope_ignores(root, text, path, into, diagnostics);
    return;
  }
  read_ignore_array(root["advisories"]["ignore"].node(), text, path, into, diagnostics);
  if (flavour == "audit.toml") {
    auto warnings = strings_of(root["advisories"]["informational_warnings"].node());
    if (!warnings.empty()) into.informational_warnings = warnings;
    if (auto threshold = root["advisories"]["severity_threshold"].value<std::string>()) into.severity_threshold = *threshold;
    auto os = strings_of(root["target"]["os"].node());
    auto arch = strings_of(root["target"]["arch"].node());
    if (!os.empty()) into.target_os = os.front();
    if (!arch.empty()) into.target_arch = arch.front();
  }
}

IgnoreSet load_ignores(const fs::path& project_root, Context& ctx) {
  IgnoreSet set;
  std::vector<std::pair<fs::path, std::string_view>> candidates;
  if (fs::path home = default_cargo_home(); !home.empty()) candidates.push_back({home / "audit.toml", "audit.toml"});
  candidates.push_back({project_root / ".cargo" / "audit.toml", "audit.toml"});
  candidates.push_back({project_root / "deny.toml", "deny.toml"});
  candidates.push_back({project_root / "cratescope.toml", "cratescope.toml"});
  for (auto& [path, flavour] : candidates) {
    if (!ctx.files.is_file(path)) continue;
    auto text = ctx.files.read_file(path, 16u << 20);
    if (!text) {
      ctx.diagnostics.error(path.string(), "", {}, text.error());
      continue;
    }
    read_ignore_file(*text, path.string(), flavour, set, ctx.diagnostics);
  }
  return set;
}

}  // namespace cratescope::audit
