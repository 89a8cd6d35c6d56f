#pragma once
// Annotated Rust fixtures: a comment `// @kind args...` on a line says what the
// model must report on that line. Several markers may share one comment.
//
//   @item KIND PATH [pub] [unsafe] [test] [nobody] [macro] [self=T] [trait=T] [export=NAME]
//   @unsafe KIND [safety] [macro] [test]        KIND: fn block impl trait extern
//   @mod PATH [inline] [test]                   where a module is declared
//   @use NAME = PATH [glob] [pub]
//   @call NAME   @include   @missing-mod   @parse-error   @forbid-unsafe
//   @diag WORD                                  a diagnostic here mentions WORD
//   @target KIND NAME                           (anywhere in the target's root)
//
// item, unsafe, mod and parse-error markers are exhaustive: whatever the
// model finds in the fixture must be marked, so a fixture reads as the case.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/crate_model.hpp"

namespace cratescope::model::testing {

// file:line -> canonical facts ("item fn crate::f pub", ...)
using FactsByLine = std::map<std::string, std::multiset<std::string>>;


namespace detail {


inline std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

inline std::string canonical(std::string head, std::vector<std::string> flags) {
  std::sort(flags.begin(), flags.end());
  for (const auto& f : flags) head += " " + f;
  return head;
}

// One marker's words -> canonical fact. `@use A = p glob` -> "use A=p glob".
inline std::string marker_fact(const std::vector<std::string>& w) {
  const std::string& tag = w[0];
  auto rest = [&](size_t from) { return std::vector<std::string>(w.begin() + std::min(from, w.size()), w.end()); };
  if (tag == "item" && w.size() >= 3) return canonical("item " + w[1] + " " + w[2], rest(3));
  if (tag == "unsafe" && w.size() >= 2) {
    auto flags = rest(2);
    std::erase(flags, "no-safety");
    return canonical("unsafe " + w[1], flags);
  }
  if (tag == "mod" && w.size() >= 2) return canonical("mod " + w[1], rest(2));
  if (tag == "use" && w.size() >= 4 && w[2] == "=") return canonical("use " + w[1] + "=" + w[3], rest(4));
  std::string all = tag;
  for (size_t i = 1; i < w.size(); ++i) all += " " + w[i];
  return all;
}

}  // namespace detail

using namespace detail;

inline FactsByLine read_markers(const std::string& dir) {
  FactsByLine out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".rs") continue;
    std::string file = entry.path().lexically_normal().generic_string();
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      size_t at = line.find("// @");
      if (at == std::string::npos) continue;
      std::vector<std::string> current;
      for (auto& w : words(line.substr(at + 3))) {
        if (w.starts_with("@")) {
          if (!current.empty()) out[file + ":" + std::to_string(number)].insert(marker_fact(current));
          current = {w.substr(1)};
        } else if (!current.empty()) {
          current.push_back(w);
        }
      }
      if (!current.empty()) out[file + ":" + std::to_string(number)].insert(marker_fact(current));
    }
  }
  return out;
}

inline FactsByLine render_model(const CrateModel& model, const std::vector<Diagnostic>& diagnostics) {
  // Files reached from several targets must not count twice.
  std::map<std::string, std::set<std::string>> unique;
  auto at = [](const SourceLocation& l) { return l.file + ":" + std::to_string(l.position.line); };
  for (const auto& target : model.targets) {
    if (!target.modules.empty())
      unique[target.modules.front().file + ":1"].insert("target " + std::string(to_string(target.spec.kind)) + " " +
                                                        target.spec.name);
    for (const auto& item : target.items) {
      std::vector<std::string> flags;
      if (item.is_pub) flags.push_back("pub");
      if (item.is_unsafe) flags.push_back("unsafe");
      if (item.test_only) flags.push_back("test");
      if (!item.has_body) flags.push_back("nobody");
      if (!item.self_type.empty()) flags.push_back("self=" + item.self_type);
      if (!item.trait_name.empty()) flags.push_back("trait=" + item.trait_name);
      if (!item.export_name.empty()) flags.push_back("export=" + item.export_name);
      if (item.in_macro) flags.push_back("macro");
      unique[at(item.location)].insert(canonical("item " + std::string(to_string(item.kind)) + " " + item.path, flags));
    }
    for (const auto& site : target.unsafe_sites) {
      std::vector<std::string> flags;
      if (site.has_safety_comment) flags.push_back("safety");
      if (site.in_macro_rules) flags.push_back("macro");
      if (site.test_only) flags.push_back("test");
      unique[at(site.location)].insert(canonical("unsafe " + std::string(to_string(site.kind)), flags));
    }
    for (const auto& module : target.modules) {
      if (!module.declared_at.position.known()) continue;
      std::vector<std::string> flags;
      if (module.is_inline) flags.push_back("inline");
      if (module.test_only) flags.push_back("test");
      unique[at(module.declared_at)].insert(canonical("mod " + module.path, flags));
    }
    for (const auto& use : target.uses) {
      std::vector<std::string> flags;
      if (use.is_glob) flags.push_back("glob");
      if (use.is_pub) flags.push_back("pub");
      unique[at(use.location)].insert(canonical("use " + use.local_name + "=" + use.path, flags));
    }
    for (const auto& call : target.macro_calls) unique[at(call.location)].insert("call " + call.name);
    for (const auto& call : target.includes) unique[at(call.location)].insert("include");
    for (const auto& missing : target.missing_modules) unique[at(missing)].insert("missing-mod");
    if (target.forbids_unsafe && !target.modules.empty()) {
      // Reported on the line of the attribute is not tracked; the root's line 1 stands for it.
      unique[target.modules.front().file + ":1"].insert("forbid-unsafe");
    }
  }
  for (const auto& file : model.files)
    for (const auto& error : file.errors) unique[file.path + ":" + std::to_string(error.position.line)].insert("parse-error");
  for (const auto& d : diagnostics) {
    for (const auto& w : words(d.message)) {
      std::string word;
      for (char c : w)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') word += c;
      if (!word.empty()) unique[at(d.location)].insert("diag " + word);
    }
  }
  FactsByLine out;
  for (auto& [key, facts] : unique) out[key].insert(facts.begin(), facts.end());
  return out;
}

inline bool is_exhaustive(const std::string& fact) {
  return fact.starts_with("item ") || fact.starts_with("unsafe ") || fact.starts_with("mod ") || fact == "parse-error";
}

}  // namespace cratescope::model::testing
