#ifndef SELFBUY_CURL_API_H
#define SELFBUY_CURL_API_H

// The part of libcurl that http_client.c calls, reached through dlopen on the first HTTP transfer: linked, libcurl.so.4
// brings some twenty-five libraries (nghttp2, idn2, rtmp, ssh2, psl, GSSAPI/Kerberos, LDAP, SASL, GnuTLS, nettle,
// brotli, zstd…) into every selfbuy process, and binding them was about a fifth of `selfbuy --version`'s start-up.
//
// Unlike poppler_api.h, nothing here is written by hand: each pointer's type is taken with __typeof__ from the
// declaration in <curl/curl.h> (a header include adds nothing to the link line; only a systemLibrary or pkg-config
// target would add -lcurl), and the options, codes and info constants are curl's own. A prototype cannot differ from
// the headers the target compiled against; what is assumed is libcurl.so.4's ABI, which those headers describe.

#include <curl/curl.h>

/// The library's name as the loader finds it (its soname), also the one a missing-library error names.
#define SELFBUY_CURL_LIBRARY "libcurl.so.4"

/// The functions http_client.c calls, each named as in libcurl without its `curl_` prefix.
typedef struct {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_perform) *easy_perform;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
} selfbuy_curl_api;

/// Loads libcurl and runs curl_global_init on the first call (later calls return the same answer) and returns its
/// functions, or NULL with a one-line reason that names the library in *error (static storage). Safe from several
/// threads.
const selfbuy_curl_api *selfbuy_curl(const char **error);

#endif
