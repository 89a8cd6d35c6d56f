#pragma once
// Pieces every SARIF 2.1.0 report of cratescope shares.
#include <initializer_list>
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

}  // namespace cratescope::report
