// Names of the model's enums, for reports and for the test markers.
#include <array>
#include <utility>

#include "model/crate_model.hpp"

namespace cratescope::model {

namespace {
constexpr std::array<std::pair<ItemKind, std::string_view>, 14> kItemKinds{{
    {ItemKind::function, "fn"},
    {ItemKind::method, "method"},
    {ItemKind::trait, "trait"},
    {ItemKind::trait_method, "trait-fn"},
    {ItemKind::struct_, "struct"},
    {ItemKind::enum_, "enum"},
    {ItemKind::union_, "union"},
    {ItemKind::const_, "const"},
    {ItemKind::static_, "static"},
    {ItemKind::type_alias, "type"},
    {ItemKind::macro_rules, "macro_rules"},
    {ItemKind::proc_macro, "proc_macro"},
    {ItemKind::extern_fn, "extern-fn"},
    {ItemKind::extern_static, "extern-static"},
}};
}  // namespace

std::string_view to_string(ItemKind kind) {
  for (const auto& [k, name] : kItemKinds)
    if (k == kind) return name;
  return "?";
}

std::optional<ItemKind> item_kind_from_string(std::string_view text) {
  for (const auto& [k, name] : kItemKinds)
    if (name == text) return k;
  return std::nullopt;
}

std::string_view to_string(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::call: return "call";
    case ReferenceKind::path: return "path";
    case ReferenceKind::method: return "method";
    case ReferenceKind::raw_deref: return "raw_deref";
  }
  return "?";
}

std::string_view to_string(UnsafeKind kind) {
  switch (kind) {
    case UnsafeKind::function: return "fn";
    case UnsafeKind::block: return "block";
    case UnsafeKind::impl: return "impl";
    case UnsafeKind::trait: return "trait";
    case UnsafeKind::extern_item: return "extern";
  }
  return "?";
}

}  // namespace cratescope::model
