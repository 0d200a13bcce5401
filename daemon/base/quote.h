/*
 * quote: the one way a piece of outside text (a feed's cell, a YAML
 * scalar, a header) is put into a message: cut to a few bytes at a UTF-8
 * boundary with "..." after the cut, and no control byte let through, so
 * a hostile value can neither flood a log nor forge a line in it.
 */
#ifndef PLANWATCH_QUOTE_H
#define PLANWATCH_QUOTE_H

#include <stddef.h>

/* The longest piece of outside text quoted in a message, in bytes. */
#define QUOTE_MAX 64
/* Room for any quote_text() result of QUOTE_MAX bytes: 4 per byte, the
 * quotes, "..." and the NUL. */
#define QUOTE_BUF (4 * QUOTE_MAX + 8)

/*
 * Writes the first max bytes of s (NULL reads as "") into dst and returns
 * dst.  q is the quote put around it ('"' or '\''), with q and \ escaped
 * and control bytes as \xNN; q == 0 writes it bare, control bytes as '?'.
 * Never writes past dstlen; always NUL-terminates when dstlen > 0.
 */
const char *quote_text(
    char *dst, size_t dstlen, const char *s, size_t max, char q);

/* The same for the n bytes at s (a piece of a longer text, no NUL). */
const char *quote_mem(
    char *dst, size_t dstlen, const char *s, size_t n, size_t max, char q);

/*
 * Drops an incomplete UTF-8 sequence from the end of s: what snprintf()
 * leaves when it cuts a message in the middle of a character.  Returns s.
 */
char *quote_utf8_end(char *s);

#endif
