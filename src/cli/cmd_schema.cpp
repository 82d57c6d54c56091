#include <iostream>

#include "cli/commands.h"
#include "config/schema.h"

namespace od::cli {

void setup_schema(CLI::App&, Action& action) {
  action = [] {
    std::cout << schema::json_schema();
    return kOk;
  };
}

}  // namespace od::cli
