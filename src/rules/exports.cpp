#include "rules/exports.h"

namespace od::rules {

const imports::App* export_of(const Client& c, std::string_view provider) {
  if (!c.imported || imports::format_provider(c.imported->format) != provider) return nullptr;
  return c.imported.get();
}

std::set<std::string> tool_uris(const Context& ctx) {
  Client probe;
  probe.role = Client::Role::Desktop;
  std::set<std::string> out;
  for (auto& e : ctx.platform.redirect_uris(ctx.config, probe)) out.insert(e.uri);
  return out;
}

bool serves_tools(const Context& ctx, const Client& c) {
  auto tools = tool_uris(ctx);
  for (auto& e : ctx.platform.redirect_uris(ctx.config, c))
    if (tools.count(e.uri)) return true;
  return false;
}

std::vector<ExpectedUri> server_uris(const Context& ctx, const Client& c) {
  if (!ctx.platform.is_confidential(c)) return {};
  auto tools = tool_uris(ctx);
  std::vector<ExpectedUri> out;
  for (auto& e : ctx.platform.redirect_uris(ctx.config, c))
    if (!tools.count(e.uri)) out.push_back(e);
  return out;
}

std::string in_export(const imports::App& app) { return "in " + app.file; }

}  // namespace od::rules
