#ifndef SELFBUY_PDF_EXTRACT_H
#define SELFBUY_PDF_EXTRACT_H

#include <stddef.h>

// Writes the records of a PDF to a descriptor: 0, or -1 when a write failed.
int selfbuy_pdf_extract_to(int fd, const unsigned char *bytes, size_t length, int max_pages, size_t max_text);

#endif
