// libcurl, loaded on first use. Linking it would make every run pay for loading libcurl and its
// dependency chain (TLS, Kerberos, LDAP...: about 5 ms per process), which matters for `lint`
// and `diagnose` that never touch the network. curl.h is used for types and constants only.
#pragma once
#include <curl/curl.h>

#include <string>

namespace od {

struct CurlApi {
  decltype(&curl_global_init) global_init;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_getinfo) easy_getinfo;
  decltype(&curl_easy_perform) easy_perform;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
  decltype(&curl_multi_init) multi_init;
  decltype(&curl_multi_setopt) multi_setopt;
  decltype(&curl_multi_add_handle) multi_add_handle;
  decltype(&curl_multi_remove_handle) multi_remove_handle;
  decltype(&curl_multi_perform) multi_perform;
  decltype(&curl_multi_poll) multi_poll;
  decltype(&curl_multi_info_read) multi_info_read;
  decltype(&curl_multi_cleanup) multi_cleanup;
};

// Loads libcurl once (thread-safe) and calls curl_global_init. Null when it cannot be loaded; the
// reason goes to `error`. Callers check it once where network use starts.
const CurlApi* curl_api(std::string* error = nullptr);
// For code that runs after such a check succeeded.
inline const CurlApi& curl() { return *curl_api(); }

}  // namespace od
