/*
 * stamp: FNV-1a (64-bit).  Each step (xor a byte, multiply by an odd
 * prime) is a bijection of the state, so two streams of one length that
 * differ in one byte always give different digests; the kind tag and the
 * length fed before each field make the stream of different fields
 * differ.  Not a cryptographic hash: the stamp decides whether to draw
 * again, and whoever can write the stamp file can write the chart too.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fnv.h"
#include "fsutil.h"
#include "stamp.h"

/* Field kinds: an integer fed where a string was is a different stream. */
enum { KIND_BYTES = 1, KIND_NULL, KIND_INT, KIND_DOUBLE, KIND_PART };

static void
feed(struct stamp *s, const void *p, size_t len)
{
	s->h = fnv1a64_more(s->h, p, len);
}

/* A 64-bit value as 8 bytes, low first: the same on every host. */
static void
feed_u64(struct stamp *s, unsigned char kind, uint64_t v)
{
	unsigned char b[9];

	b[0] = kind;
	for (int i = 0; i < 8; i++)
		b[i + 1] = (unsigned char)(v >> (8 * i));
	feed(s, b, sizeof(b));
}

void
stamp_init(struct stamp *s)
{
	s->h = FNV1A64_BASIS;
}

void
stamp_bytes(struct stamp *s, const void *p, size_t len)
{
	feed_u64(s, KIND_BYTES, (uint64_t)len);
	feed(s, p, len);
}

void
stamp_str(struct stamp *s, const char *v)
{
	if (v == NULL)
		feed_u64(s, KIND_NULL, 0);
	else
		stamp_bytes(s, v, strlen(v));
}

void
stamp_int(struct stamp *s, int64_t v)
{
	feed_u64(s, KIND_INT, (uint64_t)v);
}

void
stamp_double(struct stamp *s, double v)
{
	uint64_t bits;

	if (isnan(v))
		v = NAN;
	memcpy(&bits, &v, sizeof(bits));
	feed_u64(s, KIND_DOUBLE, bits);
}

void
stamp_fold(struct stamp *s, uint64_t part)
{
	feed_u64(s, KIND_PART, part);
}

/* The file's bytes for digest, NUL-terminated (STAMP_FILE_LEN + 1). */
static void
stamp_text(uint64_t digest, char *buf)
{
	snprintf(buf, STAMP_FILE_LEN + 1, "planwatch-stamp %016" PRIx64 "\n",
	    digest);
}

bool
stamp_file_matches(const char *path, uint64_t digest)
{
	char want[STAMP_FILE_LEN + 1], got[STAMP_FILE_LEN + 1];
	ssize_t n;
	int fd;

	/* One read of one byte more than a stamp: a longer file, a
	 * directory or a device is no stamp. */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) ==
	    -1)
		return false;
	n = read(fd, got, sizeof(got));
	close(fd);
	stamp_text(digest, want);
	return n == STAMP_FILE_LEN && memcmp(got, want, STAMP_FILE_LEN) == 0;
}

int
stamp_file_write(
    const char *path, uint64_t digest, bool sync, char *err, size_t errlen)
{
	char text[STAMP_FILE_LEN + 1];

	stamp_text(digest, text);
	return fsutil_write_replace(
	    path, text, STAMP_FILE_LEN, sync, err, errlen);
}

int
stamp_file_remove(const char *path, char *err, size_t errlen)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return -1;
}
