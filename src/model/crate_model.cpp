// The module tree of every target, parsed wave by wave: the roots first, then
// the files their `mod x;` declarations name, and so on. Each wave is parsed
// in parallel; each file is parsed once per crate and only its facts are
// kept (the text and tree are freed right after extraction).
#include "model/crate_model.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "model/file_facts.hpp"
#include "core/thread_limit.hpp"

namespace cratescope::model {

namespace {

// A crate whose module tree grows past this is hostile or generated (the
// same file mounted through many #[path]s): stop instead of exploding.
constexpr size_t kMaxModulesPerTarget = 20000;

std::string normal(const fs::path& p) { return p.lexically_normal().generic_string(); }

std::string join(const std::string& a, const std::string& b) {
  if (b.empty()) return a;
  if (a.empty()) return b;
  return a + "::" + b;
}

// `path` relative to module `prefix` ("" when it is the module itself).
std::string without_prefix(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return path;
  if (path == prefix) return "";
  if (path.size() > prefix.size() + 2 && path.starts_with(prefix) && path.compare(prefix.size(), 2, "::") == 0)
    return path.substr(prefix.size() + 2);
  return path;
}

struct PendingModule {
  size_t target = 0;
  std::string file;
  std::string module_path;
  fs::path child_dir;  // where `mod x;` at the file's top level looks
  bool test_only = false;
  SourceLocation declared_at;
  std::vector<std::string> ancestors;  // files from the root down, for #[path] cycles
};

struct ParsedFacts {
  std::unique_ptr<FileFacts> facts;  // null: unreadable
};

class ModelBuilder {
 public:
  ModelBuilder(const Context& context, CrateModel& model, const ModelOptions& options)
      : context_(context), model_(model), options_(options) {}

  void run() {
    std::vector<PendingModule> wave;
    for (size_t t = 0; t < model_.targets.size(); ++t) {
      const std::string root = normal(model_.targets[t].spec.root);
      wave.push_back({t, root, "crate", fs::path(root).parent_path(), false, {}, {}});
    }
    while (!wave.empty()) {
      merge_repeated_mounts(wave);
      parse_wave(wave);
      std::vector<PendingModule> next;
      for (auto& pending : wave) attach(pending, next);
      wave = std::move(next);
    }
    place_facts();
    for (auto& [path, parsed] : cache_) {
      FileStatus status;
      status.path = path;
      status.readable = parsed.facts != nullptr;
      if (parsed.facts) status.errors = parsed.facts->errors;
      model_.files.push_back(std::move(status));
    }
  }

 private:
  const Context& context_;
  CrateModel& model_;
  const ModelOptions& options_;
  std::map<std::string, ParsedFacts> cache_;
  // Modules whose file's facts go into their target once every wave is done.
  struct Mount {
    size_t target;
    std::string module_path, file;
    bool test_only;
  };
  std::vector<Mount> mounts_;
  std::set<std::tuple<size_t, std::string, std::string>> mounted_;  // target, module path, file

  // The same file at the same module path twice is one module: ammonia's
  // `#[cfg(x)] pub mod rcdom;` next to `#[cfg(not(x))] mod rcdom;`, both
  // kept when no cfg is evaluated, gave every fn in it twice. Under
  // `#[cfg(test)]` and `#[cfg(not(test))]` it is compiled outside tests: the
  // declaration that is not test-only stays. (Both are declared in one
  // parent file, so they are in one wave.)
  static void merge_repeated_mounts(std::vector<PendingModule>& wave) {
    std::map<std::tuple<size_t, std::string, std::string>, size_t> first;
    std::vector<PendingModule> kept;
    kept.reserve(wave.size());
    for (auto& pending : wave) {
      auto [at, added] = first.try_emplace({pending.target, pending.module_path, pending.file}, kept.size());
      if (added) {
        kept.push_back(std::move(pending));
      } else if (kept[at->second].test_only && !pending.test_only) {
        kept[at->second] = std::move(pending);
      }
    }
    wave = std::move(kept);
  }

  void parse_wave(const std::vector<PendingModule>& wave) {
    std::vector<std::string> todo, modules;  // a file's facts start with the module it is first found at
    for (const auto& p : wave)
      if (!cache_.contains(p.file) && std::find(todo.begin(), todo.end(), p.file) == todo.end()) {
        todo.push_back(p.file);
        modules.push_back(p.module_path);
      }
    std::vector<ParsedFacts> results(todo.size());
    auto work = [&] {
      tbb::parallel_for(size_t{0}, todo.size(), [&](size_t i) { results[i] = parse_one(todo[i], modules[i]); });
    };
    with_thread_limit(context_.threads, work);
    for (size_t i = 0; i < todo.size(); ++i) cache_.emplace(todo[i], std::move(results[i]));
  }

