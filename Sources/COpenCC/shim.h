#ifndef SELFBUY_COPENCC_SHIM_H
#define SELFBUY_COPENCC_SHIM_H

// OpenCC's C interface (opencc_open, opencc_convert_utf8, opencc_close): selfbuy reads its Traditional→Simplified
// character dictionary one character at a time.
#include <opencc/opencc.h>

#endif
