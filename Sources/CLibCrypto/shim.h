#ifndef SELFBUY_CLIBCRYPTO_SHIM_H
#define SELFBUY_CLIBCRYPTO_SHIM_H

// The system's libcrypto (OpenSSL 3): only its one-shot digest, for SHA-256 content hashes at the speed of the CPU's
// SHA extensions.
#include <openssl/evp.h>

#endif
