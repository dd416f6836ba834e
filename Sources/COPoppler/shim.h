#ifndef SELFBUY_COPOPPLER_SHIM_H
#define SELFBUY_COPOPPLER_SHIM_H

// poppler's GLib interface (poppler_document_new_from_bytes, poppler_page_get_text, the Info dictionary's title and
// dates). selfbuy calls it from C only (Sources/CPDFText), in a child process; Swift never holds a poppler object.
#include <poppler.h>

#endif
