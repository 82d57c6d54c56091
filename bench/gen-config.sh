#!/usr/bin/env bash
# Writes an OutSystems config with N environments (default 1000) to stdout: every environment
# registered on both clients, a proxy on each, and a few defects so the rules have work to do.
set -euo pipefail
n=${1:-1000}
web_redirects="" web_logouts="" tool_redirects="" envs=""
for ((i = 0; i < n; i++)); do
  host="env$i.bench.example.com"
  tokenpart="https://$host/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx"
  ((i % 97 == 5)) && tokenpart="http://$host/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx"
  ((i % 89 != 7)) && web_redirects+="      - $tokenpart"$'\n'
  web_logouts+="      - https://$host/ServiceCenter/CentralizedLogout_CallbackEndpoint.aspx"$'\n'
  role=environment
  ((i == 0)) && role=lifetime
  ((i > 0)) && tool_redirects+="      - https://$host/OSIntegrationManager/OIDC_Callback"$'\n'
  proxy="{ address: http://proxy.bench.example.com:3128, bypass: [\"*.bench.local\"] }"
  ((i % 250 == 3)) && proxy=none
  envs+="  - name: env$i
    url: https://$host
    role: $role
    versions: { platform_server: 11.18.1, lifetime: 11.16.1 }
    proxy: $proxy
"
done
cat <<EOF2
version: 1
platform: outsystems
provider:
  name: Okta
  kind: okta
  metadata_url: https://bench.okta.com/oauth2/default/.well-known/openid-configuration
  username_claim: preferred_username
  scopes: [openid, profile, email, offline_access]
  web_client:
    client_id: 0oabenchweb
    client_secret: \${env:BENCH_SECRET}
    secret_expires: 2030-01-01
    grant_types: [authorization_code, refresh_token]
    redirect_uris:
$web_redirects    logout_uris:
$web_logouts  desktop_client:
    client_id: 0oabenchtools
    grant_types: [authorization_code, refresh_token]
    redirect_uris:
      - servicestudio://auth
      - integrationstudio://auth
      - servicestudiox11://auth
      - https://experiencebuilder.outsystems.com/Authentication/OIDC_Callback
      - https://workflowbuilder.outsystems.com/Authentication/OIDC_Callback
      - https://integrationbuilder.outsystems.com/Authentication/OIDC_Callback
      - https://aimentorstudio.outsystems.com/Authentication/OIDC_Callback
$tool_redirects
environments:
$envs
tools: { service_studio: 11.53.13, integration_studio: 11.14.17, factory_configuration: 11.1.1 }
EOF2
