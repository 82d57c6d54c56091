#include "rules/rule.h"

namespace od::rules {
extern const Rule OD9002{"OD9002",
                         "invalid-suppression",
                         Severity::Error,
                         "config-invalid",
                         "A suppression or lint setting that cannot be read, names no rule, or lacks a required reason",
                         "Write `# oidc-doctor: disable=<ID> -- reason` with a real rule ID.",
                         Phase::Meta};
}  // namespace od::rules
