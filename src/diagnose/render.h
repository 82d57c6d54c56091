// Diagnoses for people (numbered fix steps, cause first) and for machines (JSON, schema 1).
// Everything taken from the input has been redacted by the engine before it gets here.
#pragma once
#include <string>

#include "core/terminal.h"
#include "diagnose/engine.h"

namespace od::diagnose {

std::string render_text(const Result& result, const Style& style);
std::string render_json(const Result& result);

}  // namespace od::diagnose
