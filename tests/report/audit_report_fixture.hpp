#pragma once
// A small audited workspace built by hand, covering what the reports must
// show: several findings on one crate, every finding kind, a dev / build /
// cfg-specific / renamed edge, a vulnerability without CVSS, a platform
// restriction, an ignored finding, and expired and unused ignore rules.
//
//   app 0.1.0 (member)
//   ├── chrono 0.4.19            Cargo.toml:8
//   │   ├── time 0.1.43          (chrono's manifest, outside the root)
//   │   └── libc 0.2.80          cfg(unix); yanked
//   ├── atty 0.2.14              cfg(windows), Cargo.toml:9; unmaintained + unsound
//   ├── time 0.1.43 (dev)        Cargo.toml:12
//   ├── smallvec 1.6.0 (dev, as sv)   Cargo.toml:13; critical
//   └── openssl-src 111.10.0 (build)  Cargo.toml:16; high, ignored
#include <memory>
#include <stdexcept>
#include <string>

#include "report/audit_report.hpp"

namespace cratescope::testing {

struct AuditFixture {
  load::ProjectGraph graph;
  advisory::Database db;
  audit::AuditResult result;
  audit::AuditOptions options;
  load::Lockfile lockfile;

  AuditFixture(const AuditFixture&) = delete;  // findings point into db and graph
  AuditFixture& operator=(const AuditFixture&) = delete;
  AuditFixture() = default;

