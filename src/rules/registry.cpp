#include "rules/registry.h"

#include <algorithm>

#include "core/uri.h"
#include "probes/probe_rules.h"  // declares the OD3xxx probe rules listed below

namespace od {
namespace generated {
const std::vector<std::pair<std::string_view, std::string_view>>& rule_docs();
}

namespace rules {
extern const Rule OD1001;
extern const Rule OD1002;
extern const Rule OD1003;
extern const Rule OD1004;
extern const Rule OD2001;
extern const Rule OD2002;
extern const Rule OD2003;
extern const Rule OD2004;
extern const Rule OD2005;
extern const Rule OD2006;
extern const Rule OD2101;
extern const Rule OD2102;
extern const Rule OD2201;
extern const Rule OD2202;
extern const Rule OD2203;
extern const Rule OD2204;
extern const Rule OD2301;
extern const Rule OD2302;
extern const Rule OD2303;
extern const Rule OD2401;
extern const Rule OD2402;
extern const Rule OD2403;
extern const Rule OD2404;
extern const Rule OD2405;
extern const Rule OD2406;
extern const Rule OD2501;
extern const Rule OD2502;
extern const Rule OD2503;
extern const Rule OD2601;
extern const Rule OD2602;
extern const Rule OD2603;
extern const Rule OD2604;
extern const Rule OD2605;
extern const Rule OD2701;
extern const Rule OD2801;
extern const Rule OD2802;
extern const Rule OD2803;
extern const Rule OD2804;
extern const Rule OD2805;
extern const Rule OD2806;
extern const Rule OD2807;
extern const Rule OD2808;
extern const Rule OD2809;
extern const Rule OD2810;
extern const Rule OD9001;
extern const Rule OD9002;
extern const Rule OD9003;
}  // namespace rules

namespace {
// The registry: one line per rule, in ID order. Never reuse a retired ID.
constexpr const Rule* kRules[] = {
    &rules::OD1001,
    &rules::OD1002,
    &rules::OD1003,
    &rules::OD1004,
    &rules::OD2001,
    &rules::OD2002,
    &rules::OD2003,
    &rules::OD2004,
    &rules::OD2005,
    &rules::OD2006,
    &rules::OD2101,
    &rules::OD2102,
    &rules::OD2201,
    &rules::OD2202,
    &rules::OD2203,
    &rules::OD2204,
    &rules::OD2301,
    &rules::OD2302,
    &rules::OD2303,
    &rules::OD2401,
    &rules::OD2402,
    &rules::OD2403,
    &rules::OD2404,
    &rules::OD2405,
    &rules::OD2406,
    &rules::OD2501,
    &rules::OD2502,
    &rules::OD2503,
    &rules::OD2601,
    &rules::OD2602,
    &rules::OD2603,
    &rules::OD2604,
    &rules::OD2605,
    &rules::OD2701,
    &rules::OD2801,
    &rules::OD2802,
    &rules::OD2803,
    &rules::OD2804,
    &rules::OD2805,
    &rules::OD2806,
    &rules::OD2807,
    &rules::OD2808,
    &rules::OD2809,
    &rules::OD2810,
    &rules::OD3001,
    &rules::OD3002,
    &rules::OD3003,
    &rules::OD3004,
    &rules::OD3005,
    &rules::OD3006,
    &rules::OD3007,
    &rules::OD3008,
    &rules::OD3009,
    &rules::OD3010,
    &rules::OD3011,
    &rules::OD3012,
    &rules::OD3013,
    &rules::OD3014,
    &rules::OD3101,
    &rules::OD3102,
    &rules::OD3103,
    &rules::OD3104,
    &rules::OD3105,
    &rules::OD3106,
    &rules::OD3201,
    &rules::OD3202,
    &rules::OD3203,
    &rules::OD3204,
    &rules::OD3205,
    &rules::OD3301,
    &rules::OD3302,
    &rules::OD3303,
    &rules::OD3304,
    &rules::OD3401,
    &rules::OD3402,
    &rules::OD3403,
    &rules::OD3404,
    &rules::OD3501,
    &rules::OD3502,
    &rules::OD3601,
    &rules::OD9001,
    &rules::OD9002,
    &rules::OD9003,
};
}  // namespace

std::span<const Rule* const> all_rules() { return kRules; }

const Rule* find_rule(std::string_view id_or_name) {
  for (const Rule* r : kRules)
    if (iequals(r->id, id_or_name) || iequals(r->name, id_or_name)) return r;
  return nullptr;
}

std::string_view rule_doc(std::string_view id) {
  for (auto& [doc_id, text] : generated::rule_docs())
    if (doc_id == id) return text;
  return {};
}

}  // namespace od
