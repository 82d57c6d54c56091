#include "rules/rule.h"

namespace od::rules {
extern const Rule OD9003{"OD9003",
                         "baseline-entry-expired",
                         Severity::Warning,
                         "config-invalid",
                         "A baseline entry past its expiry date: the finding it accepted counts again",
                         "Fix the finding, or renew the entry with a new reason and date.",
                         Phase::Meta};
}  // namespace od::rules
