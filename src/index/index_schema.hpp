#pragma once
// The ecosystem index's tables (docs/index.md describes each column). Plain
// SQL: the same schema can be created in a server database.
namespace cratescope::index {

// Raised when a table changes: an index of another version is rebuilt, not read.
inline constexpr const char* kIndexSchemaVersion = "2";

// Tables only; kIndexIndexes completes the schema.
inline constexpr const char* kIndexSchema = R"sql(
CREATE TABLE IF NOT EXISTS index_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS crate_versions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  checksum TEXT NOT NULL,
  entry TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('indexed', 'failed')),
  error TEXT NOT NULL,
  edition TEXT NOT NULL,
  license TEXT NOT NULL,
  repository TEXT NOT NULL,
  authors TEXT NOT NULL,
  features TEXT NOT NULL,
  proc_macro INTEGER NOT NULL,
  files INTEGER NOT NULL,
  unanalyzed_files INTEGER NOT NULL,
  functions INTEGER NOT NULL,
  unsafe_sites INTEGER NOT NULL,
  forbids_unsafe INTEGER NOT NULL,
  capabilities TEXT NOT NULL,
  indexed_at TEXT NOT NULL,
  UNIQUE (name, version)
);
CREATE TABLE IF NOT EXISTS dependencies (
  from_version INTEGER NOT NULL,
  name TEXT NOT NULL,
  alias TEXT NOT NULL,
  requirement TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('normal', 'build', 'dev')),
  optional INTEGER NOT NULL,
  target TEXT NOT NULL,
  resolved_version INTEGER
);
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  path TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS functions (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  target TEXT NOT NULL,
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  is_pub INTEGER NOT NULL,
  has_self INTEGER NOT NULL,
  arity INTEGER NOT NULL,
  trait_impl INTEGER NOT NULL,
  trait_version INTEGER,
  self_local INTEGER NOT NULL,
  has_body INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS calls (
  caller INTEGER NOT NULL,
  callee INTEGER NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS method_calls (
  caller INTEGER NOT NULL,
  method TEXT NOT NULL,
  arity INTEGER NOT NULL,
  receiver TEXT NOT NULL,
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS use_bindings (
  version_id INTEGER NOT NULL,
  module TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS use_globs (
  version_id INTEGER NOT NULL,
  module TEXT NOT NULL,
  path TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trait_impls (
  version_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  trait_path TEXT NOT NULL
);
)sql";

// The indexes the queries need: created after a bulk write (faster than
// keeping them up to date row by row).
inline constexpr const char* kIndexIndexes = R"sql(
CREATE INDEX IF NOT EXISTS dependencies_by_from ON dependencies (from_version);
CREATE INDEX IF NOT EXISTS dependencies_by_resolved ON dependencies (resolved_version);
CREATE INDEX IF NOT EXISTS dependencies_by_name ON dependencies (name);
CREATE INDEX IF NOT EXISTS functions_by_path ON functions (version_id, path);
CREATE INDEX IF NOT EXISTS functions_by_name ON functions (name);
CREATE INDEX IF NOT EXISTS calls_by_callee ON calls (callee);
CREATE INDEX IF NOT EXISTS calls_by_caller ON calls (caller);
CREATE INDEX IF NOT EXISTS method_calls_by_method ON method_calls (method);
CREATE INDEX IF NOT EXISTS use_bindings_by_name ON use_bindings (version_id, module, name);
CREATE INDEX IF NOT EXISTS use_globs_by_module ON use_globs (version_id, module);
CREATE INDEX IF NOT EXISTS trait_impls_by_type ON trait_impls (version_id, type);
)sql";

}  // namespace cratescope::index
