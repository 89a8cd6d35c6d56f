#include "scan/secret_values.hpp"

#include <array>
#include <cmath>

namespace cratescope::scan {

double shannon_entropy(std::string_view value) {
  if (value.empty()) return 0;
  std::array<size_t, 256> counts{};
  for (char c : value) ++counts[static_cast<unsigned char>(c)];
  double entropy = 0, size = static_cast<double>(value.size());
  for (size_t count : counts)
    if (count) {
      double p = static_cast<double>(count) / size;
      entropy -= p * std::log2(p);
    }
  return entropy;
}

namespace {

bool base64_byte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
}

// A header alone (in docs, in a parser's constants) is not a key: the next
// line must be base64, at least 40 characters of it and nothing else (the
// line may be inside a string literal, after a `\n` escape).
bool key_body_follows(std::string_view after) {
  after = after.substr(0, 400);
  size_t next = after.find('\n');
  size_t escaped = after.find("\\n");
  if (escaped != std::string_view::npos && (next == std::string_view::npos || escaped < next)) next = escaped + 1;
  if (next == std::string_view::npos) return false;
  std::string_view line = after.substr(next + 1);
  size_t start = line.find_first_not_of(" \t\"+");
  if (start == std::string_view::npos) return false;
  size_t body = 0;
  while (start + body < line.size() && base64_byte(line[start + body])) ++body;
  if (body < 40) return false;
  char end = start + body < line.size() ? line[start + body] : '\n';
  return end == '\n' || end == '\r' || end == '\\' || end == '"';
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

bool confirmed_secret(const SecretRule& rule, std::string_view value, std::string_view after) {
  if (rule.id.starts_with("private-key") && !key_body_follows(after)) return false;
  return rule.min_entropy <= 0 || shannon_entropy(value) >= rule.min_entropy;
}

bool looks_like_placeholder(std::string_view value) {
  std::string text = lower(value);
  static constexpr std::string_view kWords[] = {"example", "xxxx", "placeholder", "your_", "your-", "yourtoken",
                                                "changeme", "change_me", "dummy", "sample", "redacted", "<", ">",
                                                "${", "{{", "$(", "****", "....", "0123456789", "1234567890",
                                                "abcdefgh", "fake", "notreal", "not_real", "secret_here", "todo"};
  for (std::string_view word : kWords)
    if (text.find(word) != std::string::npos) return true;
  // Values the documentation of a standard or a provider uses as examples,
  // and passwords nobody uses for real.
  static constexpr std::string_view kDocumented[] = {
      "qwxhzgrpbjpvcgvuihnlc2ftzq",  // "Aladdin:open sesame", RFC 7617
      "dxnlcjpwyxnzd29yza",          // "user:password"
      "eyjzdwiioiixmjm0nty3odkwiiwibmftzsi6ikpvag4grg9liiwiawf0ijoxnte2mjm5mdiyfq",  // jwt.io's example payload
  };
  for (std::string_view documented : kDocumented)
    if (text.find(documented) != std::string::npos) return true;
  static constexpr std::string_view kDummyPasswords[] = {"password", "passwd", "pass", "secret", "admin", "root",
                                                         "test", "user", "guest", "letmein", "hunter2", "foobar",
                                                         "changeit", "toor", "pa55word", "p@ssw0rd"};
  for (std::string_view dummy : kDummyPasswords)
    if (text == dummy || text.starts_with(std::string(dummy) + "@") || text.ends_with(":" + std::string(dummy)))
      return true;
  if (text.find("password") != std::string::npos) return true;
  // A file name (`root-ca.key.pem`, `secrets.json`): where a secret is, not one.
  static constexpr std::string_view kFileExtensions[] = {".pem", ".key", ".crt", ".cer", ".der", ".p12", ".pfx",
                                                         ".json", ".txt", ".toml", ".yaml", ".yml", ".env", ".conf"};
  for (std::string_view extension : kFileExtensions)
    if (text.ends_with(extension)) return true;
  // Eight or more of one character in a row: `AAAAAAAA`, `00000000`.
  size_t run = 1;
  for (size_t i = 1; i < text.size(); ++i) {
    run = text[i] == text[i - 1] ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

std::string redact_in_line(std::string_view line, size_t offset, size_t length) {
  if (offset > line.size()) return std::string(line);
  length = std::min(length, line.size() - offset);
  std::string_view value = line.substr(offset, length);
  size_t shown = std::min<size_t>(4, value.size() / 4);
  std::string out(line.substr(0, offset));
  out += value.substr(0, shown);
  out += "****… (" + std::to_string(value.size()) + " chars)";
  out += line.substr(offset + length);
  // Leading indentation says nothing.
  size_t first = out.find_first_not_of(" \t");
  return first == std::string::npos ? out : out.substr(first);
}

bool is_public_ip_url(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view host = scheme == std::string_view::npos ? url.substr(url.starts_with('"') ? 1 : 0) : url.substr(scheme + 3);
  std::array<unsigned, 4> octets{};
  size_t i = 0;
  for (unsigned& octet : octets) {
    size_t digits = 0;
    while (i < host.size() && host[i] >= '0' && host[i] <= '9' && digits < 4) {
      octet = octet * 10 + static_cast<unsigned>(host[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || octet > 255) return false;
    if (&octet != &octets.back()) {
      if (i >= host.size() || host[i] != '.') return false;
      ++i;
    }
  }
  auto [a, b, c, d] = octets;
  (void)d;
  if (a == 0 || a == 10 || a == 127 || a >= 224) return false;
  if (a == 169 && b == 254) return false;
  if (a == 172 && b >= 16 && b <= 31) return false;
  if (a == 192 && b == 168) return false;
  if (a == 100 && b >= 64 && b <= 127) return false;  // carrier-grade NAT
  if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) return false;
  if (a == 198 && (b == 18 || b == 19)) return false;  // benchmarking
  if (a == 255 || (a == 1 && b == 1 && c == 1) || (a == 8 && b == 8)) return false;  // broadcast, public resolvers
  return true;
}

}  // namespace cratescope::scan
