#pragma once
// The one table of text indicators of malicious behaviour: endpoints that
// malware sends stolen data to, files and variables it steals, TLS checks it
// turns off, ways it downloads and runs code or hides it. They are matched
// (case-insensitively) in every text file of a crate, in one pass with the
// secret rules' engine; the verdict weighs them with the crate's
// capabilities and whether the file runs at build time.
#include <span>
#include <string_view>

#include "scan/secret_rules.hpp"

namespace cratescope::scan {

enum class Indicator {
  exfiltration_endpoint,  // Telegram bot API, Discord webhooks, pastebins, *.workers.dev, raw IP URLs
  secret_file,            // ~/.ssh, ~/.cargo/credentials, .env, wallets, browser profiles
  secret_variable,        // GITHUB_TOKEN, CARGO_REGISTRY_TOKEN, AWS_SECRET_ACCESS_KEY, ...
  persistence,            // writes authorized_keys, shell profiles, cron, autostart
  tls_disabled,           // certificate or hostname checks turned off
  download_exec,          // `curl | sh`, a shell started with a command string, a library loaded from a path
  encoded_payload,        // long base64 or hex literals decoded at run time
  obfuscation,            // strings built from character codes, XOR decoding
};

struct IndicatorRule {
  std::string_view id;       // "telegram-bot-api"
  Indicator indicator;
  std::string_view pattern;  // RE2/Hyperscan syntax, matched case-insensitively
  Severity severity;
  std::string_view why;      // "sends data to a Telegram bot"
};

std::span<const IndicatorRule> indicator_rules();
std::string_view to_string(Indicator indicator);

}  // namespace cratescope::scan
