// A generic web app: the config says where its callbacks live (app.redirect_path).
#include "core/uri.h"
#include "platforms/platform.h"
#include "platforms/profiles.h"

namespace od {

namespace {

std::vector<ExpectedUri> at_every_env(const Config& cfg, const std::optional<LStr>& path, const char* purpose) {
  std::vector<ExpectedUri> out;
  if (!path) return out;
  for (auto& env : cfg.environments)
    if (auto u = Uri::parse(env.url.value); u && u->has_authority)
      out.push_back({u->origin() + path->value, env.name.value, purpose});
  return out;
}

class Generic final : public Platform {
 public:
  std::string_view name() const override { return "generic"; }
  std::vector<ExpectedUri> redirect_uris(const Config& cfg, const Client& c) const override {
    if (c.role != Client::Role::Web) return {};
    return at_every_env(cfg, cfg.redirect_path, "sign-in callback");
  }
  std::vector<ExpectedUri> logout_uris(const Config& cfg, const Client& c) const override {
    if (c.role != Client::Role::Web) return {};
    return at_every_env(cfg, cfg.logout_path, "sign-out callback");
  }
  bool needs_refresh_token(const Client& c) const override {
    return c.grant_types && c.grant_types->contains("refresh_token");
  }
};

}  // namespace

const Platform& generic_platform() {
  static const Generic p;
  return p;
}

const Platform& platform_for(std::string_view name) {
  if (name == "outsystems") return outsystems_platform();
  if (name == "posit-connect") return posit_connect_platform();
  return generic_platform();
}

}  // namespace od
