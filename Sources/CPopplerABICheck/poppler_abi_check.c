// Compiles CPDFText's own declarations of poppler-glib (poppler_api.h, reached through dlopen) against poppler's and
// GLib's real headers, and fails the build where they differ: a prototype, a struct field, a constant. A target of its
// own because including <poppler.h> puts poppler on the link line; only the test bundle links this one.
#include <poppler.h>
#include <stddef.h>

#include "poppler_abi_check.h"
#define SELFBUY_POPPLER_REAL_HEADERS
#include "../CPDFText/poppler_api.h"

#define SAME_TYPE(field, function)                                                                                 \
    _Static_assert(__builtin_types_compatible_p(__typeof__(((selfbuy_poppler_api *)0)->field), __typeof__(&function)), \
                   #field " differs from " #function " in poppler's headers")

SAME_TYPE(bytes_new_static, g_bytes_new_static);
SAME_TYPE(bytes_unref, g_bytes_unref);
SAME_TYPE(clear_error, g_clear_error);
SAME_TYPE(free, g_free);
SAME_TYPE(date_time_to_unix, g_date_time_to_unix);
SAME_TYPE(date_time_unref, g_date_time_unref);
SAME_TYPE(object_unref, g_object_unref);
SAME_TYPE(error_quark, poppler_error_quark);
SAME_TYPE(document_new_from_bytes, poppler_document_new_from_bytes);
SAME_TYPE(document_get_n_pages, poppler_document_get_n_pages);
SAME_TYPE(document_get_title, poppler_document_get_title);
SAME_TYPE(document_get_creation_date_time, poppler_document_get_creation_date_time);
SAME_TYPE(document_get_modification_date_time, poppler_document_get_modification_date_time);
SAME_TYPE(document_get_page, poppler_document_get_page);
SAME_TYPE(page_get_text, poppler_page_get_text);

_Static_assert(SELFBUY_POPPLER_ERROR_ENCRYPTED == POPPLER_ERROR_ENCRYPTED, "POPPLER_ERROR_ENCRYPTED moved");
// GError as poppler_api.h declares it without GLib: the same fields at the same offsets.
struct declared_error {
    SELFBUY_GERROR_FIELDS
};
#define SAME_FIELD(name)                                                                                              \
    _Static_assert(offsetof(GError, name) == offsetof(struct declared_error, name)                                    \
                       && sizeof(((GError *)0)->name) == sizeof(((struct declared_error *)0)->name),                  \
                   "GError." #name " differs")
SAME_FIELD(domain);
SAME_FIELD(code);
SAME_FIELD(message);
_Static_assert(sizeof(GError) == sizeof(struct declared_error), "GError's size differs");

int selfbuy_poppler_headers_major_version(void) { return POPPLER_MAJOR_VERSION; }
