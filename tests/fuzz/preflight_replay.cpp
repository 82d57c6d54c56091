// A whole preflight from a recording (--replay DIR): the recording's reader, the replay
// transport, every probe and probe rule, and every format. Input: the recording's config.yaml,
// a line "%%%%", then its recording.json (seeds are built from fixtures/recordings/ by
// cmake/fuzz.cmake); without the separator the whole input is recording.json for a fixed config.
#include <filesystem>

#include "fuzz.h"

namespace {
const char* kSeparator = "\n%%%%\n";
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
    client_secret: ${env:PF_SECRET}
    grant_types: [authorization_code, refresh_token]
environments:
  - name: app
    url: https://app.example.test
)";
}  // namespace

OD_FUZZ_TARGET(preflight_replay) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view config = kConfig, recording = in;
  if (size_t at = in.find(kSeparator); at != std::string_view::npos) {
    config = in.substr(0, at);
    recording = in.substr(at + 6);
  }
  std::string dir = od::fuzz::scratch_dir() + "/replay";
  std::filesystem::create_directories(dir);
  od::fuzz::write_scratch("replay/config.yaml", config);
  od::fuzz::write_scratch("replay/recording.json", recording);
  od::app::PreflightOptions o;
  o.config = dir + "/config.yaml";
  o.replay_dir = dir;
  o.resolve_secrets = false;
  o.report.formats = od::fuzz::every_format(size);
  o.report.settings_dir = od::fuzz::scratch_dir();
  auto r = od::app::preflight(o);
  if (!r)
    OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
  else
    od::fuzz::check_report(*r);
  return 0;
}
