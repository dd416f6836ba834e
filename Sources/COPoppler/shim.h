#ifndef SELFBUY_COPOPPLER_SHIM_H
#define SELFBUY_COPOPPLER_SHIM_H

// poppler's GLib interface (poppler_document_new_from_bytes, poppler_page_get_text, the Info dictionary's title and
// dates). selfbuy calls it from C only (Sources/CPDFText), in a child process that loads it with dlopen; Swift never
// holds a poppler object. These headers check CPDFText's own declarations (Sources/CPopplerABICheck); nothing selfbuy
// ships links this module.
#include <poppler.h>

#endif
