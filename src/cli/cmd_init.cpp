// `oidc-doctor init`: parses the options, asks for the missing ones on a terminal, and writes
// what the app layer returns (never over an existing file without --force).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/app.h"
#include "cli/commands.h"
#include "core/text.h"
#include "providers/provider.h"

namespace od::cli {

namespace {

struct InitCli {
  std::string platform, provider, environments, from_export, client_id;
  std::string output = "oidc-doctor.yaml";
  bool force = false;
};

std::string words(std::span<const std::string_view> v) {
  std::vector<std::string> s(v.begin(), v.end());
  return join(s, ", ");
}

// Asks on stderr and reads a line from stdin; nullopt at end of input.
std::optional<std::string> ask(const std::string& question) {
  std::cerr << question << ": " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) {
    std::cerr << "\n";
    return std::nullopt;
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  return line;
}

int run_init(InitCli o) {
  const bool tty = isatty(STDIN_FILENO);
  const bool need_provider = o.from_export.empty();
  const bool need_envs = o.from_export.empty();
  auto missing = [&](const char* option, const std::string& values) {
    return report_error({"init", std::string(option) + " is missing (" + values +
                                     "); standard input is not a terminal, so it was not asked for"});
  };
  // Re-asks until the answer is one of `values` (or input ends).
  auto choose = [&](std::string& into, const char* option, std::span<const std::string_view> values) -> int {
    if (!into.empty()) return -1;
    if (!tty) return missing(option, words(values));
    while (true) {
      auto a = ask(std::string(option + 2) + " (" + words(values) + ")");
      if (!a) return report_error({"init", std::string(option) + " was not given"});
      if (std::find(values.begin(), values.end(), *a) != values.end()) {
        into = *a;
        return -1;
      }
      std::string m = did_you_mean(*a, values);
      std::cerr << "not one of them" << (m.empty() ? "" : " (did you mean " + m + "?)") << "\n";
    }
  };
  if (int rc = choose(o.platform, "--platform", app::platform_names()); rc >= 0) return rc;
  if (need_provider)
    if (int rc = choose(o.provider, "--provider", providers::kinds()); rc >= 0) return rc;

  app::InitOptions opts{.platform = o.platform,
                        .provider = o.provider,
                        .from_export = o.from_export,
                        .client_id = o.client_id,
                        .output = o.output};
  if (o.environments.empty() && need_envs) {
    if (!tty) return missing("--environments", "NAME=URL,NAME=URL");
    while (true) {
      auto a = ask(o.platform == "outsystems" ? "environments as NAME=URL, comma-separated (name the LifeTime one "
                                                "lifetime)"
                                              : "environments as NAME=URL, comma-separated");
      if (!a) return report_error({"init", "--environments was not given"});
      auto envs = app::parse_environments(*a);
      if (envs) {
        opts.environments = std::move(*envs);
        break;
      }
      std::cerr << envs.error().message << "\n";
    }
  } else if (!o.environments.empty()) {
    auto envs = app::parse_environments(o.environments);
    if (!envs) return report_error(envs.error());
    opts.environments = std::move(*envs);
  }

  const bool to_stdout = o.output == "-";
  std::error_code ec;
  if (!to_stdout && !o.force && std::filesystem::exists(o.output, ec))
    return report_error({o.output, "exists; init never overwrites a file (give --force, or -o another path)"});
  auto text = app::init_config(opts);
  if (!text) return report_error(text.error());
  if (to_stdout) {
    std::cout << *text << std::flush;
    return kOk;
  }
  std::ofstream f(o.output, std::ios::binary | std::ios::trunc);
  if (!f || !(f << *text) || !f.flush()) return report_error({o.output, "cannot write the config here"});
  std::cerr << "oidc-doctor: wrote " << o.output << "; next: oidc-doctor lint " << o.output << "\n";
  return kOk;
}

}  // namespace

void setup_init(CLI::App& sub, Action& action) {
  auto o = std::make_shared<InitCli>();
  std::vector<std::string> platforms(app::platform_names().begin(), app::platform_names().end());
  std::vector<std::string> kinds(providers::kinds().begin(), providers::kinds().end());
  sub.add_option("--platform", o->platform, "The platform signing users in")->check(CLI::IsMember(platforms));
  sub.add_option("--provider", o->provider, "The IdP's kind (from the export with --from-export)")
      ->check(CLI::IsMember(kinds));
  sub.add_option("--environments", o->environments,
                 "NAME=URL pairs, comma-separated (lifetime=https://lt.example.com,dev=https://dev.example.com)");
  sub.add_option("--from-export", o->from_export,
                 "Start from an IdP export: Entra app registration, Okta app object, Keycloak client or realm");
  sub.add_option("--client-id", o->client_id, "The client to take from an export that holds several");
  sub.add_option("-o,--output", o->output, "Where to write the config; - for standard output")->capture_default_str();
  sub.add_flag("--force", o->force, "Overwrite the output file if it exists");
  sub.footer(
      "On a terminal, missing options are asked for (on stderr); otherwise a missing one is exit 2. Every key of the "
      "starter is commented with the schema's description.");
  action = [o] { return run_init(*o); };
}

}  // namespace od::cli
