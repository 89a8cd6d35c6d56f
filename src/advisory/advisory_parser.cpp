// parse_advisory: front matter -> toml++ -> Advisory, with every problem
// reported at its real file:line:col.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>

#include "advisory/advisory.hpp"
#include "advisory/front_matter.hpp"

namespace cratescope::advisory {

namespace {

// The semver parser's message may repeat the requirement we already quote.
std::string without_echo(const std::string& message, const std::string& requirement) {
  const std::string echo = "invalid version requirement \"" + requirement + "\": ";
  return message.compare(0, echo.size(), echo) == 0 ? message.substr(echo.size()) : message;
}

// Reads the typed fields out of the parsed TOML. Every problem is reported
// (so one run shows them all) and marks the advisory unusable.
class FieldReader {
 public:
  FieldReader(std::string_view text, const std::string& file, Diagnostics& diagnostics, uint32_t first_line)
      : text_(text), file_(file), diagnostics_(diagnostics), first_line_(first_line) {}

  bool ok() const { return ok_; }

  // toml++ counts lines from the start of the front matter.
  TextPosition position(const toml::source_position& p) const {
    if (!p.line) return {first_line_, 1};
    return {first_line_ + p.line - 1, p.column};
  }
  TextPosition position(const toml::node& node) const { return position(node.source().begin); }

  void error(TextPosition at, std::string message) {
    diagnostics_.error(file_, text_, at, std::move(message));
    ok_ = false;
  }
  void warning(TextPosition at, std::string message) { diagnostics_.warning(file_, text_, at, std::move(message)); }

  const toml::table* table(const toml::table& parent, std::string_view key, std::string_view display) {
    const toml::node* node = parent.get(key);
    if (!node) return nullptr;
    if (const toml::table* t = node->as_table()) return t;
    error(position(*node), "`" + std::string(display) + "` must be a table");
    return nullptr;
  }

  // A string (or, for dates, a TOML date) field.
  std::optional<std::string> text(const toml::table& table, std::string_view key, std::string_view section) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (const auto* s = node->as_string()) return s->get();
    if (const auto* d = node->as_date()) {
      char buffer[16];
      const toml::date& date = d->get();
      std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02u", static_cast<unsigned>(date.year),
                    static_cast<unsigned>(date.month), static_cast<unsigned>(date.day));
      return std::string(buffer);
    }
    error(position(*node), "`" + std::string(section) + "." + std::string(key) + "` must be a string");
    return std::nullopt;
  }

  std::string required_text(const toml::table& table, std::string_view key, std::string_view section,
                            TextPosition section_position) {
    std::optional<std::string> value = text(table, key, section);
    if (!value && !table.get(key))
      error(section_position, "missing required key `" + std::string(key) + "` in [" + std::string(section) + "]");
    else if (value && value->empty())
      error(position(*table.get(key)), "`" + std::string(section) + "." + std::string(key) + "` must not be empty");
    return value.value_or("");
  }

  std::optional<std::string> date(const toml::table& table, std::string_view key, std::string_view section) {
    std::optional<std::string> value = text(table, key, section);
    if (value && !is_date(*value))
      error(position(*table.get(key)), "`" + std::string(section) + "." + std::string(key) + "` must be a date (YYYY-MM-DD), not \"" +
                                           *value + "\"");
    return value;
  }

  std::vector<std::string> strings(const toml::table& table, std::string_view key, std::string_view section) {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) {
      error(position(*node), "`" + std::string(section) + "." + std::string(key) + "` must be an array of strings");
      return out;
    }
    for (const toml::node& element : *array) {
      if (const auto* s = element.as_string()) out.push_back(s->get());
      else error(position(element), "`" + std::string(section) + "." + std::string(key) + "` must contain only strings");
    }
    return out;
  }

  std::vector<VersionRange> requirements(const toml::node& node, std::string_view what) {
    std::vector<VersionRange> out;
    const toml::array* array = node.as_array();
    if (!array) {
      error(position(node), "`" + std::string(what) + "` must be an array of version requirements");
      return out;
    }
    for (const toml::node& element : *array) {
      const auto* s = element.as_string();
      if (!s) {
        error(position(element), "`" + std::string(what) + "` must contain only strings");
        continue;
      }
      auto requirement = semver::VersionReq::parse(s->get());
      if (!requirement) {
        error(position(element), "invalid version requirement \"" + s->get() + "\" in `" + std::string(what) +
                                     "`: " + without_echo(requirement.error(), s->get()));
        continue;
      }
      out.push_back(VersionRange{s->get(), std::move(*requirement)});
    }
    return out;
  }

  std::vector<VersionRange> requirements(const toml::table& table, std::string_view key, std::string_view section) {
    const toml::node* node = table.get(key);
    if (!node) return {};
    return requirements(*node, std::string(section) + "." + std::string(key));
  }

 private:
  static bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  uint32_t first_line_;
  bool ok_ = true;
};

Informational informational_kind(std::string_view text) {
  if (text == "unmaintained") return Informational::unmaintained;
  if (text == "unsound") return Informational::unsound;
  if (text == "notice") return Informational::notice;
  return Informational::other;
}

