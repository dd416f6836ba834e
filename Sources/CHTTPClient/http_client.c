// libcurl's easy interface with the caps selfbuy needs, which URLSession on Linux cannot give: libcurl decodes gzip
// and deflate in its own write path, and URLSession queues whatever arrives for its delegate, so a body cut at the cap
// or a 1 MiB gzip inflating to 1 GiB was held in memory before it could be refused. Here the write callback sees each
// decoded chunk (at most 16 KiB) and stops the transfer when the cap would be passed.
#include "selfbuy_http.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "curl_api.h"

/// Response headers beyond this are a fault, not a feed.
#define HEADER_LIMIT (256 * 1024)

struct selfbuy_http_token {
    atomic_int cancelled;
};

selfbuy_http_token *selfbuy_http_token_new(void) {
    selfbuy_http_token *token = malloc(sizeof *token);
    if (token != NULL) atomic_init(&token->cancelled, 0);
    return token;
}

void selfbuy_http_token_cancel(selfbuy_http_token *token) { atomic_store(&token->cancelled, 1); }

void selfbuy_http_token_free(selfbuy_http_token *token) { free(token); }

typedef struct {
    const selfbuy_http_request *request;
    selfbuy_http_response *response;
    size_t body_capacity;
    size_t header_capacity;
    int too_large;
    int headers_too_large;
    int cancelled;
} transfer;

static int grow(void **buffer, size_t *capacity, size_t needed, size_t limit) {
    if (needed <= *capacity) return 1;
    size_t next = *capacity ? *capacity : 16384;
    while (next < needed) next *= 2;
    if (next > limit) next = limit;
    if (next < needed) return 0;
    void *grown = realloc(*buffer, next);
    if (grown == NULL) return 0;
    *buffer = grown;
    *capacity = next;
    return 1;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    transfer *state = context;
    size_t length = size * count;
    selfbuy_http_response *response = state->response;
    if (length > state->request->size_limit - response->body_length) {
        state->too_large = 1;
        return 0;
    }
    if (!grow((void **)&response->body, &state->body_capacity, response->body_length + length,
              state->request->size_limit)) {
        state->too_large = 1;
        return 0;
    }
    memcpy(response->body + response->body_length, data, length);
    response->body_length += length;
    return length;
}

/// The value of a header line named `name` (case-insensitive), or NULL.
static const char *header_value(const char *line, size_t length, const char *name) {
    size_t name_length = strlen(name);
    if (length <= name_length || line[name_length] != ':' || strncasecmp(line, name, name_length) != 0) return NULL;
    const char *value = line + name_length + 1;
    while (*value == ' ' || *value == '\t') value++;
    return value;
}

/// At the end of the headers: a body declared larger than the cap, and not compressed (so the declared size is the
/// size read), is refused before any of it is read.
static int declared_too_large(const transfer *state) {
    const char *block = state->response->header_block;
    long long declared = -1;
    int identity = 1;
    for (const char *line = block; line != NULL && *line != 0;) {
        const char *end = strstr(line, "\r\n");
        size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
        const char *value;
        if ((value = header_value(line, length, "Content-Length")) != NULL) declared = strtoll(value, NULL, 10);
        if ((value = header_value(line, length, "Content-Encoding")) != NULL) {
            identity = strncasecmp(value, "identity", 8) == 0 || *value == '\r' || *value == 0;
        }
        line = end != NULL ? end + 2 : NULL;
    }
    return identity && declared >= 0 && (unsigned long long)declared > state->request->size_limit;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
    transfer *state = context;
    size_t length = size * count;
    selfbuy_http_response *response = state->response;
    // A new status line (after a 100 Continue): only the final response's headers are kept.
    if (length >= 5 && memcmp(data, "HTTP/", 5) == 0) response->header_length = 0;
    if (response->header_length + length + 1 > HEADER_LIMIT
        || !grow((void **)&response->header_block, &state->header_capacity, response->header_length + length + 1,
                 HEADER_LIMIT)) {
        state->headers_too_large = 1;
        return 0;
    }
    memcpy(response->header_block + response->header_length, data, length);
    response->header_length += length;
    response->header_block[response->header_length] = 0;
    if ((length == 2 && data[0] == '\r') || (length == 1 && data[0] == '\n')) {
        if (declared_too_large(state)) {
            state->too_large = 1;
            return 0;
        }
    }
    return length;
}

