#pragma once
// Verdicts for the functions an advisory lists: is any of them reachable
// from the workspace, with which call path, and when the answer cannot be
// known, why (never a silent guess).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "callgraph/call_graph.hpp"
#include "callgraph/reachability.hpp"

namespace cratescope::callgraph {

enum class Verdict { reachable, not_reachable, unknown };
std::string_view to_string(Verdict verdict);

struct FunctionVerdict {
  std::string function;  // as the advisory writes it: `tar::Archive::unpack`
  Verdict verdict = Verdict::unknown;
  std::optional<CallPath> path;  // reachable
  std::string reason;            // unknown: why; not_reachable: what was searched
};

struct PackageVerdict {
  Verdict verdict = Verdict::unknown;  // reachable if any function is; unknown if any is
  std::vector<FunctionVerdict> functions;
  std::string reason;  // for the whole package (no functions listed, no source, an optional dependency left off)
};

// The verdict on `targets`, the functions found for `function` in `package`
// (none: unknown, not found): reachable with the shortest path; not
// reachable; or unknown, saying why (code on the way not seen, a method of a
// std trait the standard library may call).
FunctionVerdict verdict_on(const CallGraph& graph, const Reachability& reach, uint32_t package,
                           const std::string& function, const std::vector<FunctionId>& targets);

// `functions`: the affected paths that apply to this version; empty when the
// advisory lists none.
PackageVerdict reach_vulnerable_functions(const CallGraph& graph, const Reachability& reach, uint32_t package,
                                          const std::vector<std::string>& functions);

}  // namespace cratescope::callgraph
