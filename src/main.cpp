// Entry point: everything lives in cli/. Anything that escapes as an exception is a bug,
// reported in one line with exit code 3, never as a stack trace.
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    return od::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "oidc-doctor: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "oidc-doctor: internal error\n";
  }
  return od::cli::kInternal;
}
