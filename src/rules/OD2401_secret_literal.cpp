#include <regex>

#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.secret || c.secret->source != Secret::Source::Literal) continue;
    // `${NAME}` is a shell-style reference oidc-doctor does not expand: the file holds
    // no secret, so say how to write the reference rather than advise a rotation.
    static const std::regex shell_ref(R"(^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$)");
    std::string text = c.secret->value.value_or("");
    std::smatch m;
    if (std::regex_match(text, m, shell_ref)) {
      std::string name = m[1];
      out.report(c.secret->pos,
                 fmt::format("the {} secret `{}` looks like a shell-style variable, which oidc-doctor does not "
                             "expand; it reads `${{env:{}}}`, so this text would be sent as the secret",
                             c.label, "${" + name + "}", name),
                 {.client = &c, .fix = fmt::format("Write the reference as ${{env:{}}}.", name)});
      continue;
    }
    // The value itself is never part of the message.
    out.report(c.secret->pos,
               fmt::format("the {} secret is written in the config file; anyone who can read the file or its "
                           "history can sign in as this client",
                           c.label),
               {.client = &c,
                .fix = "Rotate the secret at the IdP, then reference the new one as ${env:NAME} or ${file:path}."});
  }
}
}  // namespace
extern const Rule OD2401{"OD2401",
                         "secret-literal",
                         Severity::Error,
                         "secret-exposed",
                         "A client secret written in the config file in the clear",
                         "Rotate it and reference it with ${env:} or ${file:}.",
                         check};
}  // namespace od::rules
