// Meta rules have no offline check: src/rules/policy.cpp reports them while applying suppressions.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD9001{"OD9001",
                         "unused-suppression",
                         Severity::Warning,
                         "config-invalid",
                         "An inline suppression or baseline entry that suppresses nothing",
                         "Remove the suppression; what it hid is gone.",
                         Phase::Meta};
}  // namespace od::rules
