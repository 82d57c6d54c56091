// Helpers for the rules that read IdP exports (OD28xx): which client came from which export,
// and which of the platform's redirect URIs are redeemed by a server or by a desktop tool.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "imports/app.h"
#include "rules/common.h"

namespace od::rules {

// The client's export when it came from this IdP ("entra", "okta", "keycloak"), else null.
const imports::App* export_of(const Client& c, std::string_view provider);

// Redirect URIs the platform sends for `c` whose code its server redeems with the secret: the
// client's expected URIs minus the tools' (empty for a client the platform treats as public).
std::vector<ExpectedUri> server_uris(const Context& ctx, const Client& c);
// URIs of the platform's desktop tools (OutSystems: servicestudio://auth ...), for any client.
std::set<std::string> tool_uris(const Context& ctx);
// True when the platform sends tool URIs through `c` (a desktop client, or a web client that
// serves the tools because there is no separate one).
bool serves_tools(const Context& ctx, const Client& c);

// "in fixtures/imports/x.json" style phrase naming the export.
std::string in_export(const imports::App& app);

}  // namespace od::rules
