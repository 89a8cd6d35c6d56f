#include "callgraph/target_index.hpp"

#include <algorithm>

namespace cratescope::callgraph {

std::string_view type_base_name(std::string_view type) {
  size_t angle = type.find('<');
  if (angle != std::string_view::npos) type = type.substr(0, angle);
  size_t colons = type.rfind("::");
  if (colons != std::string_view::npos) type = type.substr(colons + 2);
  size_t start = 0;
  while (start < type.size() && (type[start] == '&' || type[start] == '*' || type[start] == ' ')) ++start;
  type = type.substr(start);
  for (std::string_view prefix : {"mut ", "const ", "dyn ", "mut", "dyn"})
    if (type.starts_with(prefix)) type = type.substr(prefix.size());
  return type;
}

void TargetIndex::add(const Function& f, FunctionId id) {
  by_path_[f.path].push_back(id);
  if (f.kind == model::ItemKind::macro_rules) macros_[std::string(f.name())].push_back(id);
  if (f.self_type == SelfType::foreign) {
    if (!f.foreign_type.empty()) foreign_methods_[f.foreign_type + "::" + std::string(f.name())].push_back(id);
    return;
  }
  if (f.kind != model::ItemKind::method && f.kind != model::ItemKind::trait_method) return;
  size_t last = f.path.rfind("::");
  if (last == std::string::npos) return;
  size_t type_start = f.path.rfind("::", last - 1);
  type_start = type_start == std::string::npos ? 0 : type_start + 2;
  by_type_method_[f.path.substr(type_start)].push_back(id);
  if (f.kind == model::ItemKind::method && !f.trait_path.empty() && !f.trait_path.starts_with("std::")) {
    std::vector<std::string>& traits = traits_by_type_[f.path.substr(type_start, last - type_start)];
    if (std::find(traits.begin(), traits.end(), f.trait_path) == traits.end()) traits.push_back(f.trait_path);
  }
}

const std::vector<std::string>* TargetIndex::traits_of(std::string_view type) const {
  auto found = traits_by_type_.find(type);
  return found == traits_by_type_.end() ? nullptr : &found->second;
}

const std::vector<FunctionId>* TargetIndex::macro_named(std::string_view name) const {
  auto found = macros_.find(name);
  return found == macros_.end() ? nullptr : &found->second;
}

const std::vector<FunctionId>* TargetIndex::foreign_method(const std::string& path) const {
  auto found = foreign_methods_.find(path);
  return found == foreign_methods_.end() ? nullptr : &found->second;
}

const std::vector<FunctionId>* TargetIndex::exact(const std::string& path) const {
  auto found = by_path_.find(path);
  return found == by_path_.end() ? nullptr : &found->second;
}

const std::vector<FunctionId>* TargetIndex::type_method(std::string_view type, std::string_view method) const {
  thread_local std::string key;  // no allocation per question
  key.assign(type).append("::").append(method);
  auto found = by_type_method_.find(key);
  return found == by_type_method_.end() ? nullptr : &found->second;
}

std::pair<std::string, std::string> TargetIndex::split_module(const std::string& path) const {
  for (size_t end = path.rfind("::"); end != std::string::npos && end > 0; end = path.rfind("::", end - 1)) {
    if (resolver_.is_module(std::string_view(path).substr(0, end))) return {path.substr(0, end), path.substr(end + 2)};
    if (end < 2) break;
  }
  return {"crate", path.starts_with("crate::") ? path.substr(7) : path};
}

}  // namespace cratescope::callgraph
