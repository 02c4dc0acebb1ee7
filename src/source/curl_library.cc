#include "source/curl_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

#include "core/error.h"

namespace tp::source {

namespace {

struct Loaded {
  CurlLibrary functions{};
  std::string failure;  // empty when every function was found
};

template <typename F>
void bind(void* handle, F& slot, const char* name, std::string& failure) {
  slot = reinterpret_cast<F>(dlsym(handle, name));
  if (!slot && failure.empty()) failure = std::string("has no function ") + name;
}

Loaded load() {
  Loaded l;
  // RTLD_LOCAL: nothing else in the process resolves symbols against libcurl's dependencies.
  void* handle = dlopen(kCurlSoname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    l.failure = std::string("cannot be loaded (") + (why ? why : "unknown reason") +
                "); fetching URLs needs Debian's libcurl4";
    return l;
  }
  CurlLibrary& f = l.functions;
  std::string& e = l.failure;
  bind(handle, f.global_init, "curl_global_init", e);
  bind(handle, f.free, "curl_free", e);
  bind(handle, f.slist_append, "curl_slist_append", e);
  bind(handle, f.slist_free_all, "curl_slist_free_all", e);
  bind(handle, f.easy_init, "curl_easy_init", e);
  bind(handle, f.easy_setopt, "curl_easy_setopt", e);
  bind(handle, f.easy_getinfo, "curl_easy_getinfo", e);
  bind(handle, f.easy_cleanup, "curl_easy_cleanup", e);
  bind(handle, f.easy_strerror, "curl_easy_strerror", e);
  bind(handle, f.multi_init, "curl_multi_init", e);
  bind(handle, f.multi_setopt, "curl_multi_setopt", e);
  bind(handle, f.multi_add_handle, "curl_multi_add_handle", e);
  bind(handle, f.multi_remove_handle, "curl_multi_remove_handle", e);
  bind(handle, f.multi_perform, "curl_multi_perform", e);
  bind(handle, f.multi_poll, "curl_multi_poll", e);
  bind(handle, f.multi_info_read, "curl_multi_info_read", e);
  bind(handle, f.multi_cleanup, "curl_multi_cleanup", e);
  bind(handle, f.url, "curl_url", e);
  bind(handle, f.url_set, "curl_url_set", e);
  bind(handle, f.url_get, "curl_url_get", e);
  bind(handle, f.url_cleanup, "curl_url_cleanup", e);
  // Never dlclose: handles and callbacks into libcurl may live until exit.
  return l;
}

}  // namespace

const CurlLibrary& curl() {
  static const Loaded loaded = load();  // thread-safe initialisation (C++11 statics)
  if (!loaded.failure.empty()) throw Error(ErrorCode::Internal, kCurlSoname, loaded.failure);
  return loaded.functions;
}

}  // namespace tp::source
