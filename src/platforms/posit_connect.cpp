// Posit Connect OAuth integrations (Posit Connect Admin Guide, OAuth integrations
// troubleshooting): one callback per Connect server, refresh tokens always needed, Snowflake
// names its refresh scope differently.
#include "platforms/platform.h"
#include "platforms/profiles.h"

namespace od {

namespace {

class PositConnect final : public Platform {
 public:
  std::string_view name() const override { return "posit-connect"; }

  std::vector<ExpectedUri> redirect_uris(const Config& cfg, const Client& c) const override {
    std::vector<ExpectedUri> out;
    if (c.role != Client::Role::Integration) return out;
    for (auto& env : cfg.environments) {
      std::string base = env.url.value;
      while (!base.empty() && base.back() == '/') base.pop_back();
      out.push_back({base + "/__oauth__/integrations/callback", env.name.value, "Connect OAuth callback"});
    }
    return out;
  }

  std::vector<ExpectedUri> logout_uris(const Config&, const Client&) const override { return {}; }
  bool needs_refresh_token(const Client&) const override { return true; }
  bool is_confidential(const Client&) const override { return true; }
};

}  // namespace

const Platform& posit_connect_platform() {
  static const PositConnect p;
  return p;
}

}  // namespace od
