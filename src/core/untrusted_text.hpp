#pragma once
// Advisory and lockfile text is untrusted input: an advisory title could carry
// escape sequences that rewrite the user's terminal, bidi overrides that hide
// text (Trojan Source), or bytes that are not UTF-8 and would make the JSON
// writer throw. Every string a report prints or serialises goes through one of
// these first.
#include <string>
#include <string_view>

namespace cratescope {

// Invalid UTF-8 sequences become U+FFFD; everything else is kept as is (the
// JSON writer escapes control characters itself).
std::string valid_utf8(std::string_view text);

// For terminals and other viewers: valid UTF-8 with C0/C1 controls, DEL and
// bidi overrides replaced by '?'. A tab becomes a space, "\r" is dropped, and
// "\n" is kept only when `keep_newlines` (else it becomes a space).
std::string terminal_safe(std::string_view text, bool keep_newlines = false);

// Greedy word wrap of one paragraph line to `width` columns (counted in code
// points), each output line prefixed with `indent`.
std::string wrap_line(std::string_view line, size_t width, std::string_view indent);

}  // namespace cratescope
