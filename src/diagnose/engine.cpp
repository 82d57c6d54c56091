#include "diagnose/engine.h"

#include "diagnose/emitted.h"

#include <algorithm>
#include <cctype>

#include "catalogue/anchors.h"
#include "catalogue/matcher.h"
#include "core/redact.h"

namespace od::diagnose {

using catalogue::ascii_lower;
using catalogue::fill_family;
using catalogue::Hit;
using catalogue::Matcher;

namespace {

// Tiers, highest first. The same text often matches several entries: an IdP's own wording, a
// client library's wrapper around it, and the bare OAuth code or HTTP status that carried it.
//   6  the platform the user runs (its interpretation is added next to the IdP's, see below)
//   5  identity providers (entra, okta, keycloak ...): their codes and wording say the most
//   4  client libraries with their own file (msal, identitymodel, tls), applications around the IdP
//      (grafana, gitlab, argocd ...: they wrap the IdP's answer) and platforms not in use
//   2  generic client-library and OAuth messages (generic.yaml, clients.yaml: pkce:..., net:...)
//   1  the bare OAuth codes of those files (invalid_request, invalid_client, unauthorized_client):
//      the last resort, after every entry that reads the description
//   0  bare HTTP status lines: context, reported only when nothing else is found
constexpr int kPlatform = 6, kIdp = 5, kLibrary = 4, kGeneric = 2, kGenericCode = 1, kStatus = 0;

constexpr size_t kAround = 6;  // lines before and after that a pattern spanning lines may reach

constexpr std::string_view kPlatformProviders[] = {"outsystems", "posit-connect"};
constexpr std::string_view kLibraryProviders[] = {"msal",          "identitymodel", "tls",          "grafana",
                                                  "gitlab",        "argocd",        "oauth2-proxy", "authjs",
                                                  "openid-client", "spring",        "aspnetcore",   "jenkins"};
constexpr std::string_view kGenericProviders[] = {"generic", "clients"};

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

bool is_status_entry(const catalogue::Entry* e) {
  return e && e->provider == "generic" && (e->code == "400" || e->code == "401" || e->code == "403");
}

std::string_view provider_of(const Hit& h) { return h.entry ? h.entry->provider : h.family->provider; }

bool is_unknown_entry(const Hit& h) { return h.entry && h.entry->category == "unknown"; }

struct Candidate {
  Hit hit;
  int tier;
  size_t segment;
  bool literal = false;  // the entry's own code is written in the text (see literal_code)
};

// Whether a catalogued entry's code (AADSTS70001, IDX10803, E0000021) is written in the text as
// a word. Such an entry outranks the entries of its tier that matched the same text only by
// their wording (the newer AADSTS700016 whose message the legacy code shares). Our own ids
// (okta:...) and wrappers (MsalServiceException) never count.
// A wording variant (AADSTS50013-audience) shares its base code with its siblings, so the code
// anywhere in the text says nothing about which variant it is: a variant counts only when the
// code is part of what the variant matched or written just before it ("AADSTS50013: Assertion
// audience ..."), not when its wording matched apart from the code written for another message.
bool literal_code(std::string_view text, const Hit& h) {
  if (!h.entry || h.entry->category == "unknown" || h.entry->code.find(':') != std::string_view::npos) return false;
  std::string_view code = h.entry->code;
  size_t dash = code.find('-');
  bool variant = dash != std::string_view::npos;
  code = code.substr(0, dash);
  if (code.size() < 4) return false;  // bare HTTP statuses are context, not codes
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t p = text.find(code); p != std::string_view::npos; p = text.find(code, p + 1)) {
    if (!((p == 0 || !word(text[p - 1])) && (p + code.size() >= text.size() || !word(text[p + code.size()])))) continue;
    // Part of the match, or written right before it ("AADSTS70002: The client does not exist").
    if (!variant || (p < h.end && p + code.size() + 3 >= h.begin)) return true;
  }
  return false;
}

bool overlaps(const Hit& a, const Hit& b) { return a.begin < b.end && b.begin < a.end; }

// What a wrapper entry (category unknown) can wrap: a catalogued error with a real category. A bare
// HTTP status is context, not a cause.
bool is_cause(const Candidate& c) { return c.hit.entry && !is_unknown_entry(c.hit) && c.tier != kStatus; }

bool is_wrapper(const Diagnosis& d) { return d.entry && d.entry->category == "unknown"; }
bool is_cause(const Diagnosis& d) { return d.entry && d.entry->category != "unknown" && d.tier > kStatus; }

// Whether two diagnoses were seen close enough to be one event: the same line or a few lines apart
// (a wrapper and its cause printed on consecutive lines), or text without line numbers.
bool near(const Diagnosis& a, const Diagnosis& b) {
  if (a.first_unit == b.first_unit || a.first_line == 0 || b.first_line == 0) return true;
  int a_from = a.first_line, a_to = std::max(a.first_line, a.last_line);
  int b_from = b.first_line, b_to = std::max(b.first_line, b.last_line);
  return a_from <= b_to + static_cast<int>(kAround) && b_from <= a_to + static_cast<int>(kAround);
}

// Evidence: the redacted segment, cut to a window around what matched.
std::string excerpt(std::string_view text, const Hit& h) {
  std::string collapsed;
  collapsed.reserve(std::min<size_t>(text.size(), 1 << 20));
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  // Redact the whole text before cutting: a window could otherwise start inside a secret.
  std::string red = redact(collapsed);
  constexpr size_t kMax = 400;
  if (red.size() <= kMax) return red;
  std::string needle(text.substr(h.begin, std::min<size_t>(h.length(), 40)));
  size_t at = red.find(needle);
  if (at == std::string::npos) at = 0;
  size_t begin = at > 100 ? at - 100 : 0;
  size_t end = std::min(red.size(), begin + kMax);
  // Never cut a UTF-8 sequence in half.
  while (begin > 0 && (static_cast<unsigned char>(red[begin]) & 0xC0) == 0x80) --begin;
  while (end < red.size() && (static_cast<unsigned char>(red[end]) & 0xC0) == 0x80) ++end;
  return (begin > 0 ? "…" : "") + red.substr(begin, end - begin) + (end < red.size() ? "…" : "");
}

}  // namespace

