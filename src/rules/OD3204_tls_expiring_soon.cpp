// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

constexpr int kExpiryWarningDays = 30;

// Certificates seen on the way that expire soon: once per certificate.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& s : t.certificates) {
      if (s.handshake_failed || s.cert.not_after_epoch == 0) continue;
      long long days = s.cert.not_after_epoch / 86400 - pc.ctx.today.days;
      if (days >= kExpiryWarningDays) continue;
      std::string hp = probes::host_port(s.url);
      out.report(
          t.url->pos,
          fmt::format("the TLS certificate of {} expires on {} ({}); subject {}, issuer {}", hp, s.cert.not_after,
                      days >= 0 ? fmt::format("in {} days", days) : fmt::format("{} days ago", -days), s.cert.subject,
                      s.cert.issuer),
          {.client = owner(t), .key = hp + "|" + s.cert.not_after});
    }
}

}  // namespace
extern const Rule OD3204{"OD3204",
                         "tls-expiring-soon",
                         Severity::Warning,
                         "tls-trust",
                         "The IdP's certificate expires within 30 days",
                         "Renew the IdP's TLS certificate before it expires.",
                         check};
}  // namespace od::rules
