#include "rules/engine.h"

#include <set>

#include "core/redact.h"
#include "rules/registry.h"
#include "token/facts.h"

namespace od {

namespace {

class Collector : public Sink {
 public:
  Collector(const Context& ctx, const Rule& rule, std::vector<Finding>& out) : ctx_(ctx), rule_(rule), out_(out) {}
  void report(Pos where, std::string message, Extra extra) override {
    out_.push_back(make_finding(ctx_.config, rule_, where, std::move(message), std::move(extra)));
  }

 protected:
  const Context& ctx_;
  const Rule& rule_;
  std::vector<Finding>& out_;
};

// Probe findings: one per (environment, key, client) of a rule, the first one read, and never
// a secret, in any spelling, in its text (a hostile token endpoint may echo the form body or the
// Basic header back).
class ProbeCollector final : public Collector {
 public:
  using Collector::Collector;
  void report(Pos where, std::string message, Extra extra) override {
    std::vector<std::string> secrets;
    for (auto& c : ctx_.config.clients)
      if (c.secret && c.secret->value) {
        secrets.push_back(*c.secret->value);
        for (auto& b : basic_credentials(c.client_id ? c.client_id->value : "", *c.secret->value)) secrets.push_back(b);
      }
    message = scrub_secrets(std::move(message), secrets);
    extra.fix = scrub_secrets(std::move(extra.fix), secrets);
    extra.key = scrub_secrets(std::move(extra.key), secrets);
    extra.redirect_uri = scrub_secrets(std::move(extra.redirect_uri), secrets);
    // The finding's own logical key (rule, environment, client, value) is the dedup key.
    Finding f = make_finding(ctx_.config, rule_, where, std::move(message), std::move(extra));
    if (seen_.insert(f.key).second) out_.push_back(std::move(f));
  }

 private:
  std::set<std::string> seen_;
};

// A token finding points at no config line: it names the token (where it was found) and takes
// its predictions from the platform (with --config) and the IdP the token comes from.
class TokenCollector final : public Sink {
 public:
  TokenCollector(const TokenContext& tc, const Rule& rule, std::vector<Finding>& out)
      : tc_(tc), rule_(rule), out_(out) {}
  void report(Pos where, std::string message, Extra extra) override {
    Finding f;
    f.rule = &rule_;
    f.severity = extra.severity.value_or(rule_.severity);
    f.message = std::move(message);
    f.fix = extra.fix.empty() ? std::string(rule_.fix) : std::move(extra.fix);
    f.environment = std::move(extra.environment);
    f.provider_kind = tc_.token.provider;
    f.location = {tc_.token.jwt.label, where};
    std::string platform = tc_.ctx ? tc_.ctx->config.platform : "";
    if (extra.predictions)
      f.predicted_errors = predicted_errors(platform, f.provider_kind, rule_.id, rule_.category, extra.see_also);
    f.key = std::string(rule_.id) + "|" + tc_.token.jwt.label + "|" + extra.key;
    out_.push_back(std::move(f));
  }

 private:
  const TokenContext& tc_;
  const Rule& rule_;
  std::vector<Finding>& out_;
};

}  // namespace

std::vector<Finding> run_token_rules(const TokenContext& tc) {
  std::vector<Finding> out;
  for (const Rule* r : all_rules()) {
    if (r->phase != Phase::Token) continue;
    TokenCollector sink(tc, *r, out);
    r->token_check(tc, sink);
  }
  return out;
}

std::vector<Finding> run_rules(const Config& config, Date today) {
  Context ctx{config, platform_for(config.platform), today};
  std::vector<Finding> out;
  for (const Rule* r : all_rules()) {
    if (r->phase != Phase::Offline) continue;
    Collector sink(ctx, *r, out);
    r->check(ctx, sink);
  }
  sort_findings(out);
  return out;
}

std::vector<Finding> run_probe_rules(const Config& config, const probes::Facts& facts, Date today) {
  Context ctx{config, platform_for(config.platform), today};
  ProbeContext pc{ctx, facts};
  std::vector<Finding> out;
  for (const Rule* r : all_rules()) {
    if (r->phase != Phase::Probe || !r->probe_check) continue;
    ProbeCollector sink(ctx, *r, out);
    r->probe_check(pc, sink);
  }
  sort_findings(out);
  return out;
}

}  // namespace od
