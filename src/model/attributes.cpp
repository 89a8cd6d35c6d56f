#include <algorithm>
#include <cctype>

#include "model/file_facts.hpp"

namespace cratescope::model {

std::string identifier_name(std::string_view text) {
  if (text.starts_with("r#")) text.remove_prefix(2);
  return std::string(text);
}

namespace {
bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
}  // namespace

std::string squeeze(std::string_view text) {
  // Most paths and types are written without spaces or raw identifiers.
  if (std::none_of(text.begin(), text.end(), ascii_space) && text.find("r#") == std::string_view::npos)
    return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (ascii_space(c)) {
      // Keep one space where two words would otherwise merge (`dyn Trait`, `&mut T`).
      bool left = !out.empty() && (std::isalnum(static_cast<unsigned char>(out.back())) || out.back() == '_');
      size_t j = i;
      while (j < text.size() && ascii_space(text[j])) ++j;
      bool right = j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_' ||
                                       static_cast<unsigned char>(text[j]) >= 0x80);
      if (left && right) out += ' ';
      i = j - 1;
      continue;
    }
    // `r#ident` where `r` starts a word.
    if (c == 'r' && i + 1 < text.size() && text[i + 1] == '#' &&
        (out.empty() || !(std::isalnum(static_cast<unsigned char>(out.back())) || out.back() == '_'))) {
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

Attribute read_attribute(TSNode attribute_item, std::string_view source) {
  Attribute a;
  TSNode attr = ts_node_named_child(attribute_item, 0);
  if (!is(attr, "attribute")) return a;
  TSNode path = ts_node_named_child(attr, 0);
  a.name = squeeze(text_of(path, source));
  TSNode value = field(attr, Field::value);
  if (!ts_node_is_null(value)) {
    std::string_view v = text_of(value, source);
    if (is(value, "string_literal") && v.size() >= 2) v = v.substr(1, v.size() - 2);
    a.value = std::string(v);
  }
  TSNode args = field(attr, Field::arguments);
  if (!ts_node_is_null(args)) {
    for (char c : text_of(args, source))
      if (!ascii_space(c)) a.arguments += c;
  }
  return a;
}

std::vector<Attribute> outer_attributes(TSNode item, std::string_view source) {
  std::vector<Attribute> out;
  for (TSNode s = ts_node_prev_named_sibling(item); !ts_node_is_null(s); s = ts_node_prev_named_sibling(s)) {
    if (is(s, "attribute_item")) {
      out.push_back(read_attribute(s, source));
    } else if (!is(s, "line_comment") && !is(s, "block_comment")) {
      break;
    }
  }
  return out;
}

bool is_cfg_test(const Attribute& a) {
  if (a.name != "cfg") return false;
  if (a.arguments == "(test)") return true;
  // cfg(all(test, ...)) also means "only in tests"; anything with not()/any() may not.
  return a.arguments.starts_with("(all(") && a.arguments.find("not(") == std::string::npos &&
         a.arguments.find("any(") == std::string::npos &&
         (a.arguments.find("(test,") != std::string::npos || a.arguments.find(",test,") != std::string::npos ||
          a.arguments.find(",test)") != std::string::npos);
}

const Attribute* find_attribute(const std::vector<Attribute>& attrs, std::string_view name) {
  for (const auto& a : attrs)
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace cratescope::model