  ParsedFacts parse_one(const std::string& path, const std::string& module) {
    auto text = context_.files.read_file(path);
    if (!text) {
      context_.diagnostics.report({DiagnosticLevel::error, {path, {}}, text.error(), ""});
      return {};
    }
    TSParser& parser = thread_rust_parser();
    ParsedFile parsed = parse_text(path, std::move(*text), parser, options_.skip_test_modules);
    if (!parsed.errors.empty()) {
      const ParseError& first = parsed.errors.front();
      context_.diagnostics.warning(path, parsed.text, first.position,
                                   "UNANALYZED: tree-sitter could not fully parse this file (" +
                                       std::to_string(parsed.errors.size()) + " error(s), first: " + first.message +
                                       "); items in the broken parts are missing");
    }
    return {std::make_unique<FileFacts>(extract_facts(parsed, &parser, options_.for_call_graph, module, options_.cfg))};
  }

  void attach(const PendingModule& pending, std::vector<PendingModule>& next) {
    Target& target = model_.targets[pending.target];
    const FileFacts* facts = cache_[pending.file].facts.get();
    if (!facts) return;
    if (target.modules.size() >= kMaxModulesPerTarget) {
      if (target.modules.size() == kMaxModulesPerTarget)
        context_.diagnostics.report({DiagnosticLevel::warning, pending.declared_at,
                                     "too many modules in target `" + target.spec.name + "`; the rest is skipped", ""});
      target.modules.push_back({});  // counts the overflow once
      return;
    }
    bool test_only = pending.test_only || facts->test_only;
    if (!mounted_.insert({pending.target, pending.module_path, pending.file}).second) return;  // see merge_repeated_mounts
    target.modules.push_back({pending.module_path, pending.file, pending.declared_at, false, test_only});
    if (pending.ancestors.empty()) target.forbids_unsafe = facts->forbids_unsafe;
    const std::string& file = pending.file;
    auto located = [&](TextPosition p) { return SourceLocation{file, p}; };

    for (const auto& decl : facts->mods) {
      std::string module_path = pending.module_path;
      for (const auto& part : decl.inline_chain) module_path = join(module_path, part);
      module_path = join(module_path, decl.name);
      bool child_test = test_only || decl.test_only;
      if (decl.has_body || (child_test && options_.skip_test_modules)) {
        target.modules.push_back({module_path, decl.has_body ? file : "", located(decl.position), decl.has_body, child_test});
        continue;
      }
      fs::path dir = pending.child_dir;
      for (const auto& part : decl.inline_chain) dir /= part;
      std::string found;
      fs::path child_dir;
      std::string looked;
      if (decl.path_attr) {
        // Top-level #[path] is relative to the declaring file's directory;
        // inside inline modules, to the directory those modules imply.
        fs::path base = decl.inline_chain.empty() ? fs::path(file).parent_path() : dir;
        std::string candidate = normal(base / *decl.path_attr);
        looked = candidate;
        if (context_.files.is_file(candidate)) {
          found = candidate;
          child_dir = fs::path(candidate).parent_path();  // path files own their directory, like mod.rs
        }
      } else {
        std::string flat = normal(dir / (decl.name + ".rs"));
        std::string nested = normal(dir / decl.name / "mod.rs");
        looked = flat + " or " + nested;
        if (context_.files.is_file(flat)) {
          found = flat;
        } else if (context_.files.is_file(nested)) {
          found = nested;
        }
        child_dir = dir / decl.name;
      }
      if (found.empty()) {
        target.missing_modules.push_back(located(decl.position));
        context_.diagnostics.report({DiagnosticLevel::warning, located(decl.position),
                                     "file not found for module `" + decl.name + "` (looked for " + looked + ")", ""});
        continue;
      }
      if (found == file || std::find(pending.ancestors.begin(), pending.ancestors.end(), found) != pending.ancestors.end()) {
        context_.diagnostics.report({DiagnosticLevel::warning, located(decl.position),
                                     "module `" + decl.name + "` includes " + found + ", which is already one of its parents (a cycle)", ""});
        continue;
      }
      PendingModule child{pending.target, found, module_path, child_dir, child_test, located(decl.position),
                          pending.ancestors};
      child.ancestors.push_back(file);
      next.push_back(std::move(child));
    }

    mounts_.push_back({pending.target, pending.module_path, file, test_only});
  }

