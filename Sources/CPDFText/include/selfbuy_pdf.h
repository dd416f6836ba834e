#ifndef SELFBUY_PDF_H
#define SELFBUY_PDF_H

#include <stddef.h>
#include <sys/types.h>

// The text of a PDF as a stream of records: a tag byte, a little-endian 32-bit length, then that many bytes.
//   'N' page count (decimal)      'T' Title metadata (UTF-8)      'C' / 'M' CreationDate / ModDate (Unix seconds)
//   'P' the text of one page      'X' stopped at the text cap     'E' failure: 'e' encrypted or 'd' damaged, message
//   ('l': poppler-glib could not be loaded, the loader's reason)
//   'Z' end (a stream without it was cut short: the reader died)
enum {
    SELFBUY_PDF_PAGE_COUNT = 'N',
    SELFBUY_PDF_TITLE = 'T',
    SELFBUY_PDF_CREATED = 'C',
    SELFBUY_PDF_MODIFIED = 'M',
    SELFBUY_PDF_PAGE = 'P',
    SELFBUY_PDF_TEXT_CAP = 'X',
    SELFBUY_PDF_FAILURE = 'E',
    SELFBUY_PDF_END = 'Z',
};

// Reads a PDF in this process and returns its records in a buffer to release with selfbuy_pdf_free (NULL when out
// of memory). Only for inputs already known to be harmless, or under a harness with its own time limit (fuzzing):
// poppler has no limit of its own on what a stream inflates to.
unsigned char *selfbuy_pdf_read(
    const unsigned char *bytes, size_t length, int max_pages, size_t max_text, size_t *records_length);

void selfbuy_pdf_free(void *buffer);

// Has the reader process (see pdf_reader_process.c) read the PDF in a fresh child under a CPU-time limit, a wall-clock
// alarm one second later and, outside sanitizer builds, an address-space limit of its size plus memory_budget. Returns
// 0 and two descriptors: *records_fd gives the records until its end; then *status_fd gives the child's wait status
// (an int; -1 when no child could be started; nothing when its supervisor died). -1 with errno set on failure
// (ECHILD: the reader process could not be started or has ended).
int selfbuy_pdf_request(
    const unsigned char *bytes, size_t length, int max_pages, size_t max_text, size_t memory_budget,
    unsigned cpu_seconds, int *records_fd, int *status_fd);

#endif
