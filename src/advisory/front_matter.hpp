#pragma once
// Internal: splits a RustSec advisory file into its TOML front matter and its
// Markdown body, remembering where the front matter starts so TOML positions
// can be mapped back to lines of the file.
#include <cstdint>
#include <string_view>

#include "core/expected.hpp"
#include "core/source_location.hpp"

namespace cratescope::advisory {

struct AdvisoryParts {
  std::string_view front_matter;  // the TOML, without the fence lines
  uint32_t front_matter_first_line = 0;  // 1-based line of the file where the TOML begins
  std::string_view body;          // the Markdown after the closing fence
};

struct FrontMatterError {
  TextPosition position;
  std::string message;
};

// Accepts a ```toml fence as the first non-blank line (the current format) or
// a "+++" line (the format of 2019-2020 databases).
Expected<AdvisoryParts, FrontMatterError> split_advisory(std::string_view text);

// The Markdown body: its first "# " heading is the title, the rest the description.
struct MarkdownParts {
  std::string_view title;
  std::string_view description;
};
MarkdownParts split_markdown_body(std::string_view body);

}  // namespace cratescope::advisory
