/*
 * buf: the one growable buffer, with a hard cap (after curl's dynbuf).
 * Every module that gathers bytes of unknown length (a response body, a
 * file read whole, a message being composed) uses this one, so the
 * doubling, the overflow checks and the cap live in one place.  A buffer
 * always holds a NUL after its bytes, so buf_str() is a C string.
 *
 *	struct buf b;
 *	buf_init(&b, 1 << 20);
 *	if (buf_add(&b, data, n) != 0 || buf_addf(&b, "%d", x) != 0)
 *		...  errno is ENOMEM or E2BIG (the cap)
 *	use(buf_str(&b), buf_len(&b));
 *	buf_free(&b);
 *
 * grow_array() is the same growth for arrays of records.
 */
#ifndef PLANWATCH_BUF_H
#define PLANWATCH_BUF_H

#include <stddef.h>

struct buf {
	char *p; /* NULL until the first byte */
	size_t len; /* bytes held, without the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* most bytes it may ever hold */
};

/* An empty buffer that will refuse to hold more than max bytes. */
void buf_init(struct buf *b, size_t max);
/*
 * Appends n bytes.  0, or -1 with errno ENOMEM (out of memory) or E2BIG
 * (over the cap); the buffer is then unchanged.
 */
int buf_add(struct buf *b, const void *data, size_t n);
/* Appends a C string. */
int buf_adds(struct buf *b, const char *s);
/* Appends one byte. */
int buf_addc(struct buf *b, char c);
/* Appends printf output (all of it, or nothing). */
int buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The bytes, NUL-terminated: "" for an empty buffer. */
const char *buf_str(const struct buf *b);
static inline size_t
buf_len(const struct buf *b)
{
	return b->len;
}
/* Forgets the bytes, keeps the memory. */
void buf_reset(struct buf *b);
/* Shortens to len bytes (no-op when already shorter). */
void buf_truncate(struct buf *b, size_t len);
/*
 * Hands the bytes over as a heap string the caller frees (never NULL on
 * success: an empty buffer gives ""), and leaves the buffer empty.
 * NULL when out of memory.
 */
char *buf_take(struct buf *b);
/* Frees the memory; the buffer is empty and usable again. */
void buf_free(struct buf *b);

/*
 * Makes room for want elements of size bytes in *arrayp, whose capacity
 * is *cap: doubles from 16, never past max elements.  0, or -1 (errno
 * ENOMEM, or E2BIG when want > max) with the array unchanged.
 */
int grow_array(void *arrayp, size_t *cap, size_t want, size_t size, size_t max);

#endif
