#ifndef SELFBUY_POPPLER_ABI_CHECK_H
#define SELFBUY_POPPLER_ABI_CHECK_H

// The major version of the poppler-glib headers the check compiled against; the check itself is at compile time.
int selfbuy_poppler_headers_major_version(void);

#endif
