#include "scan/secret_rules.hpp"

#include <array>

// Rule ids follow gitleaks' default config where a rule of that meaning exists, so findings can be
// cross-referenced; the patterns are our own. Every pattern must stay on one line of input (RE2
// re-reads only the candidate's line), hence `[ \t]` rather than `\s` between tokens.
//
// Prefixed tokens end in `\b`, or in `(?:[^\w-]|$)` when `-` may end them, so a longer string that
// merely starts like a token is not cut down to size and reported. RE2 re-reads the line with the
// whole file as context, where a bare `$` means end of file and `^` its start: every pattern using
// them starts with `(?m)`, making them the line's end and start. Entropy floors are in bits per
// character over the whole secret, prefix included: ~3.0 rejects `ghp_xxxx...` style placeholders
// while random hex (~3.8 bits) still passes.

namespace cratescope::scan {
namespace {

using enum Severity;

// Adjacent-literal fragments for provider rules keyed on a variable name (`DATADOG_API_KEY = "..."`):
// the rest of the identifier, a closing quote, an optional Rust/TypeScript type annotation, an
// assignment in any common syntax (`=`, `:`, `:=`, `=>`, `?=`, or the `,` of `set("key", "value")`),
// and an optional opening quote.
#define CS_ASSIGN                                                                       \
  R"re([\w.-]{0,20}["']?(?:[ \t]{0,3}:[ \t]{0,3}&?(?:'static[ \t]+)?[\w:<>]{1,40})?)re" \
  R"re([ \t]{0,3}(?:=|:=|:|=>|\?=|,)[ \t]{0,3}["'\x60]?)re"
// Generic rules insist on a quoted value (Rust raw strings included): unquoted right-hand sides in
// code are mostly expressions like `self.config.token`, which no entropy floor reliably rejects. No
// `,` either: in generic rules it mostly pairs neighbours of a list (`'token_hex', 'token_urlsafe'`).
#define CS_ASSIGN_QUOTED                                                                \
  R"re([\w.-]{0,20}["']?(?:[ \t]{0,3}:[ \t]{0,3}&?(?:'static[ \t]+)?[\w:<>]{1,40})?)re" \
  R"re([ \t]{0,3}(?:=|:=|:|=>|\?=)[ \t]{0,3}(?:r#?)?["'\x60])re"
// Password of a `scheme://user:password@host` URL; `${VAR}` and `<placeholder>` cannot match.
#define CS_URL_PASSWORD R"re(://[^ \t\r\n:@/"'<>]{0,64}:([^ \t\r\n:@/"'<>${}\\]{3,128})@[^ \t\r\n/"'<>])re"
#define CS_UUID "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

constexpr std::array kRules = std::to_array<SecretRule>({
    // --- Cloud providers -------------------------------------------------------------------------
    {"aws-access-token", "AWS access key id",
     R"re(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)re", critical, 3.0},
    {"aws-secret-access-key", "AWS secret access key",
     R"re((?im)aws[\w.-]{0,20}secret)re" CS_ASSIGN R"re(([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))re", critical,
     3.5},
    {"aws-session-token", "AWS temporary session token",
     R"re((?i)aws[\w.-]{0,20}session[\w.-]{0,10}token)re" CS_ASSIGN R"re(([A-Za-z0-9/+=]{100,}))re", high, 3.5},
    {"amazon-mws-auth-token", "Amazon Marketplace Web Service auth token",
     R"re(\b(amzn\.mws\.)re" CS_UUID R"re()\b)re", high, 3.0},
    {"gcp-api-key", "Google Cloud / Firebase API key",
     R"re((?m)\b(AIza[A-Za-z0-9_-]{35})(?:[^\w-]|$))re", high, 3.0},
    {"gcp-service-account-key", "Google Cloud service-account key file (private_key_id of its JSON)",
     R"re("private_key_id"[ \t]*:[ \t]*"([0-9a-f]{40})")re", critical, 3.0},
    {"gcp-oauth-client-secret", "Google OAuth client secret",
     R"re((?m)\b(GOCSPX-[A-Za-z0-9_-]{28})(?:[^\w-]|$))re", high, 3.0},
    {"google-oauth-access-token", "Google OAuth access token",
     R"re(\b(ya29\.[A-Za-z0-9_-]{30,}))re", high, 3.0},
    {"azure-ad-client-secret", "Azure AD (Entra ID) application client secret",
     R"re((?m)(?:^|[^\w~.-])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:[^\w~.-]|$))re", critical, 3.0},
    {"azure-storage-account-key", "Azure storage account key in a connection string",
     R"re((?i)AccountKey=([A-Za-z0-9+/]{86}==))re", critical, 3.5},
    {"azure-sas-token", "Azure shared access signature",
     R"re([?&]sv=20[0-9]{2}-[0-9]{2}-[0-9]{2}&[^ \t\r\n"'<>]{0,200}sig=([A-Za-z0-9%+/]{40,120}))re", high, 3.5},
    {"azure-devops-pat", "Azure DevOps personal access token",
     R"re((?i)(?:azure[_.-]?devops|azdo|ado)[\w.-]{0,20}(?:pat|token))re" CS_ASSIGN
     R"re(([a-z2-7]{52}|[a-z0-9]{76}AZDO[a-z0-9]{4})\b)re",
     high, 3.5},
    {"alibaba-access-key-id", "Alibaba Cloud AccessKey id",
     R"re(\b(LTAI[A-Za-z0-9]{20})\b)re", critical, 3.0},
    {"digitalocean-pat", "DigitalOcean personal access token",
     R"re(\b(dop_v1_[a-f0-9]{64})\b)re", critical, 3.0},
    {"digitalocean-access-token", "DigitalOcean OAuth access token",
     R"re(\b(doo_v1_[a-f0-9]{64})\b)re", critical, 3.0},
    {"digitalocean-refresh-token", "DigitalOcean OAuth refresh token",
     R"re(\b(dor_v1_[a-f0-9]{64})\b)re", high, 3.0},
    {"heroku-api-key", "Heroku API key (legacy UUID form)",
     R"re((?i)heroku[\w.-]{0,20})re" CS_ASSIGN R"re(()re" CS_UUID R"re()\b)re", high, 3.0},
    {"heroku-api-key-v2", "Heroku API key",
     R"re((?m)\b(HRKU-AA[A-Za-z0-9_-]{58})(?:[^\w-]|$))re", high, 3.5},
    {"cloudflare-api-key", "Cloudflare API token",
     R"re((?im)cloudflare[\w.-]{0,20})re" CS_ASSIGN R"re(([A-Za-z0-9_-]{40})(?:[^\w-]|$))re", high, 3.5},
    {"flyio-access-token", "Fly.io API token",
     R"re(\b((?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})))re", high, 3.5},
    {"openshift-user-token", "OpenShift user token",
     R"re((?m)\b(sha256~[A-Za-z0-9_-]{43})(?:[^\w-]|$))re", high, 3.5},
    {"databricks-api-token", "Databricks personal access token",
     R"re(\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b)re", high, 3.0},
    {"hashicorp-tf-api-token", "Terraform Cloud / Enterprise API token",
     R"re((?m)\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?:[^\w=-]|$))re", critical, 3.5},
    {"vault-service-token", "HashiCorp Vault service token",
     R"re(\b(hvs\.[A-Za-z0-9_-]{24,}))re", critical, 3.5},
    {"vault-batch-token", "HashiCorp Vault batch token",
     R"re(\b(hvb\.[A-Za-z0-9_-]{100,}))re", critical, 3.5},
    {"pulumi-api-token", "Pulumi access token",
     R"re(\b(pul-[a-f0-9]{40})\b)re", high, 3.0},
    {"doppler-api-token", "Doppler token (personal, service, CLI, service account, SCIM or audit)",
     R"re(\b(dp\.(?:pt|ct|sa|scim|audit|st(?:\.[a-z0-9_-]{1,30})?)\.[A-Za-z0-9]{40,44})\b)re", high, 3.0},
    {"supabase-access-token", "Supabase management API access token",
     R"re(\b(sbp_[a-f0-9]{40})\b)re", high, 3.0},
    {"planetscale-api-token", "PlanetScale service token",
     R"re((?m)\b(pscale_tkn_[A-Za-z0-9_=.-]{32,64})(?:[^\w=.-]|$))re", high, 3.0},
    {"planetscale-password", "PlanetScale database password",
     R"re((?m)\b(pscale_pw_[A-Za-z0-9_=.-]{32,64})(?:[^\w=.-]|$))re", critical, 3.0},

    // --- Source hosting ---------------------------------------------------------------------------
    {"github-pat", "GitHub personal access token (classic)",
     R"re(\b(ghp_[A-Za-z0-9]{36})\b)re", high, 3.0},
    {"github-fine-grained-pat", "GitHub fine-grained personal access token",
     R"re(\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b)re", high, 3.0},
    {"github-oauth", "GitHub OAuth access token",
     R"re(\b(gho_[A-Za-z0-9]{36})\b)re", high, 3.0},
    {"github-app-token", "GitHub App user-to-server or installation token",
     R"re(\b((?:ghu|ghs)_[A-Za-z0-9]{36})\b)re", high, 3.0},
    {"github-refresh-token", "GitHub refresh token",
     R"re(\b(ghr_[A-Za-z0-9]{36,76})\b)re", high, 3.0},
    {"gitlab-pat", "GitLab personal access token",
     R"re((?m)\b(glpat-[A-Za-z0-9_-]{20})(?:[^\w-]|$))re", high, 3.0},
    {"gitlab-pat-routable", "GitLab personal access token (routable)",
     R"re(\b(glpat-[A-Za-z0-9_-]{27,200}\.[0-9a-z]{2}[0-9a-z]{7})\b)re", high, 3.5},
    {"gitlab-deploy-token", "GitLab deploy token",
     R"re((?m)\b(gldt-[A-Za-z0-9_-]{20})(?:[^\w-]|$))re", high, 3.0},
    {"gitlab-runner-authentication-token", "GitLab runner authentication token",
     R"re((?m)\b(glrt-[A-Za-z0-9_-]{20})(?:[^\w-]|$))re", high, 3.0},
    {"gitlab-runner-authentication-token-routable", "GitLab runner authentication token (routable)",
     R"re(\b(glrt-t[0-9]_[A-Za-z0-9_-]{27,200}\.[0-9a-z]{2}[0-9a-z]{7})\b)re", high, 3.5},
    {"gitlab-ptt", "GitLab pipeline trigger token",
     R"re(\b(glptt-[0-9a-f]{40})\b)re", high, 3.0},
    {"gitlab-rrt", "GitLab runner registration token (legacy)",
     R"re((?m)\b(GR1348941[A-Za-z0-9_-]{20})(?:[^\w-]|$))re", high, 3.0},
    {"gitlab-cicd-job-token", "GitLab CI/CD job token",
     R"re((?m)\b(glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20})(?:[^\w-]|$))re", high, 3.0},
    {"gitlab-oauth-app-secret", "GitLab OAuth application secret",
     R"re((?m)\b(gloas-[A-Za-z0-9_-]{64})(?:[^\w-]|$))re", high, 3.0},
    {"gitlab-kubernetes-agent-token", "GitLab agent for Kubernetes token",
     R"re((?m)\b(glagent-[A-Za-z0-9_-]{50})(?:[^\w-]|$))re", high, 3.0},
    {"bitbucket-app-password", "Bitbucket app password",
     R"re(\b(ATBB[A-Za-z0-9]{32})\b)re", high, 3.0},
    {"bitbucket-client-secret", "Bitbucket OAuth consumer secret",
     R"re((?im)bitbucket[\w.-]{0,20})re" CS_ASSIGN R"re(([A-Za-z0-9=_-]{64})(?:[^\w=-]|$))re", high, 3.5},
    {"atlassian-api-token", "Atlassian (Jira, Confluence) API token",
     R"re((?m)\b(ATATT3[A-Za-z0-9_=-]{180,200})(?:[^\w=-]|$))re", high, 3.5},
    {"atlassian-legacy-api-token", "Atlassian API token (legacy 24-character form)",
     R"re((?i)(?:atlassian|confluence|jira)[\w.-]{0,20})re" CS_ASSIGN R"re(([a-z0-9]{24})\b)re", high, 3.5},

    // --- Package registries: a leaked publish token lets anyone ship a release to every dependent ----
    {"crates-io-api-token", "crates.io API token",
     R"re(\b(cio[A-Za-z0-9]{32})\b)re", critical, 3.0},
    {"npm-access-token", "npm access token",
     R"re(\b(npm_[A-Za-z0-9]{36})\b)re", critical, 3.0},
    {"npmrc-auth-token", "Registry auth token in an .npmrc",
     R"re(:_authToken=["']?([A-Za-z0-9_.+/=-]{20,200}))re", critical, 3.5},
    {"pypi-upload-token", "PyPI upload token",
     R"re(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}))re", critical, 3.0},
    {"rubygems-api-token", "RubyGems API key",
     R"re(\b(rubygems_[a-f0-9]{48})\b)re", critical, 3.0},
    {"nuget-api-key", "NuGet API key",
     R"re(\b(oy2[a-z0-9]{43})\b)re", critical, 3.0},
    {"clojars-api-token", "Clojars deploy token",
     R"re(\b(CLOJARS_[a-z0-9]{60})\b)re", critical, 3.0},
    {"dockerhub-pat", "Docker Hub personal or organization access token",
     R"re((?m)\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27})(?:[^\w-]|$))re", critical, 3.0},
    {"artifactory-api-key", "JFrog Artifactory API key",
     R"re(\b(AKCp[A-Za-z0-9]{69})\b)re", high, 3.5},

    // --- Messaging and collaboration --------------------------------------------------------------
    {"slack-bot-token", "Slack bot token",
     R"re(\b(xoxb-[0-9]{8,14}-[A-Za-z0-9-]{18,100}))re", high, 3.0},
    {"slack-user-token", "Slack user token",
     R"re(\b(xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,34})\b)re", high, 3.0},
    {"slack-legacy-workspace-token", "Slack workspace access or refresh token (xoxa, xoxr)",
     R"re(\b(xox[ar]-(?:[0-9]-)?[A-Za-z0-9-]{8,150}))re", high, 3.0},
    {"slack-config-access-token", "Slack app configuration access token",
     R"re((?i)\b(xoxe\.xox[bp]-[0-9]-[A-Z0-9]{163,166})\b)re", high, 3.0},
    {"slack-config-refresh-token", "Slack app configuration refresh token",
     R"re((?i)\b(xoxe-[0-9]-[A-Z0-9]{146})\b)re", high, 3.0},
    {"slack-app-token", "Slack app-level token",
     R"re((?i)\b(xapp-[0-9]-[A-Z0-9]+-[0-9]+-[A-Z0-9]+))re", high, 3.0},
    {"slack-webhook-url", "Slack incoming webhook URL",
     R"re(https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{40,120})re", high},
    {"discord-bot-token", "Discord bot token",
     R"re((?m)\b([MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?:[^\w.-]|$))re", high, 3.5},
    {"discord-webhook-url", "Discord webhook URL",
     R"re(https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,80})re",
     high},
    {"discord-client-secret", "Discord OAuth client secret",
     R"re((?im)discord[\w.-]{0,20}secret)re" CS_ASSIGN R"re(([A-Za-z0-9_-]{32})(?:[^\w-]|$))re", high, 3.5},
    {"telegram-bot-api-token", "Telegram bot token",
     R"re((?m)\b([0-9]{5,16}:A[A-Za-z0-9_-]{34})(?:[^\w-]|$))re", high, 3.5},
    {"microsoft-teams-webhook", "Microsoft Teams incoming webhook URL",
     R"re(https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36})re"
     R"re(/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36})re",
     high},
    {"linear-api-key", "Linear API key",
     R"re(\b(lin_api_[A-Za-z0-9]{40})\b)re", high, 3.0},
    {"notion-api-token", "Notion integration token",
     R"re(\b((?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}))\b)re", high, 3.5},

    // --- Payments and commerce --------------------------------------------------------------------
    {"stripe-access-token", "Stripe live secret or restricted key",
     R"re(\b((?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{20,})\b)re", critical, 3.0},
    {"stripe-test-secret-key", "Stripe test-mode secret or restricted key",
     R"re(\b((?:sk|rk)_test_[A-Za-z0-9]{20,})\b)re", medium, 3.0},
    {"stripe-webhook-secret", "Stripe webhook signing secret",
     R"re(\b(whsec_[A-Za-z0-9]{32,})\b)re", high, 3.0},
    {"square-access-token", "Square access token",
     R"re((?m)\b((?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60})(?:[^\w-]|$))re", high, 3.0},
    {"square-secret", "Square OAuth application secret",
     R"re((?m)\b(sq0csp-[A-Za-z0-9_-]{43})(?:[^\w-]|$))re", high, 3.0},
    {"braintree-access-token", "Braintree (PayPal) production access token",
     R"re(\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b)re", critical, 3.0},
    {"shopify-access-token", "Shopify admin API access token",
     R"re(\b(shpat_[a-fA-F0-9]{32})\b)re", high, 3.0},
    {"shopify-custom-access-token", "Shopify custom app access token",
     R"re(\b(shpca_[a-fA-F0-9]{32})\b)re", high, 3.0},
    {"shopify-private-app-access-token", "Shopify private app access token",
     R"re(\b(shppa_[a-fA-F0-9]{32})\b)re", high, 3.0},
    {"shopify-shared-secret", "Shopify app shared secret",
     R"re(\b(shpss_[a-fA-F0-9]{32})\b)re", high, 3.0},

    // --- Email and SMS ----------------------------------------------------------------------------
    {"twilio-api-key", "Twilio API key",
     R"re(\b(SK[0-9a-fA-F]{32})\b)re", high, 3.0},
    {"twilio-auth-token", "Twilio account auth token",
     R"re((?i)twilio[\w.-]{0,20}(?:auth|token|secret))re" CS_ASSIGN R"re(([0-9a-f]{32})\b)re", high, 3.0},
    {"sendgrid-api-token", "SendGrid API key",
     R"re((?m)\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^\w-]|$))re", high, 3.0},
    {"mailgun-private-api-token", "Mailgun private API key",
     R"re(\b(key-[0-9a-f]{32})\b)re", high, 3.0},
    {"mailchimp-api-key", "Mailchimp API key",
     R"re(\b([0-9a-f]{32}-us[0-9]{1,2})\b)re", high, 3.0},

    // --- AI services ------------------------------------------------------------------------------
    {"openai-api-key", "OpenAI API key",
     R"re((?m)\b(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,74}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,74}))re"
     R"re((?:[^\w-]|$))re",
     high, 3.5},
    {"anthropic-api-key", "Anthropic API key",
     R"re((?m)\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?:[^\w-]|$))re", high, 3.5},
    {"anthropic-admin-api-key", "Anthropic admin API key",
     R"re((?m)\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?:[^\w-]|$))re", critical, 3.5},
    {"huggingface-access-token", "Hugging Face access token",
     R"re(\b(hf_[A-Za-z]{34})\b)re", high, 3.0},
    {"huggingface-organization-api-token", "Hugging Face organization API token",
     R"re(\b(api_org_[A-Za-z]{34})\b)re", high, 3.0},
    {"perplexity-api-key", "Perplexity API key",
     R"re(\b(pplx-[A-Za-z0-9]{48})\b)re", high, 3.5},
    {"groq-api-key", "Groq API key",
     R"re(\b(gsk_[A-Za-z0-9]{52})\b)re", high, 3.5},
    {"replicate-api-token", "Replicate API token",
     R"re(\b(r8_[A-Za-z0-9]{37})\b)re", high, 3.5},
    {"xai-api-key", "xAI API key",
     R"re(\b(xai-[A-Za-z0-9]{80})\b)re", high, 3.5},

    // --- Observability, identity, developer tooling ------------------------------------------------
    {"okta-access-token", "Okta API token",
     R"re((?im)okta[\w.-]{0,20})re" CS_ASSIGN R"re((00[A-Za-z0-9_=-]{40})(?:[^\w=-]|$))re", high, 3.5},
    {"new-relic-user-api-key", "New Relic user API key",
     R"re(\b(NRAK-[A-Z0-9]{27})\b)re", high, 3.0},
    {"new-relic-insert-key", "New Relic insights insert key",
     R"re((?m)\b(NRII-[A-Za-z0-9_-]{32})(?:[^\w-]|$))re", high, 3.0},
    {"new-relic-license-key", "New Relic ingest license key",
     R"re(\b([A-Za-z0-9]{36}NRAL)\b)re", high, 3.0},
    {"datadog-api-key", "Datadog API key",
     R"re((?i)(?:datadog|dd)[_.-]?api[_.-]?key)re" CS_ASSIGN R"re(([a-f0-9]{32})\b)re", high, 3.0},
    {"datadog-access-token", "Datadog application key",
     R"re((?i)(?:datadog|dd)[_.-]?app(?:lication)?[_.-]?key)re" CS_ASSIGN R"re(([a-f0-9]{40})\b)re", high, 3.0},
    {"sentry-user-token", "Sentry user auth token",
     R"re(\b(sntryu_[a-f0-9]{64})\b)re", high, 3.5},
    {"sentry-org-token", "Sentry organization auth token",
     R"re(\b(sntrys_eyJ[A-Za-z0-9+/=]{40,}_[A-Za-z0-9+/]{43}))re", high, 3.5},
    {"grafana-cloud-api-token", "Grafana Cloud access policy token",
     R"re(\b(glc_[A-Za-z0-9+/]{32,}={0,2}))re", high, 3.0},
    {"grafana-service-account-token", "Grafana service account token",
     R"re(\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b)re", high, 3.0},
    {"grafana-api-key", "Grafana API key (legacy)",
     R"re(\b(eyJrIjoi[A-Za-z0-9]{70,}={0,3}))re", high, 3.0},
    {"postman-api-token", "Postman API key",
     R"re(\b(PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34})\b)re", high, 3.0},
    {"snyk-api-token", "Snyk API token",
     R"re((?i)snyk[_.-]?(?:(?:api|oauth)[_.-]?)?(?:key|token))re" CS_ASSIGN R"re(()re" CS_UUID R"re()\b)re", high,
     3.0},
    {"sonar-api-token", "SonarQube / SonarCloud token",
     R"re(\b((?:squ|sqp|sqa)_[a-f0-9]{40})\b)re", high, 3.0},
    {"1password-service-account-token", "1Password service account token",
     R"re(\b(ops_eyJ[A-Za-z0-9+/]{250,}={0,3}))re", critical, 3.5},
    {"1password-secret-key", "1Password account secret key",
     R"re(\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b)re",
     critical, 3.0},

    // --- Keys and key-like blobs ------------------------------------------------------------------
    {"private-key", "PEM private key (RSA, EC, DSA, OpenSSH, PGP, encrypted PKCS#8 or plain PKCS#8)",
     R"re(-----BEGIN[ A-Z0-9]{0,30} PRIVATE KEY(?: BLOCK)?-----)re", critical},
    // Kubernetes secrets, kubeconfigs and CI variables carry PEM keys base64-encoded; "PRIVATE KEY"
    // encodes to one of three strings depending on its offset modulo 3.
    {"base64-private-key", "Base64-encoded PEM private key",
     R"re(\b(LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,40}(?:UFJJVkFURSBLRV|BSSVZBVEUgS0VZ|QUklWQVRFIEtFW)[A-Za-z0-9+/=]{20,}))re",
     critical},
    {"putty-private-key", "PuTTY private key file",
     R"re(PuTTY-User-Key-File-[23]: (?:ssh-rsa|ssh-dss|ssh-ed25519|ssh-ed448|ecdsa-sha2-[a-z0-9]+))re", critical},
    {"age-secret-key", "age encryption secret key",
     R"re(\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b)re", critical, 3.0},
    {"jwt", "JSON Web Token",
     R"re(\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}))re", medium, 3.0},

    // --- Connection strings with an inline password ------------------------------------------------
    // A password of 8 or fewer characters from a local dev URL (`postgres:postgres@localhost`) stays
    // under 3 bits per character; real passwords rarely do.
    {"postgres-connection-string", "PostgreSQL URL with an inline password",
     R"re((?i)\bpostgres(?:ql)?(?:\+[a-z0-9]+)?)re" CS_URL_PASSWORD, medium, 3.0},
    {"mysql-connection-string", "MySQL / MariaDB URL with an inline password",
     R"re((?i)\b(?:mysql|mariadb)(?:\+[a-z0-9]+)?)re" CS_URL_PASSWORD, medium, 3.0},
    {"mongodb-connection-string", "MongoDB URL with an inline password",
     R"re((?i)\bmongodb(?:\+srv)?)re" CS_URL_PASSWORD, medium, 3.0},
    {"redis-connection-string", "Redis URL with an inline password",
     R"re((?i)\bredis(?:s|\+sentinel)?)re" CS_URL_PASSWORD, medium, 3.0},
    {"amqp-connection-string", "AMQP (RabbitMQ) URL with an inline password",
     R"re((?i)\bamqps?)re" CS_URL_PASSWORD, medium, 3.0},
    {"url-embedded-credentials", "HTTP, FTP, SMTP or LDAP URL with an inline password",
     R"re((?i)\b(?:https?|s?ftps?|smtps?|ldaps?))re" CS_URL_PASSWORD, medium, 3.0},

    // --- Generic assignments: last resort, so the entropy floor does the real work ------------------
    // The value must hold a digit: identifiers (`imagePullSecrets`, `DistributionList.NextMarker`) clear
    // 3.5 bits easily, while a random 32-character key lacks a digit under 0.4% of the time. A string of
    // 13+ characters with a digit has 6+ characters on one side of it; the entropy floor needs 12+.
    {"generic-api-key", "Secret-looking value assigned to a key, secret, token or credential",
     R"re((?i)(?:api[_.-]?(?:key|secret|token)|apikey|secret|token|auth(?:[_.-]?(?:key|token))?|credentials?)re"
     R"re(|access[_.-]?key|private[_.-]?key))re" CS_ASSIGN_QUOTED
     R"re(((?:[A-Za-z0-9+/=_.~-]{6,100}[0-9][A-Za-z0-9+/=_.~-]{0,100})re"
     R"re(|[A-Za-z0-9+/=_.~-]{0,100}[0-9][A-Za-z0-9+/=_.~-]{6,100}))["'\x60])re",
     medium, 3.5},
    // Same idea for passwords, with a symbol as good as a digit; `.`, `-`, `_` and `:` do not count, as
    // host names and identifiers are full of them.
    {"generic-password", "Password assigned in code or configuration",
     R"re((?i)(?:passw(?:or)?d|passphrase|\bpwd))re" CS_ASSIGN_QUOTED
     R"re(((?:[^ \t\r\n"'\x60${}<>]{4,100}[0-9!@#%^&*+=?~][^ \t\r\n"'\x60${}<>]{0,100})re"
     R"re(|[^ \t\r\n"'\x60${}<>]{0,100}[0-9!@#%^&*+=?~][^ \t\r\n"'\x60${}<>]{4,100}))["'\x60])re",
     medium, 3.0},
    // dotenv and shell style: `UPPER_SNAKE_TOKEN=value`, unquoted (quoted values are generic-api-key's).
    {"generic-env-assignment", "Secret-looking value of an environment variable named like a secret",
     R"re((?m)\b[A-Z0-9_]{0,40}(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIALS?|AUTH)[A-Z0-9_]{0,20}=)re"
     R"re(([A-Za-z0-9+/=_.~!@#%^&*-]{12,200})(?:[ \t\r\n]|$))re",
     medium, 3.5},
    {"authorization-bearer-token", "Bearer token in an Authorization header",
     R"re((?i)\bbearer[ \t]+([A-Za-z0-9_~.+/-]{20,200}=*))re", medium, 3.5},
    {"authorization-basic-credentials", "Basic credentials in an Authorization header",
     R"re((?i)\bauthorization["']?[ \t]*[:=,][ \t]*["']?basic[ \t]+([A-Za-z0-9+/]{12,200}={0,2}))re", medium, 3.0},
});

#undef CS_ASSIGN
#undef CS_ASSIGN_QUOTED
#undef CS_URL_PASSWORD
#undef CS_UUID

}  // namespace

std::span<const SecretRule> secret_rules() { return kRules; }

}  // namespace cratescope::scan
