#include "advisory/cvss_metrics.hpp"

#include <algorithm>

namespace cratescope::advisory::cvss_detail {

std::string_view MetricValues::get(std::string_view name) const {
  for (const Entry& entry : entries_)
    if (entry.name == name) return entry.value;
  return {};
}

std::string_view MetricValues::get_or_not_defined(std::string_view name) const {
  std::string_view value = get(name);
  return value.empty() ? std::string_view("X") : value;
}

static std::string join_values(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::string_view value : values) {
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

Expected<MetricValues> parse_metrics(std::string_view metrics, const std::vector<MetricDefinition>& definitions) {
  MetricValues result;
  std::vector<bool> seen(definitions.size(), false);
  size_t start = 0;
  while (start <= metrics.size()) {
    size_t slash = metrics.find('/', start);
    std::string_view part = metrics.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    start = slash == std::string_view::npos ? metrics.size() + 1 : slash + 1;
    if (part.empty()) return unexpected(std::string("empty metric in CVSS vector (stray '/')"));
    size_t colon = part.find(':');
    if (colon == std::string_view::npos)
      return unexpected("malformed CVSS metric '" + std::string(part) + "' (expected NAME:VALUE)");
    std::string_view name = part.substr(0, colon), value = part.substr(colon + 1);
    auto definition = std::find_if(definitions.begin(), definitions.end(), [&](auto& d) { return d.name == name; });
    if (definition == definitions.end()) return unexpected("unknown CVSS metric '" + std::string(name) + "'");
    size_t index = static_cast<size_t>(definition - definitions.begin());
    if (seen[index]) return unexpected("duplicate CVSS metric '" + std::string(name) + "'");
    seen[index] = true;
    if (std::find(definition->values.begin(), definition->values.end(), value) == definition->values.end())
      return unexpected("invalid value '" + std::string(value) + "' for CVSS metric " + std::string(name) +
                        " (expected one of " + join_values(definition->values) + ")");
    result.set(name, value);
  }
  for (size_t i = 0; i < definitions.size(); ++i)
    if (definitions[i].mandatory && !seen[i])
      return unexpected("CVSS vector is missing the mandatory metric " + std::string(definitions[i].name));
  return result;
}

}  // namespace cratescope::advisory::cvss_detail
