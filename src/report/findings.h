// Renders lint/preflight findings. Text for people, JSON (schema 1) for machines.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.h"
#include "core/terminal.h"
#include "findings/finding.h"

namespace od {

namespace probes {
struct Facts;  // probes/facts.h
}

enum class FailOn { Error, Warning, Info, Never };

struct Summary {
  int errors = 0, warnings = 0, infos = 0;  // suppressed findings count in none of these
  int suppressed = 0;
  bool failed = false;  // something at or above the threshold
};
Summary summarize(const std::vector<Finding>& findings, FailOn fail_on);
std::string_view fail_on_name(FailOn f);

std::string render_text(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on, const Style& style);
// `facts`: what preflight learnt (null for lint), for the environment x check matrix; `command`
// is "lint" or "preflight".
nlohmann::ordered_json json_report(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on,
                                   const probes::Facts* facts = nullptr, std::string_view command = "lint");
std::string render_json(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on,
                        const probes::Facts* facts = nullptr, std::string_view command = "lint");

}  // namespace od
