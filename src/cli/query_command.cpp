#include "cli/query_command.hpp"

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command_session.hpp"
#include "cli/exit_codes.hpp"
#include "core/untrusted_text.hpp"
#include "index/index_queries.hpp"

namespace cratescope::cli {

void add_query_command(CLI::App& app, QueryCommandOptions& o) {
  auto* cmd = app.add_subcommand("query", "Ask an index that `cratescope index` wrote: callers, stats, failed");
  cmd->require_subcommand(1);
  cmd->footer("Exit codes: 0 answered, 2 usage error or no usable index.");
  auto common_options = [&](CLI::App* sub) {
    sub->add_option("--db", o.database, "The index (SQLite)")->capture_default_str();
    sub->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  };
  auto* callers = cmd->add_subcommand(
      "callers", "Every function, in every crate version of the index, that can reach PATH; one call path each");
  common_options(callers);
  callers->callback([&o] { o.verb = "callers"; });
  callers->add_option("path", o.path, "The function as its users write it: serde_json::from_str, tokio::spawn")->required();
  callers->add_option("--version", o.version, "Only versions of the function's crate matching this requirement (\"<1.0.5\")");
  callers->add_option("--depth", o.depth, "Calls to follow back from the function")->capture_default_str();
  callers->add_flag("--method-names", o.method_names,
                    "Also `x.f()` calls whose receiver type is unknown, to every method of that name the caller's "
                    "crate can see (low confidence: an over-approximation)");
  auto* stats = cmd->add_subcommand("stats", "What the index holds: versions, functions, calls by kind, top crates");
  common_options(stats);
  stats->callback([&o] { o.verb = "stats"; });
  stats->add_option("--top", o.top, "Entries in each top list")->capture_default_str();
  auto* failed = cmd->add_subcommand("failed", "Crate versions that could not be indexed, and why");
  common_options(failed);
  failed->callback([&o] { o.verb = "failed"; });
}

namespace {

nlohmann::json function_json(const index::IndexedFunction& f) {
  return {{"crate", f.crate}, {"version", f.version}, {"path", f.path}, {"target", f.target},
          {"location", to_string(f.location)}};
}

std::string function_text(const index::IndexedFunction& f) {
  return terminal_safe(f.crate + " " + f.version + " " + f.path);
}

void print_callers(const index::CallersResult& r, const std::string& format) {
  if (format == "json") {
    nlohmann::json out{{"query", r.query}, {"targets", nlohmann::json::array()}, {"callers", nlohmann::json::array()},
                       {"notes", r.notes}, {"truncated", r.truncated}};
    for (const auto& t : r.targets) out["targets"].push_back(function_json(t));
    for (const auto& c : r.callers) {
      nlohmann::json caller = function_json(c.function);
      caller["call_path"] = nlohmann::json::array();
      for (const auto& step : c.path)
        caller["call_path"].push_back({{"calls", function_json(step.callee)}, {"site", to_string(step.site)},
                                       {"kind", step.kind}, {"confidence", step.confidence}});
      out["callers"].push_back(std::move(caller));
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << terminal_safe(r.query) << " is " << r.targets.size() << " function(s):\n";
  for (const auto& t : r.targets) std::cout << "  " << function_text(t) << "  (" << terminal_safe(to_string(t.location)) << ")\n";
  for (const auto& note : r.notes) std::cout << "note: " << terminal_safe(note) << "\n";
  std::string current;
  size_t versions = 0;
  for (const auto& c : r.callers) {
    std::string label = c.function.crate + " " + c.function.version;
    if (label != current) {
      std::cout << "\n" << terminal_safe(label) << "\n";
      current = label;
      ++versions;
    }
    std::cout << "  " << terminal_safe(c.function.path);
    if (c.function.target != "lib") std::cout << " [" << c.function.target << "]";
    std::cout << "  (" << terminal_safe(to_string(c.function.location)) << ")\n";
    for (const auto& step : c.path)
      std::cout << "    -> " << function_text(step.callee) << "  at " << terminal_safe(to_string(step.site)) << " ("
                << step.kind << ", " << step.confidence << ")\n";
  }
  std::cout << "\n" << r.callers.size() << " caller(s) in " << versions << " crate version(s)\n";
}

void print_stats(const index::IndexStats& s, const std::string& format) {
  auto top_json = [](const std::vector<index::TopEntry>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : list) out.push_back({{"label", e.label}, {"count", e.count}});
    return out;
  };
  if (format == "json") {
    nlohmann::json out{{"crates", s.crates}, {"versions", s.versions}, {"indexed", s.indexed}, {"failed", s.failed},
                       {"functions", s.functions}, {"calls", s.calls}, {"method_calls", s.method_calls},
                       {"dependencies", s.dependencies}, {"unresolved_dependencies", s.unresolved_dependencies},
                       {"indexed_at", s.indexed_at}, {"calls_by_kind", top_json(s.calls_by_kind)},
                       {"most_called", top_json(s.most_called)}, {"most_unsafe", top_json(s.most_unsafe)},
                       {"most_capabilities", top_json(s.most_capabilities)}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << "crates: " << s.crates << ", versions: " << s.versions << " (" << s.indexed << " indexed, " << s.failed
            << " failed), indexed at " << s.indexed_at << "\n"
            << "functions: " << s.functions << ", calls: " << s.calls << " resolved, " << s.method_calls
            << " by method name only\n"
            << "dependencies: " << s.dependencies << " (" << s.unresolved_dependencies << " match no version present)\n";
  auto list = [](const char* title, const std::vector<index::TopEntry>& entries) {
    if (entries.empty()) return;
    std::cout << "\n" << title << "\n";
    for (const auto& e : entries) std::cout << "  " << e.count << "  " << terminal_safe(e.label) << "\n";
  };
  list("calls by kind:", s.calls_by_kind);
  list("most called from other crates:", s.most_called);
  list("most unsafe code (sites):", s.most_unsafe);
  list("most kinds of capability:", s.most_capabilities);
}

}  // namespace

int run_query_command(const QueryCommandOptions& o, const CommonOptions& common) {
  CommandSession session(common);
  std::error_code ec;
  if (!std::filesystem::exists(o.database, ec)) {
    session.print_error(o.database, "no index here (`cratescope index REGISTRY --db " + o.database + "` writes one)");
    return kExitError;
  }
  auto reader = index::IndexReader::open(o.database);
  if (!reader) {
    session.print_error(o.database, reader.error());
    return kExitError;
  }
  if (o.verb == "callers") {
    index::CallersOptions options{o.version, o.depth, o.method_names};
    auto result = reader->callers(o.path, options);
    if (!result) {
      session.print_error(o.database, result.error());
      return kExitError;
    }
    print_callers(*result, o.format);
    return kExitClean;
  }
  if (o.verb == "stats") {
    auto stats = reader->stats(o.top);
    if (!stats) {
      session.print_error(o.database, stats.error());
      return kExitError;
    }
    print_stats(*stats, o.format);
    return kExitClean;
  }
  std::vector<index::FailedVersion> failed = reader->failed();
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : failed) out.push_back({{"crate", f.crate}, {"version", f.version}, {"entry", f.entry}, {"error", f.error}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& f : failed)
      std::cout << terminal_safe(f.crate + " " + f.version) << "  " << terminal_safe(f.entry) << "\n  "
                << terminal_safe(f.error) << "\n";
    std::cout << failed.size() << " version(s) failed\n";
  }
  return kExitClean;
}

}  // namespace cratescope::cli
