// OutSystems LifeTime IT-user sign-in (from OutSystems' documentation on IT users with an
// external IdP: its overview and its Okta set-up guide): which URIs each client must carry and
// which component versions the feature requires.
#include "platforms/platform.h"
#include "platforms/profiles.h"

#include "core/uri.h"

namespace od {

namespace {

constexpr std::string_view kTokenPart = "/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx";
constexpr std::string_view kLogoutCallback = "/ServiceCenter/CentralizedLogout_CallbackEndpoint.aspx";
constexpr std::string_view kIntegrationManager = "/OSIntegrationManager/OIDC_Callback";
constexpr std::string_view kToolSchemes[] = {"servicestudio://auth", "integrationstudio://auth",
                                             "servicestudiox11://auth"};
constexpr std::string_view kBuilderHosts[] = {"experiencebuilder.outsystems.com", "workflowbuilder.outsystems.com",
                                              "integrationbuilder.outsystems.com", "aimentorstudio.outsystems.com"};
constexpr std::string_view kBuilderNames[] = {"Experience Builder", "Workflow Builder", "Integration Builder",
                                              "AI Mentor Studio"};

// Every environment is addressed over https at its bare host, whatever the config's URL says.
std::string env_base(const Environment& env) {
  auto u = Uri::parse(env.url.value);
  if (!u || u->host.empty()) return "";
  std::string base = "https://" + u->host;
  if (u->port && *u->port != 443 && *u->port != 80) base += ":" + std::to_string(*u->port);
  return base;
}

class OutSystems final : public Platform {
 public:
  std::string_view name() const override { return "outsystems"; }

  // Without a separate desktop client, the web client serves the tools too.
  static bool serves_tools(const Config& cfg, const Client& c) {
    return c.role == Client::Role::Desktop || (c.role == Client::Role::Web && !cfg.client("desktop_client"));
  }

  std::vector<ExpectedUri> redirect_uris(const Config& cfg, const Client& c) const override {
    std::vector<ExpectedUri> out;
    if (c.role == Client::Role::Web)
      for (auto& env : cfg.environments)
        if (auto b = env_base(env); !b.empty())
          out.push_back({b + std::string(kTokenPart), env.name.value, "Service Center sign-in"});
    if (serves_tools(cfg, c)) {
      constexpr std::string_view tool_names[] = {"Service Studio", "Integration Studio", "Service Studio (x11)"};
      for (size_t i = 0; i < std::size(kToolSchemes); ++i)
        out.push_back({std::string(kToolSchemes[i]), "", std::string(tool_names[i])});
      for (size_t i = 0; i < std::size(kBuilderHosts); ++i)
        out.push_back({"https://" + std::string(kBuilderHosts[i]) + "/Authentication/OIDC_Callback", "",
                       std::string(kBuilderNames[i])});
      for (auto& env : cfg.environments)
        if (auto b = env_base(env); !b.empty() && !env.is_lifetime())
          out.push_back({b + std::string(kIntegrationManager), env.name.value, "Integration Manager"});
    }
    return out;
  }

  std::vector<ExpectedUri> logout_uris(const Config& cfg, const Client& c) const override {
    std::vector<ExpectedUri> out;
    if (c.role == Client::Role::Web)
      for (auto& env : cfg.environments)
        if (auto b = env_base(env); !b.empty())
          out.push_back({b + std::string(kLogoutCallback), env.name.value, "Service Center sign-out"});
    if (serves_tools(cfg, c)) {
      for (auto s : kToolSchemes) out.push_back({std::string(s), "", "development tools sign-out"});
      out.push_back({"https://www.outsystems.com", "", "development tools sign-out"});
    }
    return out;
  }

  std::vector<std::string_view> extra_hosts() const override {
    std::vector<std::string_view> h(std::begin(kBuilderHosts), std::end(kBuilderHosts));
    h.push_back("www.outsystems.com");
    return h;
  }

  bool needs_refresh_token(const Client&) const override { return true; }

  std::vector<MinimumVersion> minimum_versions() const override {
    using W = MinimumVersion::Where;
    return {{W::Environment, "platform_server", "Platform Server", "11.18.1"},
            {W::LifetimeEnvironment, "lifetime", "LifeTime", "11.16.1"},
            {W::Tool, "service_studio", "Service Studio", "11.53.13"},
            {W::Tool, "integration_studio", "Integration Studio", "11.14.17"},
            {W::Tool, "factory_configuration", "Factory Configuration", "11.1.1"}};
  }

  bool env_url_must_be_origin() const override { return true; }
};

}  // namespace

const Platform& outsystems_platform() {
  static const OutSystems p;
  return p;
}

}  // namespace od
