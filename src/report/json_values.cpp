#include "report/json_values.hpp"

#include "report/finding_facts.hpp"
#include "core/untrusted_text.hpp"

namespace cratescope::report {

nlohmann::json json_text(std::string_view text) { return valid_utf8(text); }

nlohmann::json json_text_or_null(std::string_view text) {
  if (text.empty()) return nullptr;
  return json_text(text);
}

nlohmann::json json_text_list(const std::vector<std::string>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& item : items) out.push_back(json_text(item));
  return out;
}

nlohmann::json json_location(const SourceLocation& location, const std::string& root) {
  if (location.file.empty() && !location.position.known()) return nullptr;
  nlohmann::json out;
  out["file"] = json_text(display_path(location.file, root));
  out["line"] = location.position.line ? nlohmann::json(location.position.line) : nlohmann::json(nullptr);
  out["column"] = location.position.column ? nlohmann::json(location.position.column) : nlohmann::json(nullptr);
  return out;
}

}  // namespace cratescope::report
