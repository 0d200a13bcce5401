/*
 * hex: the one hex codec, lowercase, with length checks: the journal's
 * record checksums and the outbox's chart images are written and read
 * back through it, so both files keep one spelling of hex.
 */
#ifndef PLANWATCH_HEX_H
#define PLANWATCH_HEX_H

#include <stddef.h>

/* Writes the 2 * n lowercase hex digits of src and a NUL to dst; -1 when
 * dstlen is below 2 * n + 1 (dst then untouched). */
int hex_encode(const void *src, size_t n, char *dst, size_t dstlen);
/* Decodes the len lowercase hex digits of src into len / 2 bytes of dst;
 * -1 when len is odd, len / 2 is over dstlen or a digit is not [0-9a-f]. */
int hex_decode(const char *src, size_t len, void *dst, size_t dstlen);

#endif
