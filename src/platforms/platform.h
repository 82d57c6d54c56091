// What a platform expects from the IdP. Rules ask these questions and never hard-code a
// platform's paths themselves.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.h"

namespace od {

struct ExpectedUri {
  std::string uri;
  std::string environment;  // empty when not tied to one
  std::string purpose;      // "Service Center sign-in", "Service Studio", ...
};

struct MinimumVersion {
  enum class Where { Environment, LifetimeEnvironment, Tool };
  Where where;
  std::string_view key;    // versions.<key> or tools.<key>
  std::string_view label;  // "Platform Server"
  std::string_view minimum;
};

class Platform {
 public:
  virtual ~Platform() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<ExpectedUri> redirect_uris(const Config&, const Client&) const = 0;
  virtual std::vector<ExpectedUri> logout_uris(const Config&, const Client&) const = 0;
  // Hosts that legitimately appear in redirect URIs besides the environments' own.
  virtual std::vector<std::string_view> extra_hosts() const { return {}; }
  virtual bool needs_refresh_token(const Client&) const = 0;
  virtual bool is_confidential(const Client& c) const { return c.role != Client::Role::Desktop; }
  virtual std::vector<MinimumVersion> minimum_versions() const { return {}; }
  // Environment URLs must be bare origins where the platform appends fixed paths.
  virtual bool env_url_must_be_origin() const { return false; }
};

// The profile for config.platform; never null for a loaded config.
const Platform& platform_for(std::string_view name);

}  // namespace od
