#include "cli/query_command.hpp"

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command_session.hpp"
#include "cli/exit_codes.hpp"
#include "core/untrusted_text.hpp"
#include "advisory/database.hpp"
#include "index/dependency_queries.hpp"
#include "index/index_export.hpp"
#include "index/index_queries.hpp"

namespace cratescope::cli {

void add_query_command(CLI::App& app, QueryCommandOptions& o) {
  auto* cmd = app.add_subcommand(
      "query", "Ask an index that `cratescope index` wrote: callers, blast-radius, rdeps, deps, path, stats, failed, export");
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

  auto* rdeps = cmd->add_subcommand("rdeps", "Crate versions whose dependencies select a version of CRATE");
  common_options(rdeps);
  rdeps->callback([&o] { o.verb = "rdeps"; });
  rdeps->add_option("crate", o.crate, "Crate name")->required();
  rdeps->add_option("--version", o.version, "Only these versions of CRATE (a requirement: \"<0.4.36\")");
  rdeps->add_flag("--transitive", o.transitive, "Also what depends on those, and so on (dev-dependencies: one step)");
  auto* deps = cmd->add_subcommand("deps", "What a crate's versions depend on, and the version each requirement selects");
  common_options(deps);
  deps->callback([&o] { o.verb = "deps"; });
  deps->add_option("crate", o.crate, "Crate name")->required();
  deps->add_option("--version", o.version, "Only these versions (a requirement)");
  auto* path = cmd->add_subcommand(
      "path", "How FROM reaches TO: a call path between two functions (crate::fn), or a dependency path between two crates");
  common_options(path);
  path->callback([&o] { o.verb = "path"; });
  path->add_option("from", o.from, "A function (app::run) or a crate")->required();
  path->add_option("to", o.to, "A function (tar::Archive::unpack) or a crate")->required();
  path->add_option("--depth", o.depth, "Calls to follow")->capture_default_str();
  auto* blast = cmd->add_subcommand(
      "blast-radius", "What an advisory hits across the index: dependents that reach its affected functions, that do "
                      "not, and that cannot be told");
  common_options(blast);
  blast->callback([&o] { o.verb = "blast-radius"; });
  blast->add_option("advisory", o.advisory, "A RustSec id (RUSTSEC-2021-0080)")->required();
  blast->add_option("--advisories", o.advisories, "Advisory database directory (default: ~/.cargo/advisory-db)");
  blast->add_option("--depth", o.depth, "Calls to follow back from each affected function")->capture_default_str();
  blast->add_option("--callers", o.callers_shown,
                    "Text: callers shown per dependent, shortest paths first (0: all; JSON always lists all)")
      ->capture_default_str();
  auto* export_cmd = cmd->add_subcommand(
      "export", "The call graph, or part of it, as GraphML, DOT or neo4j-admin import CSV files");
  export_cmd->add_option("--db", o.database, "The index (SQLite)")->capture_default_str();
  export_cmd->callback([&o] { o.verb = "export"; });
  export_cmd->add_option("-f,--format", o.export_format, "graphml, dot or neo4j (a directory of CSV files)")
      ->check(CLI::IsMember({"graphml", "dot", "neo4j"}))
      ->capture_default_str();
  export_cmd->add_option("-o,--output", o.output, "File (graphml, dot; - for standard output) or directory (neo4j)")
      ->capture_default_str();
  export_cmd->add_option("--callers", o.callers_of, "Only the callers of this function, and it");
  export_cmd->add_option("--version", o.version, "With --callers: only these versions of its crate");
  export_cmd->add_option("--crate", o.crate, "Only this crate's functions (NAME or NAME@VERSION) and what they call");
}

namespace {

// Indented; text that is not UTF-8 (from crates' sources) replaced, never a throw.
void print_json(const nlohmann::json& out) {
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

nlohmann::json function_json(const index::IndexedFunction& f) {
  return {{"crate", f.crate}, {"version", f.version}, {"path", f.path}, {"target", f.target},
          {"location", to_string(f.location)}};
}

std::string function_text(const index::IndexedFunction& f) {
  return terminal_safe(f.crate + " " + f.version + " " + f.path);
}

nlohmann::json caller_json(const index::Caller& c) {
  nlohmann::json caller = function_json(c.function);
  caller["call_path"] = nlohmann::json::array();
  for (const auto& step : c.path)
    caller["call_path"].push_back({{"calls", function_json(step.callee)}, {"site", to_string(step.site)},
                                   {"kind", step.kind}, {"confidence", step.confidence}});
  return caller;
}

void print_caller_path(const index::Caller& c, const std::string& indent) {
  std::cout << indent << terminal_safe(c.function.crate + " " + c.function.version + " " + c.function.path) << "  ("
            << terminal_safe(to_string(c.function.location)) << ")\n";
  for (const auto& step : c.path)
    std::cout << indent << "  -> " << function_text(step.callee) << "  at " << terminal_safe(to_string(step.site)) << " ("
              << step.kind << ", " << step.confidence << ")\n";
}

void print_callers(const index::CallersResult& r, const std::string& format) {
  if (format == "json") {
    nlohmann::json out{{"query", r.query}, {"targets", nlohmann::json::array()}, {"callers", nlohmann::json::array()},
                       {"notes", r.notes}, {"truncated", r.truncated}, {"incomplete", r.incomplete}};
    for (const auto& t : r.targets) out["targets"].push_back(function_json(t));
    for (const auto& c : r.callers) out["callers"].push_back(caller_json(c));
    print_json(out);
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
    print_json(out);
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

void print_rows(const std::vector<index::DependencyRow>& rows, const std::string& format, bool reverse) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
      nlohmann::json row{{"crate", r.crate}, {"requirement", r.requirement}, {"kind", r.kind}};
      if (reverse) {
        row["version"] = r.version;
        row["distance"] = r.distance;
        if (!r.via.empty()) row["via"] = r.via;
      } else {
        row["from"] = r.via;
        row["resolved"] = r.resolved;
        row["could_select"] = r.could_select;
      }
      out.push_back(std::move(row));
    }
    print_json(out);
    return;
  }
  std::string current;
  for (const auto& r : rows) {
    if (reverse) {
      std::cout << terminal_safe(r.crate + " " + r.version) << "  " << r.kind << " " << terminal_safe(r.requirement);
      if (!r.via.empty()) std::cout << "  (through " << terminal_safe(r.via) << ")";
      std::cout << "\n";
      continue;
    }
    if (r.via != current) std::cout << terminal_safe(r.via) << "\n";
    current = r.via;
    std::cout << "  " << terminal_safe(r.crate + " " + r.requirement) << "  " << r.kind << "  -> "
              << (r.resolved.empty() ? "no version present" : terminal_safe(r.resolved));
    if (r.could_select.size() > 1) {
      std::cout << "  (could select:";
      for (const auto& v : r.could_select) std::cout << " " << terminal_safe(v);
      std::cout << ")";
    }
    std::cout << "\n";
  }
  std::cout << rows.size() << " " << (reverse ? "dependent(s)" : "dependencies") << "\n";
}

void print_blast_radius(const index::BlastRadius& b, const std::string& format, size_t callers_shown) {
  if (format == "json") {
    auto list = [](const std::vector<index::BlastRadius::Dependent>& entries) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& d : entries) {
        nlohmann::json e{{"crate", d.crate}, {"version", d.version}, {"depends_on", d.depends_on}};
        if (!d.reason.empty()) e["reason"] = d.reason;
        if (!d.callers.empty()) {
          e["callers"] = nlohmann::json::array();
          for (const auto& c : d.callers) e["callers"].push_back(caller_json(c));
        }
        out.push_back(std::move(e));
      }
      return out;
    };
    nlohmann::json out{{"advisory", b.advisory}, {"package", b.package}, {"title", b.title},
                       {"level", b.function_level ? "function" : "package"}, {"functions", b.functions},
                       {"vulnerable_versions", b.vulnerable_versions}, {"notes", b.notes}};
    if (b.function_level) {
      out["reaches"] = list(b.reaches);
      out["does_not_reach"] = list(b.does_not_reach);
      out["unknown"] = list(b.unknown);
      out["counts"] = {{"reaches", b.reaches.size()}, {"does_not_reach", b.does_not_reach.size()}, {"unknown", b.unknown.size()}};
    } else {
      out["dependents"] = list(b.package_level);
      out["counts"] = {{"dependents", b.package_level.size()}};
    }
    print_json(out);
    return;
  }
  std::cout << b.advisory << " (" << terminal_safe(b.package) << "): " << terminal_safe(b.title) << "\n";
  std::cout << "vulnerable versions in the index: " << (b.vulnerable_versions.empty() ? "none" : "");
  for (size_t i = 0; i < b.vulnerable_versions.size(); ++i) std::cout << (i ? ", " : "") << b.vulnerable_versions[i];
  std::cout << "\n";
  for (const auto& note : b.notes) std::cout << "note: " << terminal_safe(note) << "\n";
  auto names = [callers_shown](const char* title, const std::vector<index::BlastRadius::Dependent>& entries) {
    std::cout << "\n" << title << " (" << entries.size() << ")\n";
    for (const auto& d : entries) {
      std::cout << "  " << terminal_safe(d.crate + " " + d.version) << "  (on " << terminal_safe(d.depends_on) << ")";
      if (!d.reason.empty()) std::cout << ": " << terminal_safe(d.reason);
      std::cout << "\n";
      // A dependent reached through method names can have hundreds of
      // functions on the way: the shortest paths tell most.
      std::vector<const index::Caller*> shortest;
      for (const auto& c : d.callers) shortest.push_back(&c);
      std::stable_sort(shortest.begin(), shortest.end(),
                       [](const auto* a, const auto* b) { return a->path.size() < b->path.size(); });
      size_t shown = callers_shown == 0 ? shortest.size() : std::min(callers_shown, shortest.size());
      for (size_t i = 0; i < shown; ++i) print_caller_path(*shortest[i], "    ");
      if (shown < shortest.size())
        std::cout << "    ... and " << shortest.size() - shown << " more function(s) (--callers 0 or -f json lists them)\n";
    }
  };
  if (!b.function_level) {
    std::cout << "package-level: the advisory names no functions, so every dependent is listed\n";
    names("dependents", b.package_level);
    return;
  }
  std::cout << "affected functions:";
  for (const auto& f : b.functions) std::cout << " " << terminal_safe(f);
  std::cout << "\n";
  names("reach an affected function", b.reaches);
  names("depend on a vulnerable version but do not reach it", b.does_not_reach);
  names("unknown", b.unknown);
  std::cout << "\nreaches " << b.reaches.size() << ", does not reach " << b.does_not_reach.size() << ", unknown "
            << b.unknown.size() << "\n";
}

