// The .NET Framework proxy an OutSystems server uses for outbound calls (activation, token
// exchange): <system.net><defaultProxy> in machine.config, read with a real XML parser.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "core/expected.h"

namespace od::imports {

struct MachineProxy {
  enum class Mode { Direct, Explicit, System };
  Mode mode = Mode::System;
  LStr address;              // Explicit: proxyaddress
  std::vector<LStr> bypass;  // <bypasslist><add address="regex"/>, after <remove>/<clear/>
  std::optional<Located<bool>> bypass_on_local;
  Pos where;            // the <defaultProxy> (or <configuration>) element
  std::string summary;  // one phrase: "proxy http://proxy:3128", "no proxy (enabled=false)", ...
};

// `source` is stored in every Pos. Malformed XML, a wrong root element, an attribute .NET would
// reject (names are case-sensitive) or a bad value come back as an Error naming file:line:column.
Expected<MachineProxy> read_machine_config(const std::string& path, const std::string& display, int source);

}  // namespace od::imports
