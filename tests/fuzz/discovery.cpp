// A discovery document as the IdP serves it: preflight's probes run against a replay whose
// discovery answer is the input (raw bytes, so binary, gzip and Latin-1 bodies reach the
// probes as they would from the network), then the probe rules and every format.
#include "config/loader.h"
#include "fuzz.h"
#include "net/recording.h"
#include "probes/preflight.h"
#include "rules/engine.h"

namespace {
const char* kConfig = R"(version: 1
platform: generic
app: { redirect_path: /oidc/callback }
provider:
  name: fuzzed IdP
  kind: generic
  metadata_url: http://127.0.0.1:35589/.well-known/openid-configuration
  scopes: [openid, offline_access]
  web_client:
    client_id: web-basic
    grant_types: [authorization_code, refresh_token]
environments:
  - name: app
    url: https://app.example.test
)";
}  // namespace

OD_FUZZ_TARGET(discovery) {
  static const od::Config cfg = [] {
    auto c = od::read_config_text(kConfig, "config.yaml", od::fuzz::scratch_dir(), {.resolve_secrets = false});
    OD_FUZZ_CHECK(c.ok());
    return *c;
  }();
  od::Recording rec;
  od::Exchange x;
  x.request.match_key = "discovery|app|http://127.0.0.1:35589/.well-known/openid-configuration";
  x.response.status = 200;
  x.response.headers = {{"content-type", size % 2 ? "application/json" : "text/html; charset=iso-8859-1"}};
  x.response.body.assign(reinterpret_cast<const char*>(data), size);
  rec.exchanges.push_back(x);
  auto net = od::make_replay_transport(rec);
  auto today = *od::Date::parse("2026-11-22");
  auto facts = od::probes::run_probes(cfg, *net, {.today = today, .replay = true});
  auto findings = od::run_probe_rules(cfg, facts, today);
  od::app::ReportOptions ro;
  ro.formats = od::fuzz::every_format(size);
  ro.settings_dir = od::fuzz::scratch_dir();
  auto r = od::app::finish(ro, cfg, findings, today, "preflight");
  if (!r)
    OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
  else
    od::fuzz::check_report(*r);
  // --record keeps the body: the recording's writer must survive it too.
  od::Recording out;
  out.date = "2026-11-22";
  out.exchanges.push_back(od::redact_exchange(x.request, x.response));
  auto saved = od::save_recording(od::fuzz::scratch_dir() + "/rec", out, kConfig);
  OD_FUZZ_CHECK(!saved);
  auto back = od::load_recording(od::fuzz::scratch_dir() + "/rec");
  OD_FUZZ_CHECK(back.ok());
  return 0;
}