namespace {
int tier_of(const Hit& h, std::string_view platform) {
  if (is_status_entry(h.entry)) return kStatus;
  int tier = provider_tier(provider_of(h), platform);
  if (tier == kGeneric && h.entry && h.entry->code.find(':') == std::string_view::npos) return kGenericCode;
  return tier;
}
}  // namespace

int provider_tier(std::string_view provider, std::string_view platform) {
  if (in(kPlatformProviders, provider)) return provider == platform ? kPlatform : kLibrary;
  if (in(kGenericProviders, provider)) return kGeneric;
  if (in(kLibraryProviders, provider)) return kLibrary;
  return kIdp;
}

std::string Diagnosis::meaning() const {
  if (entry) return std::string(entry->meaning);
  return std::string(catalogue::display_name(provider)) + " reported " + code +
         ". The code belongs to this provider's family of error codes but is not in the oidc-doctor catalogue yet.";
}

namespace {
// An entry's list followed by the folded entries' own, each line once.
template <class Get>
std::vector<std::string> with_folded(const catalogue::Entry* entry, const std::vector<const catalogue::Entry*>& folded,
                                     Get get) {
  std::vector<std::string> out;
  auto add = [&](const catalogue::Entry* e) {
    for (auto& line : get(*e))
      if (std::find(out.begin(), out.end(), line) == out.end()) out.emplace_back(line);
  };
  add(entry);
  for (auto* f : folded) add(f);
  return out;
}
}  // namespace

std::vector<std::string> Diagnosis::causes() const {
  if (entry) return with_folded(entry, folded, [](const catalogue::Entry& e) { return e.causes; });
  return {"A condition the catalogue does not describe yet; the provider's reference for " + code + " explains it."};
}

std::vector<std::string> Diagnosis::fix() const {
  if (entry) return with_folded(entry, folded, [](const catalogue::Entry& e) { return e.fix; });
  std::vector<std::string> steps;
  if (!reference.empty()) steps.push_back("Look the code up in the provider's reference: " + reference);
  steps.push_back(
      "Read the whole message around the code; it usually names the application, parameter or policy involved.");
  steps.push_back(
      "Find the failed attempt in the provider's sign-in or audit log, which records the same code with more detail.");
  return steps;
}

std::vector<std::string> Diagnosis::rules() const {
  if (!entry) return {};
  std::vector<std::string> out = same_rules();
  for (auto& r : caused_by())
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  return out;
}

