#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.imported || !c.imported->secret_in_clear) continue;
    out.report(*c.imported->secret_in_clear,
               fmt::format("{} holds the {}'s client secret in clear text: whoever reads the file can act as the "
                           "client (the value is not repeated here)",
                           c.imported->file, c.label),
               {.client = &c,
                .fix = "Remove the secret from the export (or export with secrets masked), keep the file out of "
                       "version control, and rotate the secret if the file was shared."});
  }
}
}  // namespace
extern const Rule OD2809{"OD2809",
                         "export-holds-secret",
                         Severity::Warning,
                         "secret-exposed",
                         "An imported IdP export contains a usable client secret",
                         "Strip the secret from the export and rotate it if it was shared.",
                         check};
}  // namespace od::rules
