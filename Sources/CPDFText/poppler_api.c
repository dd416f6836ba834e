// poppler-glib loaded on first use (poppler_api.h says why). The reader process calls selfbuy_poppler before it forks a
// supervisor, so poppler is loaded once per selfbuy process, in a process with one thread, and each reader starts with
// it mapped and its symbols bound; the in-process reader (fuzzing) loads it in the calling process.
#define _GNU_SOURCE
#include "poppler_api.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static selfbuy_poppler_api api;
static const selfbuy_poppler_api *loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/// Resolves one symbol into *slot; 0, or -1 with the reason in `failure`. The GLib and GObject functions are found
/// through poppler's handle: dlsym searches a library's dependencies too.
static int resolve(void *handle, const char *name, void *slot) {
    void *symbol = dlsym(handle, name);
    if (symbol == NULL) {
        snprintf(failure, sizeof failure, "%s has no %s (not poppler-glib 8?)", SELFBUY_POPPLER_LIBRARY, name);
        return -1;
    }
    // A data pointer and a function pointer have the same representation on every platform with dlsym (POSIX).
    memcpy(slot, &symbol, sizeof symbol);
    return 0;
}

static void load(void) {
    // RTLD_NOW binds every symbol here, once, rather than in each reader forked afterwards; RTLD_LOCAL keeps GLib's
    // names out of the global scope.
    void *handle = dlopen(SELFBUY_POPPLER_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        // dlerror names the library itself ("libpoppler-glib.so.8: cannot open shared object file: …").
        snprintf(failure, sizeof failure, "%s", reason != NULL ? reason : SELFBUY_POPPLER_LIBRARY ": cannot be loaded");
        for (char *c = failure; *c; c++) {
            if (*c == '\n') *c = ' ';
        }
        return;
    }
    if (resolve(handle, "g_bytes_new_static", &api.bytes_new_static) || resolve(handle, "g_bytes_unref", &api.bytes_unref)
        || resolve(handle, "g_clear_error", &api.clear_error) || resolve(handle, "g_free", &api.free)
        || resolve(handle, "g_date_time_to_unix", &api.date_time_to_unix)
        || resolve(handle, "g_date_time_unref", &api.date_time_unref)
        || resolve(handle, "g_object_unref", &api.object_unref)
        || resolve(handle, "poppler_error_quark", &api.error_quark)
        || resolve(handle, "poppler_document_new_from_bytes", &api.document_new_from_bytes)
        || resolve(handle, "poppler_document_get_n_pages", &api.document_get_n_pages)
        || resolve(handle, "poppler_document_get_title", &api.document_get_title)
        || resolve(handle, "poppler_document_get_creation_date_time", &api.document_get_creation_date_time)
        || resolve(handle, "poppler_document_get_modification_date_time", &api.document_get_modification_date_time)
        || resolve(handle, "poppler_document_get_page", &api.document_get_page)
        || resolve(handle, "poppler_page_get_text", &api.page_get_text)) {
        // The library stays loaded: unloading GLib is not supported, and the answer does not change.
        return;
    }
    loaded = &api;
}

const selfbuy_poppler_api *selfbuy_poppler(const char **error) {
    pthread_once(&once, load);
    if (loaded == NULL && error != NULL) *error = failure;
    return loaded;
}
