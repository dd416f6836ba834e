// libcurl loaded on first use (curl_api.h says why), by whichever thread starts the first HTTP transfer.
#define _GNU_SOURCE
#include "curl_api.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static selfbuy_curl_api api;
static const selfbuy_curl_api *loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/// Resolves one symbol into *slot; 0, or -1 with the reason in `failure`.
static int resolve(void *handle, const char *name, void *slot) {
    void *symbol = dlsym(handle, name);
    if (symbol == NULL) {
        snprintf(failure, sizeof failure, "%s has no %s (not libcurl 4?)", SELFBUY_CURL_LIBRARY, name);
        return -1;
    }
    // A data pointer and a function pointer have the same representation on every platform with dlsym (POSIX).
    memcpy(slot, &symbol, sizeof symbol);
    return 0;
}

static void load(void) {
    // RTLD_NOW binds every symbol here, once; RTLD_LOCAL keeps libcurl's dependencies (GnuTLS, Kerberos…) out of the
    // global scope, where they could shadow a name another library looks up.
    void *handle = dlopen(SELFBUY_CURL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        // dlerror names the library itself ("libcurl.so.4: cannot open shared object file: …").
        snprintf(failure, sizeof failure, "%s", reason != NULL ? reason : SELFBUY_CURL_LIBRARY ": cannot be loaded");
        for (char *c = failure; *c; c++) {
            if (*c == '\n') *c = ' ';
        }
        return;
    }
    if (resolve(handle, "curl_global_init", &api.global_init) || resolve(handle, "curl_easy_init", &api.easy_init)
        || resolve(handle, "curl_easy_setopt", &api.easy_setopt)
        || resolve(handle, "curl_easy_perform", &api.easy_perform)
        || resolve(handle, "curl_easy_getinfo", &api.easy_getinfo)
        || resolve(handle, "curl_easy_strerror", &api.easy_strerror)
        || resolve(handle, "curl_easy_cleanup", &api.easy_cleanup)
        || resolve(handle, "curl_slist_append", &api.slist_append)
        || resolve(handle, "curl_slist_free_all", &api.slist_free_all)) {
        // The library stays loaded: the answer does not change, and unloading what it initialised is not supported.
        return;
    }
    // Once, before any transfer, under pthread_once: other threads run by now, so this relies on libcurl's
    // curl_global_init being thread-safe against the rest of the process (Debian's 7.88.1 reports
    // CURL_VERSION_THREADSAFE), while pthread_once keeps two transfers from initialising it at the same time.
    CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(failure, sizeof failure, "%s: curl_global_init failed: %s", SELFBUY_CURL_LIBRARY,
                 api.easy_strerror(code));
        return;
    }
    loaded = &api;
}

const selfbuy_curl_api *selfbuy_curl(const char **error) {
    pthread_once(&once, load);
    if (loaded == NULL && error != NULL) *error = failure;
    return loaded;
}
