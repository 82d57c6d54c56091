#include "core/curl_api.h"

#include <dlfcn.h>

namespace od {

namespace {
struct Loaded {
  CurlApi api{};
  std::string error;
  bool ok = false;
};

Loaded load() {
  Loaded l;
  void* h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char* e = dlerror();
    l.error = std::string("cannot load libcurl (package libcurl4): ") + (e ? e : "unknown reason");
    return l;
  }
  bool missing = false;
  auto sym = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(h, name));
    if (!fn && !missing) {
      missing = true;
      l.error = std::string("libcurl lacks ") + name + " (too old?)";
    }
  };
  auto& a = l.api;
  sym(a.global_init, "curl_global_init");
  sym(a.easy_init, "curl_easy_init");
  sym(a.easy_setopt, "curl_easy_setopt");
  sym(a.easy_getinfo, "curl_easy_getinfo");
  sym(a.easy_perform, "curl_easy_perform");
  sym(a.easy_cleanup, "curl_easy_cleanup");
  sym(a.easy_strerror, "curl_easy_strerror");
  sym(a.slist_append, "curl_slist_append");
  sym(a.slist_free_all, "curl_slist_free_all");
  sym(a.multi_init, "curl_multi_init");
  sym(a.multi_setopt, "curl_multi_setopt");
  sym(a.multi_add_handle, "curl_multi_add_handle");
  sym(a.multi_remove_handle, "curl_multi_remove_handle");
  sym(a.multi_perform, "curl_multi_perform");
  sym(a.multi_poll, "curl_multi_poll");
  sym(a.multi_info_read, "curl_multi_info_read");
  sym(a.multi_cleanup, "curl_multi_cleanup");
  decltype(&curl_version_info) version_info = nullptr;
  sym(version_info, "curl_version_info");
  if (missing) return l;
  // CURLOPT_PROTOCOLS_STR and CURLOPT_REDIR_PROTOCOLS_STR, which keep probes on http(s) and
  // redirects off plain http, arrived in 7.85.0; an older libcurl would refuse them.
  constexpr unsigned kMinimum = (7u << 16) | (85u << 8);
  const curl_version_info_data* v = version_info(CURLVERSION_NOW);
  if (!v || v->version_num < kMinimum) {
    l.error = std::string("libcurl ") + (v && v->version ? v->version : "(unknown version)") +
              " is older than 7.85.0, which preflight needs";
    return l;
  }
  if (a.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    l.error = "curl_global_init failed";
    return l;
  }
  l.ok = true;
  return l;
}
}  // namespace

const CurlApi* curl_api(std::string* error) {
  static const Loaded loaded = load();  // once, thread-safe
  if (!loaded.ok) {
    if (error) *error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace od
