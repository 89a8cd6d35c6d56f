#pragma once
// Pieces every SARIF 2.1.0 report of cratescope shares.
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/source_location.hpp"

namespace cratescope::report {

inline constexpr const char* kSarifSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
// TODO(lead): the project's home page once it has one.
inline constexpr const char* kToolInformationUri = "https://github.com/cratescope/cratescope";
inline constexpr const char* kRootBaseId = "%SRCROOT%";

// A stable hash of the parts (FNV-1a, 64 bits, hex) for partialFingerprints.
std::string fingerprint(std::initializer_list<std::string_view> parts);
// RFC 3986: unreserved characters and '/' kept, every other byte percent-encoded.
std::string percent_encode_path(std::string_view path);
std::string file_uri(const std::string& absolute_path);

// Relative to %SRCROOT% when under `root` (portable across checkouts), else
// an absolute file URI.
nlohmann::json sarif_artifact_location(const std::string& path, const std::string& root);
// With a region when the position is known.
nlohmann::json sarif_physical_location(const std::string& path, TextPosition position, const std::string& root);
// {"%SRCROOT%": {"uri": "file:///root/"}}
nlohmann::json sarif_uri_base_ids(const std::string& root);

// Collects reportingDescriptors as results cite them, so the rule list is
// exactly what the results use.
class SarifRules {
 public:
  explicit SarifRules(std::string help_uri) : help_uri_(std::move(help_uri)) {}
  size_t index(const std::string& id, const std::string& description);
  const nlohmann::json& rules() const { return rules_; }

 private:
  std::string help_uri_;
  std::map<std::string, size_t> index_;
  nlohmann::json rules_ = nlohmann::json::array();
};

// A whole log: one run of cratescope with these rules and results.
nlohmann::json sarif_log(const std::string& tool_version, const std::string& root, const SarifRules& rules,
                         nlohmann::json results);

}  // namespace cratescope::report
