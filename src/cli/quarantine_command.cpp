#include "cli/quarantine_command.hpp"

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "core/untrusted_text.hpp"
#include "scan/quarantine_store.hpp"

namespace cratescope::cli {

void add_quarantine_command(CLI::App& app, QuarantineCommandOptions& o) {
  auto* cmd = app.add_subcommand("quarantine", "Review what `scan --quarantine STORE` held back: list, release, confirm");
  cmd->require_subcommand(1);
  cmd->footer("Exit codes: 0 done (list: nothing quarantined), 1 list: versions are quarantined, 2 usage or store error.");
  auto store_option = [&](CLI::App* sub) {
    sub->add_option("--store", o.store, "The quarantine store (SQLite)")->capture_default_str();
  };
  auto* list = cmd->add_subcommand("list", "Versions held back (suspicious or malicious, not released); --all: every version");
  store_option(list);
  list->callback([&o] { o.verb = "list"; });
  list->add_flag("--all", o.all, "Also clean, released and confirmed versions");
  list->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  for (const char* verb : {"release", "confirm"}) {
    auto* sub = cmd->add_subcommand(verb, std::string(verb) == "release"
                                              ? "Release a version: the findings were a false alarm"
                                              : "Confirm a version is malicious: it stays quarantined");
    store_option(sub);
    sub->callback([&o, verb] { o.verb = verb; });
    sub->add_option("name", o.name, "Crate name")->required();
    sub->add_option("version", o.version, "Crate version")->required();
    sub->add_option("--reviewer", o.reviewer, "Who decides")->required();
    sub->add_option("--reason", o.reason, "Why")->required();
  }
}

namespace {

int list(const scan::QuarantineStore& store, const QuarantineCommandOptions& o) {
  auto entries = store.entries(o.all);
  if (!entries) {
    std::cerr << "error: " << o.store << ": " << entries.error() << "\n";
    return kExitError;
  }
  size_t quarantined = 0;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : *entries) {
    quarantined += e.status() == "quarantined" || e.status() == "confirmed";
    if (o.format == "json") {
      out.push_back({{"name", e.name}, {"version", e.version}, {"source", e.source}, {"verdict", e.verdict},
                     {"status", e.status()}, {"scanned_at", e.scanned_at}, {"decision", e.decision},
                     {"reviewer", e.reviewer}, {"reason", e.reason}, {"decided_at", e.decided_at},
                     {"scan", nlohmann::json::parse(e.details, nullptr, false)}});
      continue;
    }
    std::cout << terminal_safe(e.name + " " + e.version) << "  " << e.status() << "  (" << e.verdict << ", scanned "
              << e.scanned_at << ")";
    if (!e.decision.empty())
      std::cout << "  " << e.decision << " by " << terminal_safe(e.reviewer) << " at " << e.decided_at << ": "
                << terminal_safe(e.reason);
    std::cout << "\n";
  }
  if (o.format == "json") std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else if (entries->empty()) std::cout << "nothing " << (o.all ? "scanned" : "quarantined") << " in " << o.store << "\n";
  return quarantined ? kExitFindings : kExitClean;
}

}  // namespace

int run_quarantine_command(const QuarantineCommandOptions& o, const CommonOptions& /*common*/) {
  // Reading or deciding never creates a store: a mistyped path must not look empty.
  std::error_code ec;
  if (!std::filesystem::exists(o.store, ec)) {
    std::cerr << "error: " << o.store << ": no quarantine store here (`cratescope scan --quarantine " << o.store
              << "` creates it)\n";
    return kExitError;
  }
  auto store = scan::QuarantineStore::open(o.store);
  if (!store) {
    std::cerr << "error: " << o.store << ": " << store.error() << "\n";
    return kExitError;
  }
  if (o.verb == "list") return list(*store, o);
  auto decided = store->decide(o.name, o.version, o.verb == "release" ? scan::Decision::release : scan::Decision::confirm,
                               o.reviewer, o.reason);
  if (!decided) {
    std::cerr << "error: " << o.store << ": " << decided.error() << "\n";
    return kExitError;
  }
  std::cout << (o.verb == "release" ? "released " : "confirmed malicious: ") << terminal_safe(o.name + " " + o.version) << "\n";
  return kExitClean;
}

}  // namespace cratescope::cli
