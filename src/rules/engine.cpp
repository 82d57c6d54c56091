#include "rules/engine.h"

#include <set>

#include "rules/registry.h"

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
// a secret in the message (IdPs do not echo secrets, but belt and braces).
class ProbeCollector final : public Collector {
 public:
  using Collector::Collector;
  void report(Pos where, std::string message, Extra extra) override {
    for (auto& c : ctx_.config.clients)
      if (c.secret && c.secret->value && c.secret->value->size() >= 4)
        for (size_t p = message.find(*c.secret->value); p != std::string::npos; p = message.find(*c.secret->value))
          message.replace(p, c.secret->value->size(), "[redacted]");
    if (!seen_.insert(extra.environment + "|" + extra.key + "|" + (extra.client ? extra.client->id : "")).second)
      return;
    Collector::report(where, std::move(message), std::move(extra));
  }

 private:
  std::set<std::string> seen_;
};

}  // namespace

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
