// `oidc-doctor redirect-uris`: per client, every URI the platform sends, the provider list it goes
// in (providers/<kind>.cpp knows the lists), whether the config says it is registered, and the
// provider's ready-to-run forms of the lists.
#include <fmt/format.h>

#include <algorithm>

#include "app/app.h"
#include "core/json.h"
#include "core/redact.h"
#include "imports/app.h"
#include "imports/load.h"
#include "platforms/platform.h"
#include "report/matrix.h"

namespace od::app {

namespace {

using J = nlohmann::ordered_json;

struct Row {
  UriRow r;
  bool sign_in = false, sign_out = false;
  bool known = true;  // false: the config lists nothing to compare with
};

std::string state_word(const Row& row) {
  if (!row.known) return "needed";
  if (row.r.state == "near-miss") return "near miss";
  return row.r.state;
}

std::string what(const Row& row) {
  if (row.sign_in && row.sign_out) return "sign-in and sign-out";
  return row.sign_out ? "sign-out" : "sign-in";
}

J or_null(const std::string& s) { return s.empty() ? J(nullptr) : J(s); }

}  // namespace

Expected<Report> redirect_uris(const RedirectUrisOptions& o) {
  if (o.format != "text" && o.format != "json") return Error{"--format", "expects text or json, got " + o.format};
  auto cfg = load_config(o.config, {.resolve_secrets = false});
  if (!cfg) return cfg.error();
  const Platform& platform = platform_for(cfg->platform);
  J doc = {{"schema", 1}, {"clients", J::array()}};
  std::string text;
  for (auto& c : cfg->clients) {
    const providers::UriLayout& layout = providers::uri_layout(c.provider_kind);
    const providers::ProviderInfo& provider = providers::info(c.provider_kind);
    auto sign_in = platform.redirect_uris(*cfg, c);
    auto sign_out = platform.logout_uris(*cfg, c);
    std::string id = c.client_id ? c.client_id->value : "";

    // Sign-in and sign-out rows, one per URI and list (a URI both kinds share is listed once).
    std::vector<Row> rows;
    auto take = [&](const std::vector<ExpectedUri>& uris, const std::optional<LList>& registered, bool out) {
      if (uris.empty() && (!registered || registered->items.empty())) return;
      for (auto& r : uri_rows(c, uris, registered, out, platform.is_confidential(c))) {
        auto same = std::find_if(rows.begin(), rows.end(),
                                 [&](const Row& x) { return x.r.uri == r.uri && x.r.list == r.list; });
        if (same != rows.end()) {
          (out ? same->sign_out : same->sign_in) = true;
          if (same->r.state == "unexpected" && r.state != "unexpected") same->r = r;
          continue;
        }
        Row row{r};
        (out ? row.sign_out : row.sign_in) = true;
        row.known = registered.has_value();
        rows.push_back(std::move(row));
      }
    };
    take(sign_in, c.redirect_uris, false);
    take(sign_out, c.logout_uris, true);

    std::string head = c.label + (id.empty() ? "" : " (" + id + ")") + " at " + std::string(provider.display);
    if (!text.empty()) text += "\n";
    text += head + "\n";
    if (rows.empty()) text += "  the platform sends no fixed redirect URI for this client\n";
    if (!c.redirect_uris && !sign_in.empty())
      text +=
          "  the config lists no `redirect_uris`, so what is registered cannot be compared: every URI is "
          "shown as needed\n";

    J lists = J::array();
    std::vector<providers::Placed> placed;
    int missing = 0;
    for (auto& list : layout.lists) {
      std::vector<const Row*> in;
      bool emptied = false;  // an export registers URIs under this list that belong elsewhere
      for (auto& row : rows) {
        if (row.r.list == &list) in.push_back(&row);
        if (!row.r.registered_under.empty() && row.r.registered_under == list.label && row.r.list != &list)
          emptied = true;
      }
      if (in.empty() && !emptied) continue;
      std::string where = list.field.empty() ? "" : std::string(list.field);
      if (!list.cli_flag.empty()) where += (where.empty() ? "" : "; ") + std::string(list.cli_flag);
      text += "  " + std::string(list.label) + (where.empty() ? "" : " (" + where + ")") + "\n";
      if (in.empty()) text += "    none: move the URIs registered here to the list named for each\n";
      size_t width = 0;
      for (auto* row : in) width = std::max(width, state_word(*row).size());
      J uris = J::array();
      providers::Placed p{&list, {}};
      for (auto* row : in) {
        const auto& r = row->r;
        std::string notes;
        if (r.state == "near-miss")
          notes += "registered as " + redact_url_credentials(r.registered_as) + " (" + r.difference + ")";
        if (r.state == "unexpected") notes += "registered, never sent: kept in the forms below; drop it if unused";
        if (!r.registered_under.empty() && r.registered_under != list.label)
          notes += std::string(notes.empty() ? "" : "; ") + "registered under " + r.registered_under + " today";
        text += fmt::format("    {:<{}}  {}{}\n", state_word(*row), width, redact_url_credentials(r.uri),
                            notes.empty() ? "" : "  # " + notes);
        if (r.state != "registered" && r.state != "unexpected")
          ++missing;
        else if (!r.registered_under.empty() && r.registered_under != list.label)
          ++missing;
        p.uris.push_back(r.uri);
        uris.push_back({{"uri", redact_url_credentials(r.uri)},
                        {"state", row->known ? J(r.state) : J("needed")},
                        {"for", what(*row)},
                        {"environment", or_null(r.environment)},
                        {"purpose", or_null(r.purpose)},
                        {"registered_as", or_null(redact_url_credentials(r.registered_as))},
                        {"difference", or_null(r.difference)},
                        {"registered_under", or_null(r.registered_under)}});
      }
      placed.push_back(std::move(p));
      lists.push_back({{"id", list.id},
                       {"label", list.label},
                       {"field", or_null(std::string(list.field))},
                       {"cli_flag", or_null(std::string(list.cli_flag))},
                       {"uris", std::move(uris)}});
    }
    J single = nullptr;
    if (layout.single_logout && !rows.empty()) {
      std::string now = c.imported && c.imported->front_channel_logout ? c.imported->front_channel_logout->value : "";
      text += "  " + std::string(layout.single_logout->label) + " (" + std::string(layout.single_logout->field) +
              "): one URL per registration; " + std::string(platform.name()) + " needs none" +
              (now.empty() ? "" : " (registered today: " + redact_url_credentials(now) + ")") + "\n";
      single = {{"label", layout.single_logout->label},
                {"field", layout.single_logout->field},
                {"registered", or_null(redact_url_credentials(now))}};
    }
    if (!layout.sign_out_note.empty() && !sign_out.empty()) text += "  " + std::string(layout.sign_out_note) + "\n";
    if (!rows.empty() && (c.redirect_uris || c.logout_uris))
      text += missing ? fmt::format("  {} URI(s) to register or correct\n", missing)
                      : std::string("  everything the platform sends is registered\n");

    J forms = J::array();
    if (layout.forms && !placed.empty()) {
      text += "  ready to run:\n";
      for (auto& f : layout.forms(id.empty() ? "CLIENT-ID" : id, placed)) {
        text += "    # " + f.title + "\n";
        for (size_t at = 0; at < f.text.size();) {
          size_t nl = f.text.find('\n', at);
          if (nl == std::string::npos) nl = f.text.size();
          text += "    " + f.text.substr(at, nl - at) + "\n";
          at = nl + 1;
        }
        forms.push_back({{"title", f.title}, {"text", f.text}});
      }
    }

    auto list_of = [](const std::vector<ExpectedUri>& uris) {
      auto a = J::array();
      for (auto& u : uris)
        a.push_back({{"uri", u.uri}, {"environment", or_null(u.environment)}, {"purpose", u.purpose}});
      return a;
    };
    doc["clients"].push_back({{"client", c.id},
                              {"client_id", id},
                              {"provider", c.provider_kind},
                              {"redirect_uris", list_of(sign_in)},
                              {"logout_uris", list_of(sign_out)},
                              {"lists", std::move(lists)},
                              {"single_logout", std::move(single)},
                              {"forms", std::move(forms)}});
  }
  Report report;
  if (o.format == "json")
    report.outputs.push_back({"", "json", dump_json(doc, 2) + "\n"});
  else
    report.outputs.push_back(
        {"", "text", text.empty() ? "# this platform needs no fixed redirect URIs (set app.redirect_path)\n" : text});
  report.config = std::move(*cfg);
  return report;
}

}  // namespace od::app
