#pragma once
// Call paths and reachability verdicts as the reports show them: text lines
// like a stack trace, JSON objects, and SARIF codeFlows (so that GitHub code
// scanning draws the path).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "callgraph/call_graph.hpp"
#include "callgraph/reachability.hpp"
#include "callgraph/vulnerable_functions.hpp"

namespace cratescope::report {

// "reachable from normal code", "not reachable", "unknown: <why>"...
std::string describe_verdict(const callgraph::PackageVerdict& verdict);
// One line per hop: `app@0.1.0[bin app]::main  (src/main.rs:3:4)` then
// `-> wrapper@0.1.0::extract  called at src/main.rs:5:5 [method-name, low]`.
std::vector<std::string> call_path_lines(const callgraph::CallGraph& graph, const callgraph::CallPath& path,
                                         const std::string& root);
nlohmann::json call_path_json(const callgraph::CallGraph& graph, const callgraph::CallPath& path,
                              const std::string& root);
// {function, verdict, reason, path}: one function's verdict.
nlohmann::json function_verdict_json(const callgraph::CallGraph* graph, const callgraph::FunctionVerdict& verdict,
                                     const std::string& root);
nlohmann::json verdict_json(const callgraph::CallGraph* graph, const callgraph::PackageVerdict& verdict,
                            const std::string& root);
// {packages_modelled, packages_without_source: [{package, reason}],
// packages_partly_parsed, functions, edges}: how much of the project the
// verdicts could see.
nlohmann::json call_graph_summary(const callgraph::CallGraph& graph);
// A SARIF codeFlow: one threadFlow whose locations are the call sites, root first.
nlohmann::json sarif_code_flow(const callgraph::CallGraph& graph, const callgraph::CallPath& path,
                               const std::string& root);

}  // namespace cratescope::report
