/*
 * msort: a stable merge sort on elements of any size (msort.h).
 */
#include <stdlib.h>
#include <string.h>

#include "msort.h"

struct msort {
	size_t size;
	int (*cmp)(const void *, const void *, void *);
	void *arg;
};

/* Merges the sorted runs v[lo..mid) and v[mid..hi) through tmp; on equal
 * elements the left (earlier) one goes first, which makes it stable. */
static void
merge(
    const struct msort *m, char *v, char *tmp, size_t lo, size_t mid, size_t hi)
{
	size_t i = lo, j = mid, k = lo, sz = m->size;

	while (i < mid && j < hi) {
		if (m->cmp(v + j * sz, v + i * sz, m->arg) < 0)
			memcpy(tmp + k++ * sz, v + j++ * sz, sz);
		else
			memcpy(tmp + k++ * sz, v + i++ * sz, sz);
	}
	memcpy(tmp + k * sz, v + i * sz, (mid - i) * sz);
	k += mid - i;
	memcpy(tmp + k * sz, v + j * sz, (hi - j) * sz);
	memcpy(v + lo * sz, tmp + lo * sz, (hi - lo) * sz);
}

/* The fallback without a buffer: one element held aside at a time. */
static void
insertion(const struct msort *m, char *v, size_t n, char *x)
{
	size_t sz = m->size;

	for (size_t i = 1; i < n; i++) {
		size_t j = i;

		memcpy(x, v + i * sz, sz);
		while (j > 0 && m->cmp(x, v + (j - 1) * sz, m->arg) < 0)
			j--;
		memmove(v + (j + 1) * sz, v + j * sz, (i - j) * sz);
		memcpy(v + j * sz, x, sz);
	}
}

void
msort(void *v, size_t n, size_t size,
    int (*cmp)(const void *a, const void *b, void *arg), void *arg)
{
	const struct msort m = {size, cmp, arg};
	char *tmp, one[256];

	if (n < 2 || size == 0)
		return;
	if ((tmp = reallocarray(NULL, n, size)) != NULL) {
		for (size_t w = 1; w < n; w *= 2)
			for (size_t lo = 0; lo + w < n; lo += 2 * w)
				merge(&m, v, tmp, lo, lo + w,
				    lo + 2 * w < n ? lo + 2 * w : n);
		free(tmp);
	} else if (size <= sizeof(one))
		insertion(&m, v, n, one);
	else if ((tmp = malloc(size)) != NULL) {
		insertion(&m, v, n, tmp);
		free(tmp);
	}
}
