#ifndef SELFBUY_PDF_H
#define SELFBUY_PDF_H

#include <stddef.h>
#include <sys/types.h>

// The text of a PDF as a stream of records: a tag byte, a little-endian 32-bit length, then that many bytes.
//   'N' page count (decimal)      'T' Title metadata (UTF-8)      'C' / 'M' CreationDate / ModDate (Unix seconds)
//   'P' the text of one page      'X' stopped at the text cap     'E' failure: 'e' encrypted or 'd' damaged, message
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

// Forks a child that reads the PDF (inherited through copy-on-write) and writes its records to a pipe, under a CPU
// time limit and, outside sanitizer builds, an address-space limit of its current size plus memory_budget. Returns the
// child's pid and the pipe's read end in *read_fd, or -1 with errno set. The parent reads, enforces its wall-clock
// deadline, and reaps the child.
pid_t selfbuy_pdf_spawn(
    const unsigned char *bytes, size_t length, int max_pages, size_t max_text, size_t memory_budget,
    unsigned cpu_seconds, int *read_fd);

#endif
