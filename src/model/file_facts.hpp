#pragma once
// What one file declares, extracted right after parsing so the tree and text
// can be freed. Paths (items, modules and enclosing items of every fact) start
// with `FileFacts::module`: the module path the file was found at, given to
// extract_facts, or "" (relative to the file's own module, "a::b" an inline
// module in it). The crate model re-bases them when it mounts the file
// elsewhere (rare: a file mounted twice).
#include <optional>
#include <string>
#include <vector>

#include "core/target_platform.hpp"
#include "model/crate_model.hpp"
#include "model/parser.hpp"

namespace cratescope::model {

struct ModDecl {
  std::vector<std::string> inline_chain;  // inline modules around the declaration
  std::string name;
  std::optional<std::string> path_attr;   // #[path = "..."]
  TextPosition position;
  bool test_only = false;  // #[cfg(test)] on it or an inline module around it
  bool has_body = false;   // inline `mod x { }`
};

struct FileFacts {
  std::string path;
  std::string module;  // what the paths below start with ("": relative)
  std::vector<ParseError> errors;
  std::vector<ModDecl> mods;
  std::vector<Item> items;
  std::vector<UseEntry> uses;  // path: as written
  std::vector<UnsafeSite> unsafe_sites;
  std::vector<MacroCall> macro_calls;
  std::vector<Reference> references;
  std::vector<LocalBinding> bindings;
  std::vector<MacroCall> includes;
  bool forbids_unsafe = false;  // #![forbid(unsafe_code)]
  bool test_only = false;       // #![cfg(test)]
  bool truncated = false;       // nesting too deep: the rest was skipped
};

// `parser` (optional) re-parses the token trees of item-level macro calls;
// `for_call_graph` adds what only the call graph needs: what receiver types
// are read from (LocalBinding, struct fields, return types) and the
// references in macro_rules! bodies; `module` starts every path (saves the
// crate model a new string per fact); with `cfg`, code under a #[cfg(...)]
// that is false there (items, modules, files, statements) is skipped.
FileFacts extract_facts(const ParsedFile& file, TSParser* parser = nullptr, bool for_call_graph = false,
                        const std::string& module = "", const CfgFacts* cfg = nullptr);

// --- helpers shared by the extraction files ---

struct Attribute {
  std::string name;       // `cfg`, `path`, `no_mangle`, `unsafe::no_mangle`...
  std::string value;      // `= "..."`, unquoted
  std::string arguments;  // `(...)` text, whitespace removed
};
// Outer attributes written before `item` (its preceding attribute_item siblings).
std::vector<Attribute> outer_attributes(TSNode item, std::string_view source);
Attribute read_attribute(TSNode attribute_item, std::string_view source);
bool is_cfg_test(const Attribute& a);
const Attribute* find_attribute(const std::vector<Attribute>& attrs, std::string_view name);

// An identifier without `r#`.
std::string identifier_name(std::string_view text);
// A path or type as written, whitespace squeezed out and `r#` dropped.
std::string squeeze(std::string_view text);

// `use` argument flattened into entries (module, path as written).
void flatten_use(TSNode use_declaration, std::string_view source, const std::string& module, bool test_only,
                 std::vector<UseEntry>& out);
// `self::`/`super::` resolved against `module` (absolute, `crate::a`).
std::string absolute_use_path(const std::string& module, const std::string& path);

// Unsafe sites.
bool safety_comment_near(TSNode unsafe_node, TSNode block, std::string_view source);
// `unsafe` tokens inside a macro_rules! body.
void scan_macro_rules_unsafe(TSNode macro_definition, std::string_view source, const std::string& enclosing,
                             bool test_only, std::vector<UnsafeSite>& out);

}  // namespace cratescope::model
