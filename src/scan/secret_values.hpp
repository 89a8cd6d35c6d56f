#pragma once
// Checks on a candidate secret's value, after its pattern matched: is it
// random enough, is it a placeholder, and how to show it without leaking it.
#include <string>
#include <string_view>

#include "scan/secret_rules.hpp"

namespace cratescope::scan {

// Shannon entropy in bits per byte.
double shannon_entropy(std::string_view value);

// The rule's own checks: entropy for generic rules, a key body after a
// private-key header. `after`: the text following the match.
bool confirmed_secret(const SecretRule& rule, std::string_view value, std::string_view after);

// `EXAMPLE`, `xxxx`, `<your-token>`, `${TOKEN}`, `changeme`, runs of one character...
bool looks_like_placeholder(std::string_view value);

// `line` with the `length` bytes at `offset` shown as their first four
// characters and a count: `ghp_****… (40 chars)`.
std::string redact_in_line(std::string_view line, size_t offset, size_t length);

// `http://203.0.113.9/x` or `"203.0.113.9:443"` is public unless the address
// is loopback, private, link-local, unspecified or reserved for documentation.
bool is_public_ip_url(std::string_view url);

}  // namespace cratescope::scan
