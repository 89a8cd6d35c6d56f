#pragma once
// Where a file's `#[cfg(test)] mod name { ... }` bodies are, found in its text
// before parsing, so that a build that leaves test modules out need not
// parse them at all (see parse_text). Inline test modules are ~7.5% of the
// Rust in Debian's crate corpus.
#include <cstdint>
#include <string_view>
#include <vector>

namespace cratescope::model {

struct ByteRange {
  uint32_t begin = 0, end = 0;  // [begin, end)
};

// The bodies, between the braces (exclusive), in order. A light lexer skips
// comments, strings, raw strings and char literals, so that braces and the
// attribute are only seen in code. Anything it cannot follow (an unterminated
// string or comment, unbalanced braces) gives no range at all: the caller
// parses the whole file, so a mistake here can only cost time. Only the
// plain spelling `#[cfg(test)]` is looked for (other attributes and `pub` may
// sit between it and `mod`).
std::vector<ByteRange> cfg_test_module_bodies(std::string_view text);

}  // namespace cratescope::model
