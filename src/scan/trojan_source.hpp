#pragma once
// Trojan Source (CVE-2021-42574) and homoglyph attacks: code that reads one
// way to a reviewer and another way to the compiler.
#include <string_view>
#include <vector>

#include "scan/scan_finding.hpp"

namespace cratescope::scan {

// Bidirectional control characters and invisible characters anywhere in a
// Rust file, and identifiers mixing Latin with Cyrillic or Greek letters.
// `file` names the findings' location.
void find_trojan_source(std::string_view file, std::string_view text, std::vector<ScanFinding>& out);

}  // namespace cratescope::scan
