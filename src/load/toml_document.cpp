#include "load/toml_document.hpp"

#include <sstream>

namespace cratescope::load {

namespace {

// toml++ recurses once per table level (while parsing and when freeing), so
// a header like [a.a.a. ... ] with tens of thousands of parts overflows the
// stack. Nesting through inline values is capped by toml++ itself
// (TOML_MAX_NESTED_VALUES), but dotted keys are not; every extra level needs
// one '.' outside strings and comments, so bounding those bounds the depth.
// Real manifests and lockfiles have a few dozen at most.
constexpr size_t kMaxBareDots = 2048;

size_t count_bare_dots(std::string_view text) {
  size_t dots = 0;
  size_t i = 0;
  auto starts_with_at = [&](size_t at, std::string_view s) { return text.compare(at, s.size(), s) == 0; };
  while (i < text.size()) {
    char c = text[i];
    if (c == '#') {
      size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? text.size() : nl + 1;
    } else if (starts_with_at(i, "\"\"\"") || starts_with_at(i, "'''")) {
      std::string_view fence = text.substr(i, 3);
      i += 3;
      while (i < text.size() && !starts_with_at(i, fence)) i += (fence[0] == '"' && text[i] == '\\') ? 2 : 1;
      i += 3;
    } else if (c == '"' || c == '\'') {
      ++i;
      while (i < text.size() && text[i] != c && text[i] != '\n') i += (c == '"' && text[i] == '\\') ? 2 : 1;
      ++i;
    } else {
      if (c == '.') ++dots;
      ++i;
    }
  }
  return dots;
}

size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

std::vector<size_t> compute_line_starts(std::string_view text) {
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  return starts;
}

}  // namespace

size_t find_invalid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    size_t length = utf8_sequence_length(lead);
    if (length == 0 || i + length > text.size()) return i;
    uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF)
      return i;
    i += length;
  }
  return std::string_view::npos;
}

const char* toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

TomlDocument::TomlDocument(std::string_view text, std::string path, Diagnostics& diagnostics, toml::table root)
    : text_(text), path_(std::move(path)), diagnostics_(&diagnostics), root_(std::move(root)),
      line_starts_(compute_line_starts(text)) {}

std::optional<TomlDocument> TomlDocument::parse(std::string_view text, std::string path, Diagnostics& diagnostics) {
  if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    std::ostringstream message;
    message << "the file is not valid UTF-8 (byte 0x" << std::hex << static_cast<int>(static_cast<unsigned char>(text[bad]))
            << "); TOML files must be UTF-8";
    diagnostics.error(path, text, position_of_offset(text, bad), message.str());
    return std::nullopt;
  }
  if (size_t dots = count_bare_dots(text); dots > kMaxBareDots) {
    diagnostics.error(path, text, {}, "too many dotted keys (" + std::to_string(dots) + " '.' outside strings, limit " +
                                         std::to_string(kMaxBareDots) + "); refusing to parse a pathologically nested file");
    return std::nullopt;
  }
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& error) {
    TomlDocument document(text, path, diagnostics, {});
    diagnostics.error(path, text, document.position(error.source().begin), "invalid TOML: " + std::string(error.description()));
    return std::nullopt;
  }
  return TomlDocument(text, std::move(path), diagnostics, std::move(root));
}

TextPosition TomlDocument::position(const toml::source_position& where) const {
  if (where.line == 0 || where.line > line_starts_.size()) return {where.line, where.column};
  size_t offset = line_starts_[where.line - 1];
  for (uint32_t code_points = 1; code_points < where.column && offset < text_.size() && text_[offset] != '\n';
       ++code_points) {
    offset += std::max<size_t>(1, utf8_sequence_length(static_cast<unsigned char>(text_[offset])));
  }
  return {where.line, static_cast<uint32_t>(offset - line_starts_[where.line - 1] + 1)};
}

TextPosition TomlDocument::key_position(const toml::table& table, std::string_view key) const {
  auto it = table.find(key);
  return it == table.end() ? TextPosition{} : position(it->first);
}

void TomlDocument::error(TextPosition where, std::string message) const {
  diagnostics_->error(path_, text_, where, std::move(message));
}

void TomlDocument::warning(TextPosition where, std::string message) const {
  diagnostics_->warning(path_, text_, where, std::move(message));
}

void TomlDocument::report_wrong_type(const toml::node& node, std::string_view what, std::string_view expected) const {
  error(position(node), std::string(what) + " must be " + std::string(expected) + ", found " + toml_type_name(node));
}

std::optional<std::string> TomlDocument::get_string(const toml::table& table, std::string_view key,
                                                    std::string_view what) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (auto* value = node->as_string()) return value->get();
  report_wrong_type(*node, what, "a string");
  return std::nullopt;
}

std::optional<bool> TomlDocument::get_bool(const toml::table& table, std::string_view key, std::string_view what) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (auto* value = node->as_boolean()) return value->get();
  report_wrong_type(*node, what, "a boolean");
  return std::nullopt;
}

const toml::table* TomlDocument::get_table(const toml::table& table, std::string_view key, std::string_view what) const {
  const toml::node* node = table.get(key);
  if (!node) return nullptr;
  if (auto* value = node->as_table()) return value;
  report_wrong_type(*node, what, "a table");
  return nullptr;
}

const toml::array* TomlDocument::get_array(const toml::table& table, std::string_view key, std::string_view what) const {
  const toml::node* node = table.get(key);
  if (!node) return nullptr;
  if (auto* value = node->as_array()) return value;
  report_wrong_type(*node, what, "an array");
  return nullptr;
}

std::optional<std::vector<TomlDocument::PositionedString>> TomlDocument::get_positioned_strings(
    const toml::table& table, std::string_view key, std::string_view what) const {
  const toml::array* array = get_array(table, key, what);
  if (!array) return std::nullopt;
  std::vector<PositionedString> out;
  for (const toml::node& element : *array) {
    if (auto* value = element.as_string())
      out.push_back({value->get(), position(element)});
    else
      report_wrong_type(element, std::string("each element of ") + std::string(what), "a string");
  }
  return out;
}

std::optional<std::vector<std::string>> TomlDocument::get_string_array(const toml::table& table, std::string_view key,
                                                                       std::string_view what) const {
  auto positioned = get_positioned_strings(table, key, what);
  if (!positioned) return std::nullopt;
  std::vector<std::string> out;
  for (auto& entry : *positioned) out.push_back(std::move(entry.value));
  return out;
}

}  // namespace cratescope::load
