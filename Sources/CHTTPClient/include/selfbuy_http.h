#ifndef SELFBUY_HTTP_H
#define SELFBUY_HTTP_H

#include <stddef.h>
#include <stdint.h>

// One HTTP exchange through libcurl (loaded with dlopen at the first one: curl_api.h), without following redirects (the caller counts and vets them). The body is
// decoded (gzip, deflate) as it arrives and counted after decoding: the transfer stops at once, holding at most
// size_limit bytes, when the decoded body would pass the cap or a declared identity Content-Length does.

typedef struct selfbuy_http_token selfbuy_http_token;

// A cancellation flag shared between the caller and a transfer in progress (which stops within about a second).
selfbuy_http_token *selfbuy_http_token_new(void);
void selfbuy_http_token_cancel(selfbuy_http_token *token);
void selfbuy_http_token_free(selfbuy_http_token *token);

typedef struct {
    const char *url;
    const char *method;
    const unsigned char *body;  // NULL: no body
    size_t body_length;
    const char *const *headers;  // "Name: value" lines
    size_t header_count;
    const char *accept_encoding;  // NULL: none asked for, nothing decoded
    long timeout_ms;
    long connect_timeout_ms;
    size_t size_limit;
    selfbuy_http_token *token;
} selfbuy_http_request;

enum {
    SELFBUY_HTTP_OK = 0,
    SELFBUY_HTTP_TOO_LARGE = 1,
    SELFBUY_HTTP_TIMED_OUT = 2,
    SELFBUY_HTTP_CANCELLED = 3,
    SELFBUY_HTTP_REFUSED = 4,
    SELFBUY_HTTP_HOST_NOT_FOUND = 5,
    SELFBUY_HTTP_CUT_SHORT = 6,
    SELFBUY_HTTP_HEADERS_TOO_LARGE = 7,
    SELFBUY_HTTP_OTHER = 8,
    SELFBUY_HTTP_UNAVAILABLE = 9,  // libcurl could not be loaded; message says why, naming the library
};

typedef struct {
    int outcome;
    long status;
    unsigned char *body;  // malloc'd; selfbuy_http_response_free
    size_t body_length;
    char *header_block;  // the final response's header lines, CRLF-separated, NUL-terminated; malloc'd
    size_t header_length;
    char message[256];  // libcurl's description of an OTHER outcome; the loader's of an UNAVAILABLE one
} selfbuy_http_response;

void selfbuy_http_perform(const selfbuy_http_request *request, selfbuy_http_response *response);
void selfbuy_http_response_free(selfbuy_http_response *response);

#endif