int run_path(const index::IndexReader& reader, const QueryCommandOptions& o, CommandSession& session) {
  if (o.from.find("::") == std::string::npos && o.to.find("::") == std::string::npos) {
    auto paths = index::DependencyQueries(reader, reader.db()).crate_path(o.from, o.to);
    if (!paths) {
      session.print_error(o.database, paths.error());
      return kExitError;
    }
    if (o.format == "json") {
      print_json(*paths);
    } else {
      for (const auto& path : *paths) {
        for (size_t i = 0; i < path.size(); ++i) std::cout << (i ? " -> " : "") << terminal_safe(path[i]);
        std::cout << "\n";
      }
      if (paths->empty()) std::cout << "no version of " << terminal_safe(o.from) << " depends on " << terminal_safe(o.to) << "\n";
    }
    return kExitClean;
  }
  auto from = reader.functions_named(o.from);
  if (!from) {
    session.print_error(o.database, from.error());
    return kExitError;
  }
  auto callers = reader.callers(o.to, {"", o.depth, false});
  if (!callers) {
    session.print_error(o.database, callers.error());
    return kExitError;
  }
  std::vector<const index::Caller*> found;
  for (const auto& c : callers->callers)
    if (std::find(from->begin(), from->end(), c.function.id) != from->end()) found.push_back(&c);
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto* c : found) out.push_back(caller_json(*c));
    print_json(out);
  } else {
    for (const auto* c : found) print_caller_path(*c, "");
    if (found.empty()) std::cout << terminal_safe(o.from) << " does not reach " << terminal_safe(o.to) << " in this index\n";
  }
  return kExitClean;
}

