// The code as the software emitted it, which is what a user searches for and what a helpdesk
// quotes back: AADSTS70001 (not the catalogue's newer 700016), invalid_client (not the entry id
// okta:invalid_client-secret), NotAuthorizedException, MSIS9622, HTTP 400. Read from the text the
// entry matched, by RFC 6749 and family semantics rather than by provider wording.
#pragma once
#include <string>
#include <string_view>

#include "catalogue/catalogue.h"

namespace od::diagnose {

// `begin`/`end`: where the entry matched in `text`; codes nearest to that span win.
// `around`: the rest of the unit the text came from (other lines of a page or paste), searched
// when the matched text itself holds no code; `wider`: the input lines around that unit, last.
// An entry without a code of its own (aspnet:correlation-failed) emits its message as written.
std::string emitted_code(std::string_view text, size_t begin, size_t end, std::string_view catalogue_code,
                         std::string_view around = {}, std::string_view wider = {});

}  // namespace od::diagnose