std::vector<std::string> Diagnosis::same_rules() const {
  if (!entry) return {};
  return with_folded(entry, folded, [](const catalogue::Entry& e) { return e.rules; });
}

std::vector<std::string> Diagnosis::caused_by() const {
  if (!entry) return {};
  return with_folded(entry, folded, [](const catalogue::Entry& e) { return e.caused_by; });
}

Diagnoser::Diagnoser(Options options) : options_(std::move(options)) {}

void Diagnoser::add_text(std::string_view raw, const Origin& origin, std::string_view around) {
  Params context;
  auto segments = normalize(raw, &context);
  if (!around.empty()) segments.push_back({std::string(around), "text", true});
  add_segments(segments, context, origin);
}

void Diagnoser::add_segments(const std::vector<Segment>& input, const Params& context, const Origin& origin) {
  const Matcher& matcher = Matcher::get();
  // Matched line by line like the rest of the input, so a message reads the same whether it
  // arrived as lines, inside a JSON string or in a HAR body.
  std::vector<Segment> segments;
  std::string lowered;
  for (auto& s : input) {
    if (s.joined || s.text.find('\n') == std::string::npos) {
      segments.push_back(s);
      continue;
    }
    std::vector<std::string_view> lines;
    for (size_t pos = 0; pos <= s.text.size();) {
      size_t nl = s.text.find('\n', pos);
      if (nl == std::string::npos) nl = s.text.size();
      std::string_view line = std::string_view(s.text).substr(pos, nl - pos);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back(line);
      pos = nl + 1;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      segments.push_back({std::string(lines[i]), s.via});
      ascii_lower(lines[i], lowered);
      if (!matcher.spans_lines(lowered)) continue;
      std::string joined;
      for (size_t k = i > kAround ? i - kAround : 0; k < lines.size() && k <= i + kAround; ++k)
        (joined += lines[k]) += '\n';
      segments.push_back({std::move(joined), s.via, true});
    }
  }
  // Whole texts first, then the parts of the line (log prefix or wrapper taken off), which only
  // need the patterns that could match a part but not the whole.
  std::stable_partition(segments.begin(), segments.end(), [](const Segment& s) { return !s.part; });
  std::vector<char> tried(matcher.pattern_slots(), 0);
  // One cleaned line (the usual case): its parts are pieces of it, so its candidates stand for
  // theirs and the parts need no candidate search of their own.
  size_t whole_texts = 0;
  for (auto& s : segments) whole_texts += !s.part && s.via == "text";
  bool one_line = whole_texts == 1 && std::none_of(segments.begin(), segments.end(), [](const Segment& s) {
                    return s.joined || s.text.find('\n') != std::string::npos;
                  });
  std::vector<int> line_candidates;
  bool have_line = false;
  std::vector<std::string> lost;
  std::vector<Candidate> unit;
  for (size_t s = 0; s < segments.size(); ++s) {
    bool cleaned_line = !segments[s].part && segments[s].via == "text";
    std::vector<int> listed;
    auto hits =
        matcher.match(segments[s].text, segments[s].part ? &tried : nullptr,
                      segments[s].part && have_line ? &line_candidates : nullptr, cleaned_line ? &listed : nullptr);
    if (cleaned_line) {
      // The cleaned line: every pattern it could hold has now been tried on it.
      for (int id : listed) tried[id] = 1;
      if (one_line) {
        line_candidates = std::move(listed);
        have_line = true;
      }
    }
    if (hits.empty()) continue;
    std::vector<Candidate> cands;
    for (auto& h : hits) cands.push_back({h, tier_of(h, options_.platform), s, literal_code(segments[s].text, h)});
    // A platform's reading of a bare status line ("400 Bad Request" on OutSystems) applies only
    // when the user runs that platform; otherwise the status is just a status.
    std::erase_if(cands, [&](const Candidate& c) {
      if (!in(kPlatformProviders, provider_of(c.hit)) || provider_of(c.hit) == options_.platform) return false;
      return std::any_of(cands.begin(), cands.end(),
                         [&](const Candidate& o) { return o.tier == kStatus && overlaps(o.hit, c.hit); });
    });
    // "AADSTS50011: No reply address is registered": the message right after a code written in
    // the text is that code's own, even where a newer entry of the same tier words it so.
    for (auto& l : cands) {
      if (!l.literal) continue;
      for (auto& c : cands)
        if (!c.literal && c.tier == l.tier && c.hit.entry && c.hit.begin >= l.hit.end && c.hit.begin - l.hit.end <= 3)
          l.hit.end = std::max(l.hit.end, c.hit.begin + 1);
    }
    // Higher tier first; within a tier a code written in the text (so it keeps the text it shares
    // with an entry matched by wording), then the longest matched text; then the earliest.
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      if (a.tier != b.tier) return a.tier > b.tier;
      if (a.literal != b.literal) return a.literal;
      if (a.hit.length() != b.hit.length()) return a.hit.length() > b.hit.length();
      return a.hit.begin < b.hit.begin;
    });
    std::vector<Candidate> kept;
    for (auto& c : cands) {
      bool loses = std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
        // The platform's interpretation sits next to the IdP's error instead of replacing it.
        bool side_by_side = (k.tier == kPlatform && c.tier == kIdp) || (k.tier == kIdp && c.tier == kPlatform);
        // A wrapper never hides what it wraps, even where its pattern covers the inner code.
        bool wrapper_over_known = is_unknown_entry(k.hit) && is_cause(c);
        return !side_by_side && !wrapper_over_known && overlaps(k.hit, c.hit);
      });
      if (!loses) kept.push_back(c);
    }
    // Wrapper entries (category unknown, e.g. MsalServiceException) give way to what they wrap.
    bool known = std::any_of(kept.begin(), kept.end(),
                             [](const Candidate& c) { return c.hit.entry && !is_unknown_entry(c.hit); });
    if (known) std::erase_if(kept, [](const Candidate& c) { return is_unknown_entry(c.hit); });
    // What lost on a whole text does not come back through a part of it.
    for (auto& c : cands)
      if (std::none_of(kept.begin(), kept.end(), [&](const Candidate& k) { return k.hit.code == c.hit.code; }))
        lost.push_back(c.hit.code);
    for (auto& k : kept) {
      bool dup = std::any_of(unit.begin(), unit.end(), [&](const Candidate& u) { return u.hit.code == k.hit.code; });
      bool lost_before = segments[s].part && std::find(lost.begin(), lost.end(), k.hit.code) != lost.end();
      if (!dup && !lost_before) unit.push_back(std::move(k));
    }
  }
  if (unit.empty()) return;

  // A wrapper (category unknown) carries its cause rather than explaining it, so it does not count
  // as the provider's own error that makes generic codes redundant.
  int best = 0;
  for (auto& c : unit)
    if (!is_unknown_entry(c.hit)) best = std::max(best, c.tier);
  // Generic codes and messages in a unit that also holds a provider's own error only carried it.
  if (best >= kLibrary) std::erase_if(unit, [](const Candidate& c) { return c.tier <= kGeneric; });
  if (best > kStatus) std::erase_if(unit, [](const Candidate& c) { return c.tier == kStatus; });

  uint64_t unit_no = ++units_;
  std::string unit_text;
  for (auto& s : segments)
    if (!s.part) (unit_text += s.text) += '\n';
  for (auto& c : unit) {
    const Hit& h = c.hit;
    auto [it, fresh] = index_.emplace(h.code, diagnoses_.size());
    if (fresh) {
      Diagnosis d;
      d.entry = h.entry;
      d.family = h.family;
      d.code = h.code;
      d.provider = std::string(provider_of(h));
      d.tier = c.tier;
      if (h.entry) {
        d.category = std::string(h.entry->category);
        d.title = std::string(h.entry->title);
        d.reference = std::string(h.entry->reference);
      } else {
        d.category = "unknown";
        d.title = std::string(catalogue::display_name(d.provider)) + " error " + h.code + " (not in the catalogue)";
        d.reference = fill_family(h.family->reference, h.group);
      }
      d.evidence = excerpt(segments[c.segment].text, h);
      d.error = emitted_code(segments[c.segment].text, h.begin, h.end, h.code, unit_text, origin.context);
      d.via = segments[c.segment].via;
      d.first_line = origin.line;
      d.first_unit = unit_no;
      d.first_length = h.length();
      diagnoses_.push_back(std::move(d));
    }
    Diagnosis& d = diagnoses_[it->second];
    d.tier = std::max(d.tier, c.tier);
    ++d.count;
    if (origin.line > 0) {
      if (d.first_line == 0) d.first_line = origin.line;
      d.last_line = origin.line;
    }
    if (origin.har_entry >= 0 && d.har.size() < 20)
      d.har.push_back({origin.har_entry, redact(origin.url), origin.status});
    auto add_value = [&](const std::string& name, const std::string& value) {
      auto slot = std::find_if(d.extracted.begin(), d.extracted.end(), [&](auto& p) { return p.first == name; });
      if (slot == d.extracted.end()) {
        d.extracted.push_back({name, {}});
        slot = d.extracted.end() - 1;
      }
      std::string v = redact(value);
      if (slot->second.size() < 20 && std::find(slot->second.begin(), slot->second.end(), v) == slot->second.end())
        slot->second.push_back(std::move(v));
    };
    for (auto& [name, value] : h.extracted) add_value(name, value);
    // Request parameters next to the error fill what the message itself does not say.
    for (auto& param : context) {
      bool own = std::any_of(h.extracted.begin(), h.extracted.end(), [&](auto& p) { return p.first == param.first; });
      if (!own) add_value(param.first, param.second);
    }
  }
}

