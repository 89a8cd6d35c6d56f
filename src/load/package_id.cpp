#include "load/package_id.hpp"

namespace cratescope::load {

std::optional<PackageIdText> split_package_id(std::string_view text) {
  // Cargo splits on the first two spaces; the source never contains one.
  PackageIdText id;
  size_t first_space = text.find(' ');
  id.name = std::string(text.substr(0, first_space));
  if (id.name.empty()) return std::nullopt;
  if (first_space == std::string_view::npos) return id;

  std::string_view rest = text.substr(first_space + 1);
  size_t second_space = rest.find(' ');
  std::string_view version = rest.substr(0, second_space);
  if (version.empty() || version.front() == '(') return std::nullopt;
  id.version = std::string(version);
  if (second_space == std::string_view::npos) return id;

  std::string_view source = rest.substr(second_space + 1);
  if (source.size() < 3 || source.front() != '(' || source.back() != ')') return std::nullopt;
  source = source.substr(1, source.size() - 2);
  if (source.find(' ') != std::string_view::npos) return std::nullopt;
  id.source = std::string(source);
  return id;
}

}  // namespace cratescope::load
