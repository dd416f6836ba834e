#ifndef SELFBUY_POPPLER_API_H
#define SELFBUY_POPPLER_API_H

// The part of poppler-glib (and of the GLib and GObject it brings) that pdf_text.c calls, reached through dlopen: only
// the reader process loads poppler, and only when it reads a PDF. Linked, libpoppler-glib.so.8 drags some fifty
// libraries (GLib, GObject, cairo, freetype, fontconfig, lcms, X11…) into every selfbuy process, and the loader's
// symbol lookups over them were about 40 % of the start-up of `selfbuy --version`.
//
// The few types and prototypes are declared here rather than taken from <poppler.h>: a target that includes poppler's
// headers gets SwiftPM's `pkg-config --libs poppler-glib` on its link line, which is what this file exists to avoid.
// They are part of the stable ABI of libpoppler-glib.so.8 and GLib 2; Sources/CPopplerABICheck compiles this header
// against the real headers (Debian's libpoppler-glib-dev) and fails the build on any difference.

#include <stddef.h>
#include <stdint.h>

/// The library's name as the loader finds it (its soname), also the one a missing-library error names.
#define SELFBUY_POPPLER_LIBRARY "libpoppler-glib.so.8"

/// POPPLER_ERROR_ENCRYPTED in poppler's PopplerError enum.
#define SELFBUY_POPPLER_ERROR_ENCRYPTED 1

/// The fields of GLib's public error struct (glib/gerror.h) that pdf_text.c reads.
#define SELFBUY_GERROR_FIELDS                                                                                         \
    uint32_t domain;                                                                                                  \
    int code;                                                                                                         \
    char *message;

#ifndef SELFBUY_POPPLER_REAL_HEADERS
typedef struct _GBytes GBytes;
typedef struct _GDateTime GDateTime;
typedef struct _PopplerDocument PopplerDocument;
typedef struct _PopplerPage PopplerPage;
typedef struct _GError GError;
struct _GError {
    SELFBUY_GERROR_FIELDS
};
#endif

/// The functions pdf_text.c calls, each named as in the library without its `g_` or `poppler_` prefix.
typedef struct {
    GBytes *(*bytes_new_static)(const void *data, size_t size);
    void (*bytes_unref)(GBytes *bytes);
    void (*clear_error)(GError **error);
    void (*free)(void *memory);
    int64_t (*date_time_to_unix)(GDateTime *date);
    void (*date_time_unref)(GDateTime *date);
    void (*object_unref)(void *object);
    uint32_t (*error_quark)(void);
    PopplerDocument *(*document_new_from_bytes)(GBytes *bytes, const char *password, GError **error);
    int (*document_get_n_pages)(PopplerDocument *document);
    char *(*document_get_title)(PopplerDocument *document);
    GDateTime *(*document_get_creation_date_time)(PopplerDocument *document);
    GDateTime *(*document_get_modification_date_time)(PopplerDocument *document);
    PopplerPage *(*document_get_page)(PopplerDocument *document, int index);
    char *(*page_get_text)(PopplerPage *page);
} selfbuy_poppler_api;

/// Loads poppler-glib on the first call (later calls return the same answer) and returns its functions, or NULL with
/// a one-line reason that names the library in *error (static storage). Safe from several threads; in a process that
/// forks, call it before forking so that children inherit the library instead of each loading it again.
const selfbuy_poppler_api *selfbuy_poppler(const char **error);

#endif
