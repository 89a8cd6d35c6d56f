#include "model/file_facts.hpp"

namespace cratescope::model {

namespace {

std::string join(const std::string& prefix, const std::string& tail) {
  if (prefix.empty()) return tail;
  if (tail.empty()) return prefix;
  return prefix + "::" + tail;
}

std::string last_segment(const std::string& path) {
  size_t at = path.rfind("::");
  return at == std::string::npos ? path : path.substr(at + 2);
}

struct UseFlattener {
  std::string_view source;
  const std::string& module;
  bool is_pub;
  std::vector<UseEntry>& out;

  void add(const std::string& path, std::string name, bool glob, TSNode at) {
    UseEntry e;
    e.module = module;
    e.path = path;
    e.is_glob = glob;
    e.is_pub = is_pub;
    e.location.position = position_of(at);
    if (glob) {
      e.local_name = "*";
    } else if (!name.empty()) {
      e.local_name = std::move(name);
    } else {
      // `use a::b::{self}` binds `b`.
      std::string last = last_segment(path);
      if (last == "self") {
        e.path = path.size() > 6 ? path.substr(0, path.size() - 6) : path;
        last = last_segment(e.path);
      }
      e.local_name = last;
    }
    out.push_back(std::move(e));
  }

  void visit(TSNode n, const std::string& prefix, int depth) {
    if (ts_node_is_null(n) || depth > 64) return;
    std::string_view k = kind(n);
    if (k == "use_as_clause") {
      add(join(prefix, squeeze(text_of(field(n, Field::path), source))),
          identifier_name(text_of(field(n, Field::alias), source)), false, n);
    } else if (k == "use_wildcard") {
      TSNode path = ts_node_named_child(n, 0);
      add(join(prefix, ts_node_is_null(path) ? "" : squeeze(text_of(path, source))), "", true, n);
    } else if (k == "scoped_use_list") {
      TSNode path = field(n, Field::path);
      std::string next = join(prefix, ts_node_is_null(path) ? "" : squeeze(text_of(path, source)));
      visit(field(n, Field::list), next, depth + 1);
    } else if (k == "use_list") {
      for_each_named_child(n, [&](TSNode c) { visit(c, prefix, depth + 1); });
    } else if (k == "identifier" || k == "scoped_identifier" || k == "self" || k == "super" || k == "crate" ||
               k == "metavariable") {
      add(join(prefix, squeeze(text_of(n, source))), "", false, n);
    }
    // comments and ERROR nodes inside lists are ignored
  }
};

}  // namespace

void flatten_use(TSNode use_declaration, std::string_view source, const std::string& module, bool /*test_only*/,
                 std::vector<UseEntry>& out) {
  bool is_pub = false;
  for_each_named_child(use_declaration, [&](TSNode c) {
    if (is(c, "visibility_modifier")) is_pub = true;
  });
  UseFlattener f{source, module, is_pub, out};
  f.visit(field(use_declaration, Field::argument), "", 0);
}

std::string absolute_use_path(const std::string& module, const std::string& path) {
  std::string base = module;
  std::string_view rest = path;
  if (rest == "self") return base;
  if (rest.starts_with("self::")) return base + "::" + std::string(rest.substr(6));
  bool moved = false;
  while (rest.starts_with("super::") || rest == "super") {
    size_t at = base.rfind("::");
    if (at != std::string::npos) base.resize(at);  // `super` above the root stays at the root
    rest.remove_prefix(rest == "super" ? 5 : 7);
    moved = true;
  }
  if (!moved) return path;
  return rest.empty() ? base : base + "::" + std::string(rest);
}

}  // namespace cratescope::model
