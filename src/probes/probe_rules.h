// The probe rules (OD3xxx): registered like lint rules, reported only by preflight.
#pragma once
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3001;
extern const Rule OD3002;
extern const Rule OD3003;
extern const Rule OD3004;
extern const Rule OD3005;
extern const Rule OD3006;
extern const Rule OD3007;
extern const Rule OD3008;
extern const Rule OD3009;
extern const Rule OD3010;
extern const Rule OD3011;
extern const Rule OD3012;
extern const Rule OD3013;
extern const Rule OD3014;
extern const Rule OD3101;
extern const Rule OD3102;
extern const Rule OD3103;
extern const Rule OD3104;
extern const Rule OD3105;
extern const Rule OD3106;
extern const Rule OD3201;
extern const Rule OD3202;
extern const Rule OD3203;
extern const Rule OD3204;
extern const Rule OD3205;
extern const Rule OD3301;
extern const Rule OD3302;
extern const Rule OD3303;
extern const Rule OD3304;
extern const Rule OD3401;
extern const Rule OD3402;
extern const Rule OD3403;
extern const Rule OD3404;
extern const Rule OD3501;
extern const Rule OD3502;
extern const Rule OD3601;
}  // namespace od::rules
