// libcurl, opened with dlopen the first time a URL is parsed or fetched rather than linked: loading it
// and the libraries it brings (Kerberos, LDAP, SSH, OpenSSL's libssl, …) costs about 2 ms of CPU at
// every start (bench/README.md, "The text path"), and converting a local file never calls it. The
// types and constants still come from <curl/curl.h>; only the calls go through this table. The one
// file that includes curl, itself included only by curl_fetcher.cc and url_parts.cc.
#pragma once

#include <curl/curl.h>

namespace tp::source {

// The Debian 12 SONAME loaded; the runtime package that holds it (libcurl4) is a declared dependency
// of the .deb, since dpkg-shlibdeps cannot see a library that is not linked.
inline constexpr const char* kCurlSoname = "libcurl.so.4";

// The libcurl functions threadpdf calls, each named as in curl.h without its "curl_" prefix.
struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_free) free;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_setopt) multi_setopt;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_url) url;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_url_cleanup) url_cleanup;
};

// The table, libcurl loaded on the first call (from any thread; later calls only read it) and kept
// until the process exits. Throws Error (Internal, where "libcurl.so.4") when the library or one of
// the functions cannot be found, every call again, so the message names the cause each time.
const CurlLibrary& curl();

}  // namespace tp::source