void read_advisory_section(FieldReader& r, const toml::table& section, TextPosition section_position, Advisory& a) {
  a.id = r.required_text(section, "id", "advisory", section_position);
  a.package = r.required_text(section, "package", "advisory", section_position);
  a.date = r.date(section, "date", "advisory").value_or("");
  a.url = r.text(section, "url", "advisory").value_or("");
  a.categories = r.strings(section, "categories", "advisory");
  a.keywords = r.strings(section, "keywords", "advisory");
  a.aliases = r.strings(section, "aliases", "advisory");
  a.related = r.strings(section, "related", "advisory");
  a.references = r.strings(section, "references", "advisory");
  a.license = r.text(section, "license", "advisory").value_or("CC0-1.0");
  a.withdrawn = r.date(section, "withdrawn", "advisory");
  if (auto informational = r.text(section, "informational", "advisory")) {
    a.informational = informational_kind(*informational);
    a.informational_text = *informational;
  }
  if (auto vector = r.text(section, "cvss", "advisory")) {
    auto cvss = parse_cvss(*vector);
    if (cvss) a.cvss = std::move(*cvss);
    else r.error(r.position(*section.get("cvss")), "invalid CVSS vector \"" + *vector + "\": " + cvss.error());
  }
  // Version 1 advisories kept these in [advisory]; [versions] wins when both exist.
  if (section.get("patched_versions")) a.patched = r.requirements(section, "patched_versions", "advisory");
  if (section.get("unaffected_versions")) a.unaffected = r.requirements(section, "unaffected_versions", "advisory");
  a.title = r.text(section, "title", "advisory").value_or("");
  a.description = r.text(section, "description", "advisory").value_or("");
}

void read_affected_section(FieldReader& r, const toml::table& section, Advisory& a) {
  a.affected_os = r.strings(section, "os", "affected");
  a.affected_arch = r.strings(section, "arch", "affected");
  const toml::table* functions = r.table(section, "functions", "affected.functions");
  if (!functions) return;
  for (auto&& [key, node] : *functions) {
    AffectedFunction function;
    function.path = std::string(key.str());
    function.versions = r.requirements(node, "affected.functions.\"" + function.path + "\"");
    a.affected_functions.push_back(std::move(function));
  }
  // toml++ keeps keys sorted; reports read better in the file's order.
  auto line_of = [&](const AffectedFunction& f) {
    const toml::node* node = functions->get(f.path);
    return node ? node->source().begin.line : 0u;
  };
  std::stable_sort(a.affected_functions.begin(), a.affected_functions.end(),
                   [&](const AffectedFunction& x, const AffectedFunction& y) { return line_of(x) < line_of(y); });
}

}  // namespace

std::optional<Advisory> parse_advisory(std::string_view text, std::string file, Diagnostics& diagnostics) {
  auto parts = split_advisory(text);
  if (!parts) {
    diagnostics.error(file, text, parts.error().position, parts.error().message);
    return std::nullopt;
  }
  FieldReader reader(text, file, diagnostics, parts->front_matter_first_line);

  toml::table document;
#if TOML_EXCEPTIONS
  try {
    document = toml::parse(parts->front_matter);
  } catch (const toml::parse_error& e) {
    reader.error(reader.position(e.source().begin), "invalid TOML in the advisory front matter: " + std::string(e.description()));
    return std::nullopt;
  }
#else
  toml::parse_result result = toml::parse(parts->front_matter);
  if (!result) {
    reader.error(reader.position(result.error().source().begin),
                 "invalid TOML in the advisory front matter: " + std::string(result.error().description()));
    return std::nullopt;
  }
  document = std::move(result).table();
#endif

  Advisory advisory;
  advisory.file = file;
  advisory.collection = "crates";
  const toml::table* section = reader.table(document, "advisory", "advisory");
  if (!section) {
    if (!document.get("advisory")) reader.error({parts->front_matter_first_line, 1}, "missing the [advisory] table");
    return std::nullopt;
  }
  advisory.position = reader.position(*section);
  read_advisory_section(reader, *section, advisory.position, advisory);
  if (const toml::table* affected = reader.table(document, "affected", "affected")) read_affected_section(reader, *affected, advisory);
  if (const toml::table* versions = reader.table(document, "versions", "versions")) {
    if (versions->get("patched")) advisory.patched = reader.requirements(*versions, "patched", "versions");
    if (versions->get("unaffected")) advisory.unaffected = reader.requirements(*versions, "unaffected", "versions");
  }
  if (!reader.ok()) return std::nullopt;

  MarkdownParts markdown = split_markdown_body(parts->body);
  if (!markdown.title.empty()) {
    advisory.title = std::string(markdown.title);
    advisory.description = std::string(markdown.description);
  } else if (advisory.title.empty()) {
    const size_t body_offset = static_cast<size_t>(parts->body.data() - text.data());
    reader.warning(position_of_offset(text, body_offset), "advisory " + advisory.id + " has no title (a \"# \" heading after the front matter)");
    advisory.description = std::string(markdown.description);
  }
  return advisory;
}

}  // namespace cratescope::advisory