  // Each file's facts are moved into the target of its last mount and copied
  // into the others (a file is rarely mounted twice: a lib and a bin both
  // saying `mod util;`, #[path] in both branches of a cfg_if!). Copying them
  // all was a measurable share of the model's time.
  void place_facts() {
    std::map<std::string_view, size_t> mounts_left;
    for (const Mount& mount : mounts_) ++mounts_left[mount.file];
    reserve_targets();
    for (const Mount& mount : mounts_) {
      FileFacts& facts = *cache_[mount.file].facts;
      if (--mounts_left[mount.file] == 0) {
        place_facts(mount, std::move(facts));
      } else {
        place_facts(mount, FileFacts(facts));
      }
    }
  }

  // Sized once: growing the vectors fact by fact moved every fact again and again.
  void reserve_targets() {
    std::vector<std::array<size_t, 7>> sizes(model_.targets.size());
    for (const Mount& mount : mounts_) {
      const FileFacts& f = *cache_[mount.file].facts;
      auto& n = sizes[mount.target];
      n[0] += f.items.size();
      n[1] += f.uses.size();
      n[2] += f.unsafe_sites.size();
      n[3] += f.macro_calls.size();
      n[4] += f.references.size();
      n[5] += f.bindings.size();
      n[6] += f.includes.size();
    }
    for (size_t t = 0; t < sizes.size(); ++t) {
      Target& target = model_.targets[t];
      const auto& n = sizes[t];
      target.items.reserve(target.items.size() + n[0]);
      target.uses.reserve(target.uses.size() + n[1]);
      target.unsafe_sites.reserve(target.unsafe_sites.size() + n[2]);
      target.macro_calls.reserve(target.macro_calls.size() + n[3]);
      target.references.reserve(target.references.size() + n[4]);
      target.bindings.reserve(target.bindings.size() + n[5]);
      target.includes.reserve(target.includes.size() + n[6]);
    }
  }

  void place_facts(const Mount& mount, FileFacts&& facts) {
    Target& target = model_.targets[mount.target];
    const std::string& file = mount.file;
    bool test_only = mount.test_only;
    // Paths already start with the module the file was parsed for; a file
    // mounted elsewhere too gets that prefix replaced in its copy.
    bool rebase = facts.module != mount.module_path;
    auto base = [&](std::string& path) {
      if (rebase) path = join(mount.module_path, without_prefix(path, facts.module));
    };
    for (Item& item : facts.items) {
      base(item.path);
      item.location.file = file;
      item.test_only = item.test_only || test_only;
      target.items.push_back(std::move(item));
    }
    for (UseEntry& use : facts.uses) {
      base(use.module);
      use.path = absolute_use_path(use.module, use.path);
      use.location.file = file;
      target.uses.push_back(std::move(use));
    }
    for (UnsafeSite& site : facts.unsafe_sites) {
      base(site.enclosing);
      site.location.file = file;
      site.test_only = site.test_only || test_only;
      target.unsafe_sites.push_back(std::move(site));
    }
    auto place = [&](auto& fact) {  // macro calls, references and bindings alike
      base(fact.module);
      base(fact.enclosing);
      fact.location.file = file;
      fact.test_only = fact.test_only || test_only;
    };
    for (MacroCall& call : facts.macro_calls) {
      place(call);
      target.macro_calls.push_back(std::move(call));
    }
    for (Reference& reference : facts.references) {
      place(reference);
      target.references.push_back(std::move(reference));
    }
    for (LocalBinding& binding : facts.bindings) {
      place(binding);
      target.bindings.push_back(std::move(binding));
    }
    for (MacroCall& call : facts.includes) {
      place(call);
      target.includes.push_back(std::move(call));
    }
    facts.items.clear();  // moved from: nothing may read them again
    facts.uses.clear();
    facts.unsafe_sites.clear();
    facts.macro_calls.clear();
    facts.references.clear();
    facts.bindings.clear();
    facts.includes.clear();
  }
};

}  // namespace

const FileStatus* CrateModel::file(std::string_view path) const {
  for (const auto& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

CrateModel build_crate_model(const Context& context, const std::string& crate_dir, std::vector<TargetSpec> targets,
                             const ModelOptions& options) {
  auto timer = context.timers.scope("source model");
  CrateModel model;
  model.dir = crate_dir;
  for (auto& spec : targets) model.targets.emplace_back().spec = std::move(spec);
  ModelBuilder(context, model, options).run();
  for (auto& target : model.targets)
    if (target.modules.size() > kMaxModulesPerTarget) target.modules.resize(kMaxModulesPerTarget);
  return model;
}

CrateModel build_crate_model(const Context& context, const std::string& crate_dir) {
  return build_crate_model(context, crate_dir, conventional_targets(context.files, crate_dir));
}

}  // namespace cratescope::model
