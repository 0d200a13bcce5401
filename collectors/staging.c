/*
 * staging: sort, drop repeats, reject a conflicting value, for every feed
 * format (staging.h).  The sort is the base's stable msort(): observations
 * of one period stay in reading order without a sequence number, in
 * O(n log n) on hostile input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "msort.h"
#include "staging.h"

int
staging_add(struct staging *st, const struct staged *o)
{
	if (st->full ||
	    grow_array(&st->v, &st->cap, st->n + 1, sizeof(*st->v),
		OBS_LIST_MAX) == -1) {
		st->full = true;
		return -1;
	}
	st->v[st->n++] = *o;
	return 0;
}

/* By period, then by the format's own order for one period (j->cmp). */
static int
staged_cmp(const void *pa, const void *pb, void *arg)
{
	const struct staging_judge *j = arg;
	const struct staged *a = pa, *b = pb;
	int c = period_cmp(&a->obs.period, &b->obs.period);

	if (c == 0 && j->cmp != NULL)
		c = j->cmp(j->arg, a, b);
	return c;
}

/* Judges the observations of one period, v[0..n); true when the first
 * is kept. */
static bool
judge_period(const struct staging_judge *j, const struct staged *v, size_t n)
{
	if (j->group != NULL && !j->group(j->arg, v, n))
		return false;
	for (size_t i = 1; i < n; i++) {
		if (v[i].obs.value == v[0].obs.value)
			continue; /* the same value twice: one */
		if (j->conflict != NULL)
			j->conflict(j->arg, &v[0], &v[i]);
	}
	return true;
}

void
staging_judge(struct staging *st, const struct staging_judge *j)
{
	size_t out = 0, hi;

	msort(st->v, st->n, sizeof(*st->v), staged_cmp, (void *)j);
	for (size_t lo = 0; lo < st->n; lo = hi) {
		for (hi = lo + 1; hi < st->n &&
		     period_equal(&st->v[lo].obs.period, &st->v[hi].obs.period);
		     hi++)
			;
		if (judge_period(j, &st->v[lo], hi - lo))
			st->v[out++] = st->v[lo];
	}
	st->n = out;
}

int
staging_move(const struct staging *st, struct obs_list *out)
{
	size_t n0 = out->n;

	for (size_t i = 0; i < st->n; i++) {
		if (obs_list_add_mark(out, &st->v[i].obs.period,
			st->v[i].obs.value, st->v[i].obs.mark) == -1) {
			out->n = n0;
			return -1;
		}
	}
	obs_list_sort(out);
	return 0;
}

int
staging_finish(struct staging *st, const struct staging_judge *j,
    struct obs_list *out, char *err, size_t errlen)
{
	if (!st->full)
		staging_judge(st, j);
	if (*j->rejected > 0) {
		snprintf(err, errlen, "%zu of %zu %s rejected", *j->rejected,
		    j->total, j->what);
		return -1;
	}
	if (st->full || staging_move(st, out) == -1) {
		snprintf(err, errlen, "%s", j->toomany);
		return -1;
	}
	return 0;
}

void
staging_free(struct staging *st)
{
	free(st->v);
	st->v = NULL;
	st->n = st->cap = 0;
	st->full = false;
}
