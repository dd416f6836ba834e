// PDF text through poppler-glib, as records (selfbuy_pdf.h), into a buffer or a pipe. In C because the reader process
// (pdf_reader_process.c) must not run Swift code. poppler is reached through the functions poppler_api.c loads.
#define _GNU_SOURCE
#include "selfbuy_pdf.h"
#include "pdf_extract.h"
#include "poppler_api.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/// Where records go: a file descriptor (the child) or a growing buffer (in process).
typedef struct {
    int fd;
    unsigned char *buffer;
    size_t length;
    size_t capacity;
    int failed;
} sink;

static void put(sink *out, const void *data, size_t count) {
    if (out->failed || count == 0) return;
    if (out->fd >= 0) {
        const unsigned char *bytes = data;
        while (count > 0) {
            ssize_t written = write(out->fd, bytes, count);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) {
                out->failed = 1;
                return;
            }
            bytes += written;
            count -= (size_t)written;
        }
        return;
    }
    if (out->length + count > out->capacity) {
        size_t capacity = out->capacity ? out->capacity : 4096;
        while (capacity < out->length + count) capacity *= 2;
        unsigned char *grown = realloc(out->buffer, capacity);
        if (grown == NULL) {
            out->failed = 1;
            return;
        }
        out->buffer = grown;
        out->capacity = capacity;
    }
    memcpy(out->buffer + out->length, data, count);
    out->length += count;
}

static void record(sink *out, char tag, const void *data, size_t count) {
    unsigned char head[5] = {(unsigned char)tag, count & 0xFF, (count >> 8) & 0xFF, (count >> 16) & 0xFF,
                             (count >> 24) & 0xFF};
    put(out, head, sizeof head);
    put(out, data, count);
}

static void record_number(sink *out, char tag, long long value) {
    char text[32];
    int count = snprintf(text, sizeof text, "%lld", value);
    record(out, tag, text, (size_t)count);
}

static void record_date(const selfbuy_poppler_api *poppler, sink *out, char tag, GDateTime *date) {
    if (date == NULL) return;
    record_number(out, tag, (long long)poppler->date_time_to_unix(date));
    poppler->date_time_unref(date);
}

/// A failure record: its kind ('e' encrypted, 'd' damaged, 'l' poppler could not be loaded), then the message.
static void record_failure(sink *out, char kind, const char *message) {
    size_t count = strlen(message);
    char *failure = malloc(count + 1);
    if (failure != NULL) {
        failure[0] = kind;
        memcpy(failure + 1, message, count);
        record(out, SELFBUY_PDF_FAILURE, failure, count + 1);
        free(failure);
    }
}

/// The longest prefix of at most `limit` bytes that does not cut a UTF-8 sequence.
static size_t utf8_prefix(const char *text, size_t limit) {
    while (limit > 0 && ((unsigned char)text[limit] & 0xC0) == 0x80) limit--;
    return limit;
}

static void extract(const unsigned char *bytes, size_t length, int max_pages, size_t max_text, sink *out) {
    const char *missing = NULL;
    const selfbuy_poppler_api *poppler = selfbuy_poppler(&missing);
    if (poppler == NULL) {
        // Not installed (or not the expected version): a failure of this document, reported like any other.
        record_failure(out, 'l', missing);
        record(out, SELFBUY_PDF_END, NULL, 0);
        return;
    }
    GBytes *data = poppler->bytes_new_static(bytes, length);
    GError *error = NULL;
    PopplerDocument *document = poppler->document_new_from_bytes(data, NULL, &error);
    if (document == NULL) {
        int encrypted = error != NULL && error->domain == poppler->error_quark()
                        && error->code == SELFBUY_POPPLER_ERROR_ENCRYPTED;
        record_failure(out, encrypted ? 'e' : 'd',
                       error != NULL && error->message != NULL ? error->message : "unknown error");
        poppler->clear_error(&error);
        poppler->bytes_unref(data);
        record(out, SELFBUY_PDF_END, NULL, 0);
        return;
    }
    int pages = poppler->document_get_n_pages(document);
    record_number(out, SELFBUY_PDF_PAGE_COUNT, pages);
    char *title = poppler->document_get_title(document);
    // A title is a line: a longer one is cut (at a character boundary) rather than carried whole.
    if (title != NULL) record(out, SELFBUY_PDF_TITLE, title, utf8_prefix(title, strnlen(title, 1024)));
    poppler->free(title);
    record_date(poppler, out, SELFBUY_PDF_CREATED, poppler->document_get_creation_date_time(document));
    record_date(poppler, out, SELFBUY_PDF_MODIFIED, poppler->document_get_modification_date_time(document));
    size_t total = 0;
    for (int index = 0; index < pages && index < max_pages && !out->failed; index++) {
        PopplerPage *page = poppler->document_get_page(document, index);
        if (page == NULL) continue;
        char *text = poppler->page_get_text(page);
        poppler->object_unref(page);
        size_t count = text != NULL ? strlen(text) : 0;
        int capped = total + count > max_text;
        if (capped) count = utf8_prefix(text, max_text - total);
        record(out, SELFBUY_PDF_PAGE, text, count);
        total += count;
        poppler->free(text);
        if (capped) {
            record(out, SELFBUY_PDF_TEXT_CAP, NULL, 0);
            break;
        }
    }
    poppler->object_unref(document);
    poppler->bytes_unref(data);
    record(out, SELFBUY_PDF_END, NULL, 0);
}

unsigned char *selfbuy_pdf_read(
    const unsigned char *bytes, size_t length, int max_pages, size_t max_text, size_t *records_length) {
    sink out = {.fd = -1};
    extract(bytes, length, max_pages, max_text, &out);
    if (out.failed) {
        free(out.buffer);
        return NULL;
    }
    *records_length = out.length;
    return out.buffer;
}

void selfbuy_pdf_free(void *buffer) { free(buffer); }

int selfbuy_pdf_extract_to(int fd, const unsigned char *bytes, size_t length, int max_pages, size_t max_text) {
    sink out = {.fd = fd};
    extract(bytes, length, max_pages, max_text, &out);
    return out.failed ? -1 : 0;
}
