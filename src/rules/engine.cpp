#include "rules/engine.h"

#include "rules/registry.h"

namespace od {

namespace {

class Collector final : public Sink {
 public:
  Collector(const Context& ctx, const Rule& rule, std::vector<Finding>& out) : ctx_(ctx), rule_(rule), out_(out) {}
  void report(Pos where, std::string message, Extra extra) override {
    out_.push_back(make_finding(ctx_.config, rule_, where, std::move(message), std::move(extra)));
  }

 private:
  const Context& ctx_;
  const Rule& rule_;
  std::vector<Finding>& out_;
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

}  // namespace od
