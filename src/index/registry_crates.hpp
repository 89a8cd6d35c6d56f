#pragma once
// The crate versions of a registry directory, as the index sees them: a
// Debian-style directory registry (`name-version/` with Cargo.toml), a Cargo
// home's `registry/cache/<index>/*.crate`, or any directory of .crate files.
// Each one's identity is read from its own Cargo.toml; a .crate is unpacked
// into a temporary directory that lives as long as the RegistryCrate.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "load/manifest.hpp"
#include "sources/crate_archive.hpp"

namespace cratescope::index {

struct RegistryCrate {
  std::string entry;      // the directory or the .crate file, as listed
  std::string dir;        // the crate root (a .crate's: once unpacked)
  bool from_crate_file = false;
  std::string name, version;  // from Cargo.toml; from the entry's name when it cannot be read
  // What identifies this exact content: the registry's sha256 of the .crate
  // (`.cargo-checksum.json`, "package"), or a hash of the .crate file, or of
  // the directory's file names, sizes and times when neither exists.
  std::string checksum;
  std::optional<load::Manifest> manifest;
  std::string error;  // non-empty: not indexable (unreadable, bad Cargo.toml, unsafe archive)
  std::shared_ptr<sources::CrateArchive> unpacked;
  std::string key() const { return name + "@" + version; }
};

// Listing and identity only: a directory's Cargo.toml is parsed; a .crate
// gets a checksum and an identity from its file name but is not unpacked
// (enough to tell whether anything is new).
std::vector<RegistryCrate> list_registry(const Context& context, const std::string& registry_dir);
// Unpacks the listed .crate files (in parallel) and reads their Cargo.toml.
void unpack_crate_files(const Context& context, std::vector<RegistryCrate>& crates);

// `serde_json-1.0.1` -> ("serde_json", "1.0.1"); the version starts at the
// first `-` followed by a digit.
std::pair<std::string, std::string> split_entry_name(const std::string& entry_name);

}  // namespace cratescope::index