int run_blast_radius(const index::IndexReader& reader, const QueryCommandOptions& o, CommandSession& session,
                     const CommonOptions& common) {
  Diagnostics db_diagnostics;
  Context db_ctx{session.files, db_diagnostics, session.timers, common.threads};
  std::filesystem::path db_path = o.advisories.empty() ? advisory::default_database_path() : std::filesystem::path(o.advisories);
  advisory::LoadOptions load_options;
  load_options.cache_dir = user_cache_directory();
  auto db = advisory::load_database(db_path, load_options, db_ctx);
  if (!db) {
    session.report_missing_database(db_path);
    return kExitError;
  }
  const advisory::Advisory* found = db->find(o.advisory);
  if (!found) {
    session.print_error(db_path.string(), "no advisory " + o.advisory + " in this database");
    return kExitError;
  }
  auto radius = index::DependencyQueries(reader, reader.db()).blast_radius(*found, o.depth);
  if (!radius) {
    session.print_error(o.database, radius.error());
    return kExitError;
  }
  print_blast_radius(*radius, o.format, o.callers_shown);
  return kExitClean;
}

int run_export(const index::IndexReader& reader, const QueryCommandOptions& o, CommandSession& session) {
  index::ExportSelection selection{o.callers_of, o.version, o.depth, o.crate};
  index::ExportFormat format = o.export_format == "dot"     ? index::ExportFormat::dot
                               : o.export_format == "neo4j" ? index::ExportFormat::neo4j
                                                            : index::ExportFormat::graphml;
  std::string out = o.output;
  if (format == index::ExportFormat::neo4j && out == "-") out = "neo4j-import";
  auto counts = index::export_graph(reader, selection, format, out);
  if (!counts) {
    session.print_error(o.database, counts.error());
    return kExitError;
  }
  if (out != "-") {
    std::cerr << "wrote " << counts->functions << " functions and " << counts->calls << " calls to " << out << "\n";
    if (format == index::ExportFormat::neo4j)
      std::cerr << "import: neo4j-admin database import full --nodes=" << out << "/functions.csv --nodes=" << out
                << "/crate_versions.csv --relationships=" << out << "/calls.csv --relationships=" << out
                << "/defined_in.csv --relationships=" << out << "/depends_on.csv\n";
  }
  return kExitClean;
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
  if (o.verb == "rdeps" || o.verb == "deps") {
    index::DependencyQueries queries(*reader, reader->db());
    auto rows = o.verb == "rdeps" ? queries.rdeps(o.crate, o.version, o.transitive) : queries.deps(o.crate, o.version);
    if (!rows) {
      session.print_error(o.database, rows.error());
      return kExitError;
    }
    print_rows(*rows, o.format, o.verb == "rdeps");
    return kExitClean;
  }
  if (o.verb == "path") return run_path(*reader, o, session);
  if (o.verb == "blast-radius") return run_blast_radius(*reader, o, session, common);
  if (o.verb == "export") return run_export(*reader, o, session);
  std::vector<index::FailedVersion> failed = reader->failed();
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : failed) out.push_back({{"crate", f.crate}, {"version", f.version}, {"entry", f.entry}, {"error", f.error}});
    print_json(out);
  } else {
    for (const auto& f : failed)
      std::cout << terminal_safe(f.crate + " " + f.version) << "  " << terminal_safe(f.entry) << "\n  "
                << terminal_safe(f.error) << "\n";
    std::cout << failed.size() << " version(s) failed\n";
  }
  return kExitClean;
}

}  // namespace cratescope::cli
