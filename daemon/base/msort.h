/*
 * msort: the one stable sort.  Observations of one period must keep the
 * order they were read in (the last of a feed's repeats wins, a revision
 * appended after its original replaces it), which qsort() does not
 * promise, and the comparison takes a context, which qsort() cannot.
 */
#ifndef PLANWATCH_MSORT_H
#define PLANWATCH_MSORT_H

#include <stddef.h>

/*
 * Sorts the n elements of size bytes at v by cmp(a, b, arg), stably:
 * equal elements keep their order.  A bottom-up merge sort (O(n log n) on
 * any input, no recursion); when its buffer cannot be had, an insertion
 * sort, slower but still stable, so the sort never fails.
 */
void msort(void *v, size_t n, size_t size,
    int (*cmp)(const void *a, const void *b, void *arg), void *arg);

#endif
