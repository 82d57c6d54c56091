#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "config/schema.h"

namespace od::cli {

void setup_schema(CLI::App& sub, Action& action) {
  auto format = std::make_shared<std::string>("json");
  sub.add_option("--format", *format, "json: JSON Schema for editors; markdown: the README's key reference")
      ->check(CLI::IsMember({"json", "markdown"}));
  action = [format] {
    std::cout << (*format == "markdown" ? schema::markdown_reference() : schema::json_schema());
    return kOk;
  };
}

}  // namespace od::cli
