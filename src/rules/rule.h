// A rule is a small unit found by its ID: its table row (id, name, severity, category, fix) sits
// next to its check in src/rules/<ID>_<name>.cpp, its doc in rules/<ID>.md and its fixtures in
// fixtures/rules/<ID>/. The type of the check a rule is built with sets its phase.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.h"
#include "core/date.h"
#include "findings/finding.h"
#include "platforms/platform.h"

namespace od {

struct Context {
  const Config& config;
  const Platform& platform;
  Date today;
};

namespace probes {
struct Facts;  // probes/facts.h: what preflight learnt from the live IdP
}
namespace token {
struct TokenFacts;  // token/facts.h: one decoded token and what was checked about it
}

// Probe rules read what preflight fetched; the config context is there for positions and wording.
struct ProbeContext {
  const Context& ctx;
  const probes::Facts& facts;
};

struct TokenContext {
  const Context* ctx = nullptr;  // null without --config
  const token::TokenFacts& token;
};

struct Rule : RuleInfo {
  using OfflineCheck = void (*)(const Context&, Sink&);
  using ProbeCheck = void (*)(const ProbeContext&, Sink&);
  using TokenCheck = void (*)(const TokenContext&, Sink&);

  OfflineCheck check = nullptr;
  ProbeCheck probe_check = nullptr;
  TokenCheck token_check = nullptr;

  constexpr Rule(std::string_view id, std::string_view name, Severity severity, std::string_view category,
                 std::string_view summary, std::string_view fix, OfflineCheck f)
      : RuleInfo{id, name, severity, category, summary, fix, Phase::Offline}, check(f) {}
  constexpr Rule(std::string_view id, std::string_view name, Severity severity, std::string_view category,
                 std::string_view summary, std::string_view fix, ProbeCheck f)
      : RuleInfo{id, name, severity, category, summary, fix, Phase::Probe}, probe_check(f) {}
  constexpr Rule(std::string_view id, std::string_view name, Severity severity, std::string_view category,
                 std::string_view summary, std::string_view fix, TokenCheck f)
      : RuleInfo{id, name, severity, category, summary, fix, Phase::Token}, token_check(f) {}
  // A rule whose findings another step makes: meta rules (the policy step).
  constexpr Rule(std::string_view id, std::string_view name, Severity severity, std::string_view category,
                 std::string_view summary, std::string_view fix, Phase phase)
      : RuleInfo{id, name, severity, category, summary, fix, phase} {}
};

}  // namespace od
