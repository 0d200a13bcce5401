/*
 * buf: the one growable buffer with a cap (buf.h).  Growth doubles, so n
 * appends cost O(n) copies; every size is checked for overflow before it
 * is multiplied or added.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
buf_init(struct buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

/* Room for n more bytes and the NUL. */
static int
buf_room(struct buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (n > b->max || b->len > b->max - n) {
		errno = E2BIG;
		return -1;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap != 0 ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	if ((p = realloc(b->p, cap)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

int
buf_add(struct buf *b, const void *data, size_t n)
{
	if (buf_room(b, n) != 0)
		return -1;
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	if (buf_room(b, (size_t)n) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *
buf_str(const struct buf *b)
{
	return b->p != NULL ? b->p : "";
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}

char *
buf_take(struct buf *b)
{
	char *s = b->p;

	if (s == NULL && (s = strdup("")) == NULL)
		return NULL;
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

int
grow_array(void *arrayp, size_t *cap, size_t want, size_t size, size_t max)
{
	void **pp = arrayp;
	size_t n;
	void *p;

	if (want <= *cap)
		return 0;
	if (want > max) {
		errno = E2BIG;
		return -1;
	}
	n = *cap != 0 ? *cap : 16;
	while (n < want)
		n = n > SIZE_MAX / 2 ? want : n * 2;
	if (n > max)
		n = max;
	if ((p = reallocarray(*pp, n, size)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	*pp = p;
	*cap = n;
	return 0;
}
