// Probe-response classification: an authorization or token endpoint's answer (status, headers,
// body) read against each provider's catalogue entries. Input: a status line ("302"), header
// lines, a blank line, then the body; what is missing stays empty.
#include "probes/classify.h"
#include "core/uri.h"
#include "fuzz.h"
#include "providers/provider.h"

OD_FUZZ_TARGET(classify) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  od::HttpResponse resp;
  size_t pos = 0;
  auto next_line = [&]() {
    size_t nl = in.find('\n', pos);
    std::string_view line = in.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? in.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  std::string_view status = next_line();
  for (char c : status.substr(0, 3))
    if (c >= '0' && c <= '9') resp.status = resp.status * 10 + (c - '0');
  while (pos < in.size()) {
    std::string_view line = next_line();
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string value(line.substr(colon + 1));
    value.erase(0, value.find_first_not_of(' '));
    resp.headers.push_back({od::to_lower(line.substr(0, colon)), value});
  }
  resp.body = std::string(in.substr(pos));
  if (resp.status == 0) resp.failure = size % 2 ? od::Failure::Timeout : od::Failure::None;
  if (!resp.ok()) resp.error = "timed out";
  for (auto kind : od::providers::kinds()) {
    auto a = od::probes::classify_authorize(kind, resp, "https://apps.example.com/oidc/callback");
    OD_FUZZ_CHECK(od::fuzz::one_line(a.detail));
    auto t = od::probes::classify_token(kind, resp);
    OD_FUZZ_CHECK(od::fuzz::one_line(t.detail));
    (void)od::probes::rejected_secret_hint(t);
  }
  (void)od::probes::page_text(resp.body);
  return 0;
}
