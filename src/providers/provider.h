// Provider knowledge that is not an error message (those live in rules/catalogue/): claim
// quirks and well-known metadata URL shapes.
#pragma once
#include <optional>
#include <string_view>

namespace od::providers {

// Why a claim is a poor username for this provider, if it is.
std::optional<std::string_view> claim_caveat(std::string_view platform, std::string_view kind,
                                            std::string_view claim);

// The scope that asks this IdP for a refresh token; none where the IdP uses another
// mechanism (Google: access_type=offline, GitHub: token expiry on a GitHub App).
std::optional<std::string_view> refresh_scope(std::string_view kind);

// Entra tenant segments that do not name one tenant.
bool is_entra_shared_tenant(std::string_view segment);
bool is_entra_login_host(std::string_view host);

}  // namespace od::providers
