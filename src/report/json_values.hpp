#pragma once
// Small builders shared by the JSON and SARIF reports. Every string goes
// through valid_utf8(): nlohmann::json::dump() throws on invalid UTF-8, and
// advisory or lockfile text may contain anything.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/source_location.hpp"

namespace cratescope::report {

nlohmann::json json_text(std::string_view text);
// null for an empty string: "absent" rather than "empty" in the schema.
nlohmann::json json_text_or_null(std::string_view text);
nlohmann::json json_text_list(const std::vector<std::string>& items);
// {"file", "line", "column"} (file relative to `root` when under it; line and
// column null when unknown), or null when the location is empty.
nlohmann::json json_location(const SourceLocation& location, const std::string& root);

}  // namespace cratescope::report