  report::AuditReportInput input() const { return {graph, db, result, options, "0.1.0", &lockfile}; }
  audit::Finding& finding(const std::string& id) {
    for (auto& f : result.findings)
      if ((f.advisory ? f.advisory->id : "yanked") == id) return f;
    throw std::runtime_error("no finding " + id);
  }
  advisory::Advisory& advisory(const std::string& id) {
    for (auto& a : db.advisories)
      if (a.id == id) return a;
    throw std::runtime_error("no advisory " + id);
  }
};

namespace fixture_detail {

inline semver::Version version(const char* text) { return semver::Version::parse(text).value(); }

inline advisory::VersionRange range(const char* text) { return {text, semver::VersionReq::parse(text).value()}; }

inline load::SourceId crates_io() {
  load::SourceId id;
  id.kind = load::SourceKind::registry;
  id.raw = "registry+https://github.com/rust-lang/crates.io-index";
  id.url = "https://github.com/rust-lang/crates.io-index";
  return id;
}

inline advisory::Cvss cvss(const char* vector, double score, advisory::Severity severity) {
  return {vector, 3, score, severity};
}

}  // namespace fixture_detail

// Positions and paths are fixed so the rendered reports are byte-for-byte stable.
inline std::unique_ptr<AuditFixture> make_audit_fixture() {
  using namespace fixture_detail;
  using advisory::Severity;
  auto fx = std::make_unique<AuditFixture>();

  // ---- the graph ----
  load::ProjectGraph& g = fx->graph;
  g.root = "/work/demo";
  g.lockfile_path = "/work/demo/Cargo.lock";
  g.lockfile_version = 3;
  g.resolved_by = "Cargo.lock";
  auto add_package = [&](const char* name, const char* ver, uint32_t line, bool member = false) {
    load::GraphPackage p;
    p.name = name;
    p.version = version(ver);
    if (!member) p.source = crates_io();
    p.is_member = member;
    p.proc_macro = false;
    p.lock_position = {line, 1};
    g.packages.push_back(p);
    load::LockedPackage locked;
    locked.name = name;
    locked.version = p.version;
    locked.source = p.source;
    if (!member) locked.checksum = std::string(64, static_cast<char>('a' + g.packages.size() % 6));
    locked.position = p.lock_position;
    fx->lockfile.packages.push_back(locked);
    return g.packages.size() - 1;
  };
  size_t app = add_package("app", "0.1.0", 5, true);
  size_t chrono = add_package("chrono", "0.4.19", 20);
  size_t time = add_package("time", "0.1.43", 60);
  size_t libc = add_package("libc", "0.2.80", 35);
  size_t atty = add_package("atty", "0.2.14", 12);
  size_t smallvec = add_package("smallvec", "1.6.0", 55);
  size_t openssl = add_package("openssl-src", "111.10.0", 45);
  g.members = {app};
  fx->lockfile.path = g.lockfile_path;
  fx->lockfile.version = 3;

  auto add_edge = [&](size_t from, size_t to, load::DependencyKind kind, const char* requirement,
                      SourceLocation declared_at, std::string target = "", std::string name = "") {
    load::GraphEdge e;
    e.from = from;
    e.to = to;
    e.kind = kind;
    e.requirement = requirement;
    e.declared_at = std::move(declared_at);
    e.target = std::move(target);
    e.name = name.empty() ? g.packages[to].name : name;
    g.edges.push_back(e);
    return g.edges.size() - 1;
  };
  using load::DependencyKind;
  const std::string manifest = "/work/demo/Cargo.toml";
  const std::string chrono_manifest = "/home/user/.cargo/registry/src/index.crates.io-6f17d22bba15001f/chrono-0.4.19/Cargo.toml";
  size_t app_chrono = add_edge(app, chrono, DependencyKind::normal, "0.4", {manifest, {8, 1}});
  size_t chrono_time = add_edge(chrono, time, DependencyKind::normal, "^0.1.43", {chrono_manifest, {40, 1}});
  size_t chrono_libc = add_edge(chrono, libc, DependencyKind::normal, "0.2", {chrono_manifest, {44, 1}}, "cfg(unix)");
  size_t app_atty = add_edge(app, atty, DependencyKind::normal, "0.2", {manifest, {9, 1}}, "cfg(windows)");
  size_t app_time = add_edge(app, time, DependencyKind::dev, "0.1", {manifest, {12, 1}});
  size_t app_smallvec = add_edge(app, smallvec, DependencyKind::dev, "1.6", {manifest, {13, 1}}, "", "sv");
  size_t app_openssl = add_edge(app, openssl, DependencyKind::build, "111", {manifest, {16, 1}});
  g.finish();

  // ---- the database ----
  advisory::Database& db = fx->db;
  db.info.path = "/home/user/.cargo/advisory-db";
  db.info.commit = "0123456789abcdef0123456789abcdef01234567";
  db.info.commit_date = "2025-06-01T10:00:00Z";
  db.info.advisory_count = 900;
  {
    advisory::Advisory a;
    a.id = "RUSTSEC-2020-0071";
    a.package = "time";
    a.date = "2020-11-18";
    a.url = "https://github.com/time-rs/time/issues/293";
    a.title = "Potential segfault in the time crate";
    a.description =
        "### Impact\n\nThe affected functions set environment variables without synchronization. On Unix-like "
        "operating systems, this can crash in multithreaded programs.\n\n```toml\nchrono = { version = \"0.4\", "
        "default-features = false }\n```\n";
    a.categories = {"code-execution", "memory-corruption"};
    a.keywords = {"segfault"};
    a.aliases = {"CVE-2020-26235", "GHSA-wcg3-cvx6-7396"};
    a.license = "CC0-1.0";
    a.cvss = cvss("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 6.2, Severity::medium);
    a.affected_os = {"linux", "macos"};
    a.affected_functions = {{"time::at", {range("^0.1")}},
                            {"time::now", {range("^0.1")}},
                            {"time::OffsetDateTime::now_local", {range("< 0.2.23")}}};
    a.patched = {range(">= 0.2.23")};
    a.unaffected = {range("=0.2.0"), range("=0.2.1")};
    a.collection = "crates";
    db.advisories.push_back(a);
  }
  {
    advisory::Advisory a;
    a.id = "RUSTSEC-2020-0159";
    a.package = "chrono";
    a.date = "2020-11-10";
    a.url = "https://github.com/chronotope/chrono/issues/499";
    a.title = "Potential segfault in `localtime_r` invocations";
    a.description = "Unix-like operating systems may segfault due to dereferencing a dangling pointer.";
    a.categories = {"thread-safety"};
    a.aliases = {"GHSA-q5hq-fp76-qmrc"};
    a.license = "CC0-1.0";
    a.patched = {range(">= 0.4.20")};
    a.collection = "crates";
    db.advisories.push_back(a);
  }
  {
    advisory::Advisory a;
    a.id = "RUSTSEC-2021-0003";
    a.package = "smallvec";
    a.date = "2021-01-08";
    a.url = "https://github.com/servo/rust-smallvec/issues/252";
    a.title = "Buffer overflow in SmallVec::insert_many";
    a.description = "A bug in the SmallVec::insert_many method caused it to allocate a buffer that was smaller than needed.";
    a.categories = {"memory-corruption"};
    a.aliases = {"CVE-2021-25900"};
    a.license = "CC0-1.0";
    a.cvss = cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, Severity::critical);
    a.affected_functions = {{"smallvec::SmallVec::insert_many", {range(">= 0.6.3, < 0.6.14"), range(">= 1.0.0, < 1.6.1")}}};
    a.patched = {range(">= 0.6.14, < 1.0.0"), range(">= 1.6.1")};
    a.collection = "crates";
    db.advisories.push_back(a);
  }
  {
    advisory::Advisory a;
    a.id = "RUSTSEC-2021-0098";
    a.package = "openssl-src";
    a.date = "2021-08-24";
    a.url = "https://www.openssl.org/news/secadv/20210824.txt";
    a.title = "Read buffer overruns processing ASN.1 strings";
    a.description = "ASN.1 strings are represented internally within OpenSSL as an ASN1_STRING structure.";
    a.categories = {"denial-of-service"};
    a.aliases = {"CVE-2021-3712"};
    a.license = "CC0-1.0";
    a.cvss = cvss("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H", 7.4, Severity::high);
    a.patched = {range(">= 111.16.0")};
    a.collection = "crates";
    db.advisories.push_back(a);
  }
  {
    advisory::Advisory a;
    a.id = "RUSTSEC-2021-0145";
    a.package = "atty";
    a.date = "2021-07-04";
    a.url = "https://github.com/softprops/atty/issues/50";
    a.title = "Potential unaligned read";
    a.description = "On windows, `atty` dereferences a potentially unaligned pointer.";
    a.informational = advisory::Informational::unsound;
    a.license = "CC0-1.0";
    a.affected_os = {"windows"};
    a.collection = "crates";
    db.advisories.push_back(a);
  }
  {
    advisory::Advisory a;
    a.id = "RUSTSEC-2024-0375";
    a.package = "atty";
    a.date = "2024-09-25";
    a.url = "https://github.com/softprops/atty/issues/57";
    a.title = "`atty` is unmaintained";
    a.description = "The maintainer of `atty` has published an official notice that the crate is no longer under "
                    "development, and that users should instead rely on the functionality in the standard library's "
                    "`IsTerminal` trait.";
    a.informational = advisory::Informational::unmaintained;
    a.license = "CC0-1.0";
    a.collection = "crates";
    db.advisories.push_back(a);
  }

  // ---- the findings ----
  auto reach = [&](bool runtime, bool test, bool build) {
    load::Reach r;
    r.runtime = runtime;
    r.test = test;
    r.build_time = build;
    r.members = {app};
    return r;
  };
  auto add_finding = [&](audit::FindingKind kind, const char* id, size_t package,
                         std::vector<std::vector<size_t>> paths, load::Reach r) -> audit::Finding& {
    audit::Finding f;
    f.kind = kind;
    f.advisory = id ? &fx->advisory(id) : nullptr;
    f.package = package;
    f.paths = std::move(paths);
    f.reach = std::move(r);
    fx->result.findings.push_back(f);
    return fx->result.findings.back();
  };
  using audit::FindingKind;
  using audit::Fix;
  fx->result.findings.reserve(8);  // references below must stay valid
  {
    auto& f = add_finding(FindingKind::vulnerability, "RUSTSEC-2020-0071", time, {{app_chrono, chrono_time}, {app_time}},
                          reach(true, true, false));
    const auto& functions = fx->advisory("RUSTSEC-2020-0071").affected_functions;
    f.affected_functions = {&functions[0], &functions[1]};
    f.applies_to_target = false;
    f.platform_note = "only affects os: linux, macos";
    f.fix.kind = Fix::Kind::semver_incompatible;
    f.fix.version = version("0.2.23");
    f.fix.blocking_dependent = "chrono 0.4.19";
    f.fix.blocking_requirement = "^0.1.43";
    f.fix.text = "needs a semver-incompatible upgrade of time to 0.2.23: chrono 0.4.19 requires time ^0.1.43; "
                 "upgrade chrono to a release that accepts the fixed version";
  }
  {
    auto& f = add_finding(FindingKind::vulnerability, "RUSTSEC-2020-0159", chrono, {{app_chrono}}, reach(true, false, false));
    f.fix.kind = Fix::Kind::upgrade;
    f.fix.version = version("0.4.20");
    f.fix.command = "cargo update -p chrono@0.4.19 --precise 0.4.20";
    f.fix.text = "upgrade chrono to 0.4.20";
  }
  {
    auto& f = add_finding(FindingKind::vulnerability, "RUSTSEC-2021-0003", smallvec, {{app_smallvec}}, reach(false, true, false));
    const auto& functions = fx->advisory("RUSTSEC-2021-0003").affected_functions;
    f.affected_functions = {&functions[0]};
    f.fix.kind = Fix::Kind::upgrade;
    f.fix.version = version("1.6.1");
    f.fix.command = "cargo update -p smallvec@1.6.0 --precise 1.6.1";
    f.fix.text = "upgrade smallvec to 1.6.1";
  }
  {
    auto& f = add_finding(FindingKind::vulnerability, "RUSTSEC-2021-0098", openssl, {{app_openssl}}, reach(false, false, true));
    f.fix.kind = Fix::Kind::upgrade;
    f.fix.version = version("111.16.0");
    f.fix.command = "cargo update -p openssl-src@111.10.0 --precise 111.16.0";
    f.fix.text = "upgrade openssl-src to 111.16.0";
    f.ignored_by = audit::IgnoreRule{"RUSTSEC-2021-0098", "only used to build the test fixtures", "2099-12-31",
                                     {"/work/demo/cratescope.toml", {4, 1}}};
  }
  {
    auto& f = add_finding(FindingKind::unsound, "RUSTSEC-2021-0145", atty, {{app_atty}}, reach(true, false, false));
    f.platform_note = "only affects os: windows";
    f.fix.kind = Fix::Kind::no_fix;
    f.fix.text = "no fixed version of atty is available; consider an alternative";
  }
  {
    auto& f = add_finding(FindingKind::unmaintained, "RUSTSEC-2024-0375", atty, {{app_atty}}, reach(true, false, false));
    f.fix.kind = Fix::Kind::no_fix;
    f.fix.text = "no fixed version of atty is available; consider an alternative";
  }
  {
    auto& f = add_finding(FindingKind::yanked, nullptr, libc, {{app_chrono, chrono_libc}}, reach(true, false, false));
    f.fix.kind = Fix::Kind::upgrade;
    f.fix.version = version("0.2.81");
    f.fix.command = "cargo update -p libc@0.2.80 --precise 0.2.81";
    f.fix.text = "upgrade libc to 0.2.81";
  }

  fx->result.expired_ignores.push_back(
      {"RUSTSEC-2020-0071", "waiting for chrono 0.4.20", "2026-01-01", {"/work/demo/cratescope.toml", {9, 1}}});
  fx->result.unused_ignores.push_back({"RUSTSEC-2019-0001", "", "", {"/work/demo/.cargo/audit.toml", {2, 12}}});
  fx->result.packages_scanned = 6;
  fx->result.packages_skipped = 1;
  fx->result.yanked_checked = true;

  fx->options.today = "2026-03-01";
  return fx;
}

}  // namespace cratescope::testing
