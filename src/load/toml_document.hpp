#pragma once
// A parsed TOML file together with what is needed to report problems in it:
// its path, its text (for the caret line) and byte-accurate positions.
// Shared by the Cargo.lock and Cargo.toml readers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostics.hpp"

namespace cratescope::load {

class TomlDocument {
 public:
  // Parses `text`. Invalid UTF-8, invalid TOML and pathological nesting are
  // reported as errors at their position and give nullopt.
  static std::optional<TomlDocument> parse(std::string_view text, std::string path, Diagnostics& diagnostics);

  const toml::table& root() const { return root_; }
  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  // toml++ counts columns in code points; TextPosition counts bytes.
  TextPosition position(const toml::source_position& where) const;
  TextPosition position(const toml::node& node) const { return position(node.source().begin); }
  TextPosition position(const toml::key& key) const { return position(key.source().begin); }
  // Where `key` is written in `table` (unknown when absent).
  TextPosition key_position(const toml::table& table, std::string_view key) const;

  void error(TextPosition where, std::string message) const;
  void warning(TextPosition where, std::string message) const;

  // Typed lookups of `key` in `table`. Absent: nullopt, silently. Present with
  // the wrong type: an error at the value naming `what` and the found type.
  std::optional<std::string> get_string(const toml::table& table, std::string_view key, std::string_view what) const;
  std::optional<bool> get_bool(const toml::table& table, std::string_view key, std::string_view what) const;
  const toml::table* get_table(const toml::table& table, std::string_view key, std::string_view what) const;
  const toml::array* get_array(const toml::table& table, std::string_view key, std::string_view what) const;
  // An array whose elements must all be strings; wrong elements are reported and skipped.
  std::optional<std::vector<std::string>> get_string_array(const toml::table& table, std::string_view key,
                                                           std::string_view what) const;
  // Same, with each string's position.
  struct PositionedString {
    std::string value;
    TextPosition position;
  };
  std::optional<std::vector<PositionedString>> get_positioned_strings(const toml::table& table, std::string_view key,
                                                                     std::string_view what) const;

  void report_wrong_type(const toml::node& node, std::string_view what, std::string_view expected) const;

 private:
  TomlDocument(std::string_view text, std::string path, Diagnostics& diagnostics, toml::table root);

  std::string_view text_;
  std::string path_;
  Diagnostics* diagnostics_;
  toml::table root_;
  std::vector<size_t> line_starts_;  // byte offset of each line, for code point -> byte columns
};

// "string", "integer", "table"...: for messages.
const char* toml_type_name(const toml::node& node);

// Offset of the first byte that is not valid UTF-8, or npos.
size_t find_invalid_utf8(std::string_view text);

}  // namespace cratescope::load
