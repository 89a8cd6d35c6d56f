#pragma once
// Name resolution through `use`: what a path written in a module means.
// `File::open` in a module with `use std::fs::File;` is `std::fs::File::open`;
// `fs::read` after `use super::*;` follows the parent module's `use std::fs;`;
// `crate::sys::Cmd` follows `pub use std::process::Command as Cmd;` in
// `crate::sys`. Paths into other crates come back as written from the crate
// name on (`reqwest::get`), with `core::`/`alloc::` spelled `std::`.
// Without type inference this is an approximation: a name that could come
// from several globs yields every candidate.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/string_table.hpp"
#include "model/crate_model.hpp"

namespace cratescope::model {

class UseResolver {
 public:
  // `crate_aliases`: names the code uses for its dependencies, underscore
  // form, to the package's (`tokio1` -> `tokio` when renamed in Cargo.toml;
  // `serde` -> `serde`). A known crate name is never searched for in globs.
  explicit UseResolver(const Target& target, std::map<std::string, std::string> crate_aliases = {});

  // Everything the resolver knows, for caches that keep it across runs.
  struct State {
    struct ModuleUses {
      std::string module;
      std::vector<std::pair<std::string, std::string>> names;  // local name -> absolute use path
      std::vector<std::string> globs;
      // Of those, the ones a `pub` use (any: pub(crate) too) binds: only
      // they can make a path public.
      std::vector<std::string> exported_names, exported_globs;
    };
    std::vector<ModuleUses> modules;
    std::vector<std::string> item_paths, module_paths;
    std::map<std::string, std::string> crate_aliases;
  };
  explicit UseResolver(const State& state);
  State state() const;
  // The `use`s of each module (State::modules), without the item paths;
  // `exported_only`: only those of `pub` uses (the exported_ lists are then empty).
  std::vector<State::ModuleUses> module_uses(bool exported_only = false) const;

  // Absolute candidates for `written` as seen from `module` (`crate::a::b`).
  // Crate-local results start with `crate::`. At most a handful.
  // Answers are remembered until forget_answers(), which ends the life of
  // the vector returned (other questions asked meanwhile leave it valid).
  const std::vector<std::string>& resolve(const std::string& module, std::string_view written) const;
  // Frees the remembered answers (a crate's graph keeps its resolvers for
  // linking, which asks few questions).
  void forget_answers() const;
  // What a `use` in `module` binds `name` to (absolute), or null: the cheap
  // question for single names, most of which are local variables.
  const std::string* binding(const std::string& module, std::string_view name) const;
  bool is_module(std::string_view path) const { return module_paths_.contains(path); }

 private:
  // Searched with pieces of the paths asked about (string_view lookups).
  struct Bindings {
    StringMap<std::string> names;    // local name -> absolute use path
    std::vector<std::string> globs;  // `use a::b::*` -> "a::b"
    std::unordered_set<std::string> exported_names, exported_globs;  // bound by a `pub use`
  };
  StringMap<Bindings> modules_;
  StringSet item_paths_;  // modules included
  StringSet module_paths_;
  std::map<std::string, std::string, std::less<>> crate_aliases_;
  // Answers already given, by module + '\x1f' + written: a crate asks the
  // same paths over and over (`Ok`, `String::new`, its own helpers), three
  // times in four on real crates, and a glob chain costs far more than a
  // lookup. Locked: resolvers are shared between threads when linking.
  struct Answers {
    std::mutex mutex;
    StringMap<std::vector<std::string>> by_question;
  };
  std::unique_ptr<Answers> answers_ = std::make_unique<Answers>();

  std::string chase_local(std::string path, int hops) const;
  std::string extern_path(std::string_view path) const;
  struct Search {
    std::vector<std::string> out;
    std::vector<std::string> visited;  // module + path already asked (few: linear search)
    size_t steps = 0;
    size_t globs_seen = 0;
  };
  void resolve_into(std::string_view module, std::string_view path, int hops, Search& search) const;
};

// `core::x` and `alloc::x` as `std::x`; other paths unchanged.
std::string normalize_std(std::string path);

}  // namespace cratescope::model
