#include "scan/indicator_rules.hpp"

namespace cratescope::scan {

namespace {

using enum Indicator;
using enum Severity;

// Patterns are written for real malicious crates' habits (RustSec's
// `malicious` advisories) and tuned against Debian's crate corpus: each
// alone is a reason to look, not a verdict; verdict.cpp combines them.
constexpr IndicatorRule kRules[] = {
    // Where stolen data goes.
    {"telegram-bot-api", exfiltration_endpoint, R"((?i)api\.telegram\.org/bot)", medium, "sends data to a Telegram bot"},
    {"discord-webhook", exfiltration_endpoint, R"((?i)discord(?:app)?\.com/api/webhooks/)", medium,
     "posts to a Discord webhook"},
    {"paste-site", exfiltration_endpoint,
     R"((?i)\b(?:pastebin\.com|paste\.ee|hastebin\.com|ghostbin\.[a-z]+|termbin\.com|dpaste\.(?:com|org)|rentry\.co)\b)",
     medium, "talks to a paste site, a common drop for stolen data and second stages"},
    {"workers-dev-host", exfiltration_endpoint, R"((?i)\b[a-z0-9][a-z0-9-]*\.workers\.dev\b)", medium,
     "talks to a Cloudflare Workers host, used by recent malicious crates as a drop"},
    {"vercel-app-host", exfiltration_endpoint, R"((?i)\b[a-z0-9][a-z0-9-]*\.vercel\.app\b)", medium,
     "talks to a Vercel app host, used by recent malicious crates as a drop"},
    {"request-catcher", exfiltration_endpoint,
     R"((?i)\b(?:webhook\.site|requestbin\.[a-z]+|pipedream\.net|[a-z0-9-]+\.ngrok(?:-free)?\.(?:io|app)|interact\.sh|[a-z0-9]+\.oast\.(?:fun|me|pro|live|site|online)|burpcollaborator\.net|transfer\.sh|anonfiles\.com)\b)",
     medium, "talks to a request catcher or anonymous file drop"},
    {"raw-ip-url", exfiltration_endpoint, R"((?i)\b(?:https?|ftp|wss?)://(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b)", low,
     "a URL with a public IP address instead of a host name"},
    {"raw-ip-endpoint", exfiltration_endpoint, R"("(?:[0-9]{1,3}\.){3}[0-9]{1,3}:[0-9]{2,5}")", low,
     "connects to a public IP address and port written into the code"},

    // What is worth stealing.
    {"ssh-key-path", secret_file, R"((?i)\.ssh[/\\]+(?:id_[a-z0-9]+|identity)\b)", medium,
     "names an SSH private key file"},
    {"cargo-credentials-path", secret_file, R"((?i)\.cargo[/\\]+credentials)", high,
     "names Cargo's registry credentials file"},
    {"cloud-credentials-path", secret_file,
     R"((?i)(?:\.aws[/\\]+credentials|\.config[/\\]+gcloud[/\\]|\.azure[/\\]+accesstokens|\.kube[/\\]+config|\.docker[/\\]+config\.json))",
     medium, "names a cloud or cluster credentials file"},
    {"dotenv-file", secret_file, R"("(?:\./)?\.env")", low, "names a .env file, where projects keep their secrets"},
    {"token-file-path", secret_file, R"((?i)(?:\.git-credentials|[/\\~"]\.npmrc\b|[/\\~"]\.pypirc\b|[/\\~"]\.netrc\b))",
     medium, "names a file that holds registry or git tokens"},
    {"wallet-path", secret_file,
     R"((?i)(?:wallet\.dat|\.electrum[/\\]|exodus\.wallet|solana[/\\]+id\.json|keystore[/\\]+utc--|nkbihfbeogaeaoehlefnkodbefgpgknn))",
     high, "names a cryptocurrency wallet file"},
    {"browser-data-path", secret_file,
     R"((?i)(?:Login Data|User Data[/\\]+Default|\.mozilla[/\\]+firefox|logins\.json|key4\.db|cookies\.sqlite))", medium,
     "names browser profile data (saved passwords, cookies)"},
    {"system-secret-path", secret_file, R"((?i)/etc/(?:shadow|sudoers)\b)", low, "names a system secrets file"},
    {"secret-variable", secret_variable,
     R"(\b(?:GITHUB_TOKEN|GH_TOKEN|CARGO_REGISTRY_TOKEN|CARGO_REGISTRIES_[A-Z0-9_]+_TOKEN|NPM_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITLAB_TOKEN|CI_JOB_TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|CIRCLE_TOKEN|DOCKER_PASSWORD|OPENAI_API_KEY|ANTHROPIC_API_KEY)\b)",
     low, "names an environment variable that holds a CI or registry token"},

    // Staying on the machine.
    {"authorized-keys", persistence, R"((?i)\bauthorized_keys2?\b)", low,
     "names SSH's authorized_keys: writing it lets someone log in"},
    {"shell-profile", persistence, R"((?i)[/\\~"]\.(?:bashrc|bash_profile|zshrc|zprofile|zshenv|profile)\b)", low,
     "names a shell start-up file: writing it runs code at every login"},
    {"autostart", persistence,
     R"((?i)(?:\bcrontab\b|/etc/cron\.|\.config[/\\]+autostart|LaunchAgents|CurrentVersion\\+Run\b|systemd[/\\]+user[/\\]))",
     low, "names an autostart location"},

    // Turning off checks.
    {"tls-accept-invalid", tls_disabled, R"((?i)danger_accept_invalid_(?:certs|hostnames)\s*\(\s*true)", medium,
     "turns off TLS certificate or host name verification"},
    {"tls-verify-none", tls_disabled,
     R"((?:SslVerifyMode::NONE|NoCertificateVerification|AcceptAnyCert(?:ificate)?Verifier|InsecureSkipVerify|(?i:ssl_verify_peer|verify_peer|verify_host)\s*\(\s*false))",
     low, "turns off TLS verification (libraries that offer it as an option say so too)"},

    // Fetching and running code.
    {"pipe-to-shell", download_exec, R"((?i)\b(?:curl|wget)\b[^\n"]{0,200}\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b)", high,
     "downloads a script and runs it"},
    {"powershell-download", download_exec,
     R"((?i)\b(?:Invoke-WebRequest|Invoke-Expression|DownloadString|DownloadFile|bitsadmin\s+/transfer|certutil\s+-urlcache)\b)",
     high, "PowerShell or Windows tools downloading or running code"},
    {"shell-command-string", download_exec,
     R"re(Command::new\(\s*"(?:sh|bash|zsh|/bin/sh|/bin/bash|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)"\s*\))re", low,
     "starts a shell, which runs whatever command string it is given"},
    {"load-library", download_exec, R"((?:libloading::Library::new|\bdlopen\s*\(|LoadLibrary[AW]?\s*\())", low,
     "loads a shared library at run time: code that can come from anywhere"},
    // Resolved by the scanner: only an embedded *executable* is a finding.
    {"include-bytes", encoded_payload, R"re(include_bytes!\s*\(\s*"([^"\n]{1,300})")re", low,
     "embeds an executable into the compiled crate, out of sight of a source review"},
    {"make-executable", download_exec, R"((?i)(?:chmod\s+(?:\+x|[0-7]?7[0-7]{2})\b|set_mode\(\s*0o7[0-7]{2}\s*\)))", low,
     "makes a file executable"},

    // Hiding code or data.
    {"long-base64-literal", encoded_payload, R"("[A-Za-z0-9+/]{400,}={0,2}")", low,
     "a long base64 string literal: data or code kept out of sight"},
    {"long-hex-literal", encoded_payload, R"("(?:\\x)?(?:[0-9a-fA-F]{2}(?:\\x)?){300,}")", low,
     "a long hexadecimal string literal: data or code kept out of sight"},
    {"string-from-char-codes", obfuscation,
     R"((?:from_utf8(?:_lossy)?\s*\(\s*(?:&\s*)?(?:vec!\s*)?\[\s*(?:[0-9]{2,3}(?:u8)?\s*,\s*){8,}|(?:char::from(?:_u32)?\(\s*[0-9]{2,3}\s*\)[^;\n]{0,24}){6,}))",
     medium, "builds a string from character codes, a way to hide URLs and commands"},
    {"xor-decode-loop", obfuscation,
     R"((?i)\^\s*(?:xor_?)?key\s*\[\s*[a-z_]+\s*%\s*(?:xor_?)?key\.len\(\)\s*\])", low,
     "XOR-decodes data with a repeating key"},
};

}  // namespace

std::span<const IndicatorRule> indicator_rules() { return kRules; }

std::string_view to_string(Indicator indicator) {
  switch (indicator) {
    case exfiltration_endpoint: return "exfiltration-endpoint";
    case secret_file: return "secret-file";
    case secret_variable: return "secret-variable";
    case persistence: return "persistence";
    case tls_disabled: return "tls-disabled";
    case download_exec: return "download-exec";
    case encoded_payload: return "encoded-payload";
    case obfuscation: return "obfuscation";
  }
  return "?";
}

}  // namespace cratescope::scan