static int on_progress(void *context, curl_off_t down_total, curl_off_t down_now, curl_off_t up_total,
                       curl_off_t up_now) {
    (void)down_total, (void)down_now, (void)up_total, (void)up_now;
    transfer *state = context;
    if (state->request->token != NULL && atomic_load(&state->request->token->cancelled)) {
        state->cancelled = 1;
        return 1;
    }
    return 0;
}

static int outcome_of(CURLcode code, const transfer *state) {
    if (state->too_large) return SELFBUY_HTTP_TOO_LARGE;
    if (state->headers_too_large) return SELFBUY_HTTP_HEADERS_TOO_LARGE;
    if (state->cancelled) return SELFBUY_HTTP_CANCELLED;
    switch (code) {
        case CURLE_OK: return SELFBUY_HTTP_OK;
        case CURLE_OPERATION_TIMEDOUT: return SELFBUY_HTTP_TIMED_OUT;
        case CURLE_COULDNT_CONNECT: return SELFBUY_HTTP_REFUSED;
        case CURLE_COULDNT_RESOLVE_HOST: return SELFBUY_HTTP_HOST_NOT_FOUND;
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING: return SELFBUY_HTTP_CUT_SHORT;
        default: return SELFBUY_HTTP_OTHER;
    }
}

void selfbuy_http_perform(const selfbuy_http_request *request, selfbuy_http_response *response) {
    memset(response, 0, sizeof *response);
    const char *reason = NULL;
    const selfbuy_curl_api *api = selfbuy_curl(&reason);
    if (api == NULL) {
        response->outcome = SELFBUY_HTTP_UNAVAILABLE;
        snprintf(response->message, sizeof response->message, "%s", reason);
        return;
    }
    transfer state = {.request = request, .response = response};
    CURL *curl = api->easy_init();
    if (curl == NULL) {
        response->outcome = SELFBUY_HTTP_OTHER;
        strcpy(response->message, "libcurl could not start a transfer");
        return;
    }
    char error[CURL_ERROR_SIZE] = {0};
    struct curl_slist *headers = NULL;
    for (size_t index = 0; index < request->header_count; index++) {
        struct curl_slist *next = api->slist_append(headers, request->headers[index]);
        if (next != NULL) headers = next;
    }
    api->easy_setopt(curl, CURLOPT_URL, request->url);
    api->easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api->easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api->easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    api->easy_setopt(curl, CURLOPT_TIMEOUT_MS, request->timeout_ms);
    api->easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
    api->easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    api->easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (request->accept_encoding != NULL) api->easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, request->accept_encoding);
    api->easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    api->easy_setopt(curl, CURLOPT_WRITEDATA, &state);
    api->easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    api->easy_setopt(curl, CURLOPT_HEADERDATA, &state);
    api->easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    api->easy_setopt(curl, CURLOPT_XFERINFODATA, &state);
    api->easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    if (request->body != NULL) {
        api->easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_length);
        api->easy_setopt(curl, CURLOPT_POSTFIELDS, (const char *)request->body);
    }
    if (request->method != NULL && strcmp(request->method, "GET") != 0
        && !(strcmp(request->method, "POST") == 0 && request->body != NULL)) {
        api->easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request->method);
    }
    if (request->method != NULL && strcmp(request->method, "HEAD") == 0) api->easy_setopt(curl, CURLOPT_NOBODY, 1L);
    CURLcode code = api->easy_perform(curl);
    api->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
    response->outcome = outcome_of(code, &state);
    if (response->outcome == SELFBUY_HTTP_OTHER) {
        const char *text = error[0] != 0 ? error : api->easy_strerror(code);
        strncpy(response->message, text, sizeof response->message - 1);
    }
    if (response->outcome != SELFBUY_HTTP_OK) {
        // What was read of a refused body is released now, not carried back.
        free(response->body);
        response->body = NULL;
        response->body_length = 0;
    }
    api->slist_free_all(headers);
    api->easy_cleanup(curl);
}

void selfbuy_http_response_free(selfbuy_http_response *response) {
    free(response->body);
    free(response->header_block);
    response->body = NULL;
    response->header_block = NULL;
}
