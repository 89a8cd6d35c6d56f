#include "report/sarif_values.hpp"

#include <cstdint>
#include <cstdio>

#include "core/fnv1a.hpp"
#include "report/finding_facts.hpp"
#include "report/json_values.hpp"

namespace cratescope::report {

// FNV-1a, 64 bits: stable across runs and platforms, which is all a
// fingerprint needs (it identifies, it does not protect).
std::string fingerprint(std::initializer_list<std::string_view> parts) {
  uint64_t hash = kFnv1aSeed;
  for (std::string_view part : parts) hash = fnv1a("\x1f", fnv1a(part, hash));  // separator: ("ab", "c") != ("a", "bc")
  return hex64(hash);
}

// RFC 3986: keep unreserved characters and '/', percent-encode every other byte.
std::string percent_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string file_uri(const std::string& absolute_path) { return "file://" + percent_encode_path(absolute_path); }

nlohmann::json sarif_artifact_location(const std::string& path, const std::string& root) {
  if (auto relative = path_under_root(path, root)) {
    nlohmann::json location = {{"uri", json_text(percent_encode_path(*relative))}};
    if (!root.empty()) location["uriBaseId"] = kRootBaseId;
    return location;
  }
  return {{"uri", json_text(file_uri(path))}};
}

nlohmann::json sarif_physical_location(const std::string& path, TextPosition position, const std::string& root) {
  nlohmann::json out = {{"artifactLocation", sarif_artifact_location(path, root)}};
  if (position.known()) {
    out["region"] = {{"startLine", position.line}};
    if (position.column) out["region"]["startColumn"] = position.column;
  }
  return out;
}

nlohmann::json sarif_uri_base_ids(const std::string& root) {
  std::string root_uri = file_uri(root);
  if (!root_uri.ends_with('/')) root_uri += '/';
  return {{kRootBaseId, {{"uri", json_text(root_uri)}}}};
}

size_t SarifRules::index(const std::string& id, const std::string& description) {
  auto [it, inserted] = index_.emplace(id, rules_.size());
  if (inserted)
    rules_.push_back({{"id", id},
                      {"name", id},
                      {"shortDescription", {{"text", json_text(description)}}},
                      {"helpUri", help_uri_}});
  return it->second;
}

nlohmann::json sarif_log(const std::string& tool_version, const std::string& root, const SarifRules& rules,
                         nlohmann::json results) {
  nlohmann::json driver = {{"name", "cratescope"},
                           {"informationUri", kToolInformationUri},
                           {"version", json_text(tool_version)},
                           {"semanticVersion", json_text(tool_version)},
                           {"rules", rules.rules()}};
  nlohmann::json run = {{"tool", {{"driver", driver}}},
                        {"results", std::move(results)},
                        {"invocations", nlohmann::json::array({{{"executionSuccessful", true}}})}};
  if (!root.empty()) run["originalUriBaseIds"] = sarif_uri_base_ids(root);
  return {{"$schema", kSarifSchemaUri}, {"version", "2.1.0"}, {"runs", nlohmann::json::array({run})}};
}

}  // namespace cratescope::report
