#pragma once
// Resolving the paths a call site names into functions: inside the target
// first (exact path, then its `use`s and globs, then `Type::f` by the type's
// name), and into other crates through the lockfile's dependency edges, at
// the version the caller's package depends on.
#include <string>
#include <optional>
#include <utility>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "callgraph/crate_unit.hpp"

namespace cratescope::callgraph {

class Linker {
 public:
  explicit Linker(const CallGraph& graph) : graph_(graph) {}

  // Edges of one call site (from global function `caller`) appended to `out`.
  // False when nothing was found for a path that was expected to resolve.
  bool link(uint32_t target, FunctionId caller, const PendingCall& call, uint32_t file_base,
            std::vector<std::pair<FunctionId, Edge>>& out) const;

  struct Hit {
    FunctionId function;
    bool by_type_name;  // found by `Type::f` alone
  };
  // Functions `path` names as seen from `target` (`crate::…` or `other_crate::…`).
  void resolve(uint32_t target, const std::string& path, std::vector<Hit>& out) const;
  void resolve_macro(uint32_t target, const std::string& path, std::vector<Hit>& out) const;
  // A std path (`std::io::Error::from`): only a crate's impl on std's type can be it.
  void resolve_foreign(uint32_t target, const std::string& path, std::vector<Hit>& out) const;

 private:
  const CallGraph& graph_;

  // Re-export chains can branch at every glob: the whole search has a budget.
  struct Search {
    std::vector<Hit>& out;
    int steps = 0;
  };
  void resolve_in(uint32_t target, const std::string& path, int depth, Search& search) const;
  void resolve_local(uint32_t target, const std::string& path, int depth, Search& search) const;
  void resolve_extern(uint32_t target, const std::string& path, int depth, Search& search) const;
  std::optional<MethodNameId> method_id(std::string_view name) const;
  // Visit(crate name, lib target) for each lib `target`'s code can name: its
  // own package's (from a bin, test or build script), then its dependencies'.
  template <class Visit>
  void for_each_lib_in_scope(uint32_t target, Visit visit) const;
};

}  // namespace cratescope::callgraph
