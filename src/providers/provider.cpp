#include "providers/provider.h"

#include "core/uri.h"

namespace od::providers {

namespace {
struct Caveat {
  std::string_view platform;  // "*" = any platform
  std::string_view kind;      // "*" = any provider
  std::string_view claim;
  std::string_view why;
};
constexpr Caveat kCaveats[] = {
    {"*", "entra", "email",
     "Entra sends `email` only when the account has a mailbox or the optional claim is configured; "
     "users without one sign in with no username"},
    {"*", "entra", "upn",
     "`upn` is a v1 claim that Entra leaves out for guest accounts and is not in v2 ID tokens by default"},
    {"*", "entra", "unique_name", "`unique_name` exists only in v1 tokens and is deprecated"},
    {"*", "google", "preferred_username", "Google never sends `preferred_username`; use `email`"},
    {"*", "adfs", "preferred_username", "AD FS sends `preferred_username` only when a claim rule issues it; `upn` is the usual choice"},
    {"outsystems", "*", "sub",
     "`sub` is an opaque, per-client identifier; it never equals a platform username"},
};
}  // namespace

std::optional<std::string_view> claim_caveat(std::string_view platform, std::string_view kind,
                                            std::string_view claim) {
  for (auto& c : kCaveats)
    if ((c.platform == platform || c.platform == "*") && (c.kind == kind || c.kind == "*") && c.claim == claim)
      return c.why;
  return std::nullopt;
}

std::optional<std::string_view> refresh_scope(std::string_view kind) {
  if (kind == "google" || kind == "github") return std::nullopt;
  if (kind == "snowflake") return "refresh_token";
  return "offline_access";
}

bool is_entra_shared_tenant(std::string_view segment) {
  return iequals(segment, "common") || iequals(segment, "organizations") || iequals(segment, "consumers");
}

bool is_entra_login_host(std::string_view host) {
  return iequals(host, "login.microsoftonline.com") || iequals(host, "login.microsoftonline.us") ||
         iequals(host, "login.partner.microsoftonline.cn") || iequals(host, "login.windows.net");
}

}  // namespace od::providers