Result Diagnoser::finish() {
  Result r;
  // A wrapper ("Failed to get token from provider", "Token request failed:") gives way to a known
  // error printed next to it, typically its cause on the following lines.
  std::vector<char> gives_way(diagnoses_.size(), 0);
  for (size_t i = 0; i < diagnoses_.size(); ++i) {
    const Diagnosis& w = diagnoses_[i];
    gives_way[i] = is_wrapper(w) && std::any_of(diagnoses_.begin(), diagnoses_.end(),
                                                [&](const Diagnosis& c) { return is_cause(c) && near(w, c); });
  }
  // A generic OAuth code printed next to a provider's own error is the code that error came
  // with (the page's "Error Code: invalid_request" above its description): one problem, one
  // diagnosis, the specific one.
  auto same_error = [](const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (size_t i = 0; i < diagnoses_.size(); ++i) {
    const Diagnosis& g = diagnoses_[i];
    if (gives_way[i] || g.tier > kGeneric || g.tier == kStatus) continue;
    gives_way[i] = std::any_of(diagnoses_.begin(), diagnoses_.end(), [&](const Diagnosis& d) {
      return &d != &g && d.tier > g.tier && is_cause(d) && near(d, g) && same_error(d.error, g.error);
    });
  }
  // The platform's reading of an error and the provider's entry for it (OutSystems' "redirect
  // URI not registered" and AADSTS50011) are one problem: one diagnosis, the platform's, with the
  // provider's causes and fix folded in.
  for (size_t p = 0; p < diagnoses_.size(); ++p) {
    Diagnosis& pd = diagnoses_[p];
    if (gives_way[p] || pd.tier != kPlatform || !pd.entry) continue;
    for (size_t i = 0; i < diagnoses_.size(); ++i) {
      Diagnosis& id = diagnoses_[i];
      if (i == p || gives_way[i] || id.tier != kIdp || !id.entry || id.category != pd.category || !near(pd, id))
        continue;
      gives_way[i] = 1;
      pd.folded.push_back(id.entry);
      pd.count = std::max(pd.count, id.count);
      for (auto& field : id.extracted) {
        // Not a structured binding: clang 14 refuses capturing one in the lambda below.
        const auto& name = field.first;
        const auto& values = field.second;
        auto slot = std::find_if(pd.extracted.begin(), pd.extracted.end(), [&](auto& e) { return e.first == name; });
        if (slot == pd.extracted.end()) {
          pd.extracted.push_back({name, values});
          continue;
        }
        for (auto& v : values)
          if (std::find(slot->second.begin(), slot->second.end(), v) == slot->second.end()) slot->second.push_back(v);
      }
    }
  }
  bool specific =
      std::any_of(diagnoses_.begin(), diagnoses_.end(), [](const Diagnosis& d) { return d.tier > kStatus; });
  for (size_t i = 0; i < diagnoses_.size(); ++i)
    if (!gives_way[i] && (!specific || diagnoses_[i].tier > kStatus)) r.diagnoses.push_back(std::move(diagnoses_[i]));
  std::stable_sort(r.diagnoses.begin(), r.diagnoses.end(), [](const Diagnosis& a, const Diagnosis& b) {
    if (a.tier != b.tier) return a.tier > b.tier;
    if (a.first_unit != b.first_unit) return a.first_unit < b.first_unit;
    return a.first_length > b.first_length;
  });
  diagnoses_.clear();
  index_.clear();
  return r;
}

}  // namespace od::diagnose
