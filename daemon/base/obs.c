/*
 * obs: growable observation lists with a hard cap.  Sorting is a stable
 * merge sort, so observations of one period keep the order they were added
 * in, and deduplication then keeps the last of each run: a feed that lists
 * a period twice (or a revision appended after the original) ends with the
 * value given last.  qsort() is not stable and cannot promise that.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "obs.h"

int
obs_list_add(struct obs_list *l, const struct period *p, double value)
{
	if (grow_array(&l->v, &l->cap, l->n + 1, sizeof(*l->v), OBS_LIST_MAX) !=
	    0)
		return -1;
	l->v[l->n].period = *p;
	l->v[l->n].value = value;
	l->n++;
	return 0;
}

/* Merges the sorted runs v[lo..mid) and v[mid..hi) through tmp; on equal
 * periods the left (earlier) one goes first, which makes the sort stable. */
static void
obs_merge(struct obs *v, struct obs *tmp, size_t lo, size_t mid, size_t hi)
{
	size_t i = lo, j = mid, k = lo;

	while (i < mid && j < hi) {
		if (period_cmp(&v[j].period, &v[i].period) < 0)
			tmp[k++] = v[j++];
		else
			tmp[k++] = v[i++];
	}
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < hi)
		tmp[k++] = v[j++];
	memcpy(v + lo, tmp + lo, (hi - lo) * sizeof(*v));
}

/* Bottom-up merge sort: O(n log n), stable, no recursion. */
static void
obs_merge_sort(struct obs *v, struct obs *tmp, size_t n)
{
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo + w < n; lo += 2 * w) {
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;

			obs_merge(v, tmp, lo, lo + w, hi);
		}
	}
}

/* Stable insertion sort: the fallback when no merge buffer is available. */
static void
obs_insertion_sort(struct obs *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct obs x = v[i];
		size_t j = i;

		while (j > 0 && period_cmp(&x.period, &v[j - 1].period) < 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Removes all but the last observation of each run of equal periods. */
static void
obs_dedup(struct obs_list *l)
{
	size_t out = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (i + 1 < l->n &&
		    period_equal(&l->v[i].period, &l->v[i + 1].period))
			continue;
		l->v[out++] = l->v[i];
	}
	l->n = out;
}

void
obs_list_sort(struct obs_list *l)
{
	struct obs *tmp;

	if (l->n < 2)
		return;
	if ((tmp = reallocarray(NULL, l->n, sizeof(*tmp))) != NULL) {
		obs_merge_sort(l->v, tmp, l->n);
		free(tmp);
	} else
		obs_insertion_sort(l->v, l->n);
	obs_dedup(l);
}

size_t
obs_list_sort_checked(
    struct obs_list *l, void (*conflict)(void *arg, const char *msg), void *arg)
{
	size_t conflicts = 0, out = 0;
	char text[PERIOD_TEXT_MAX], msg[160];
	struct obs *tmp;

	if (l->n < 2)
		return 0;
	if ((tmp = reallocarray(NULL, l->n, sizeof(*tmp))) != NULL) {
		obs_merge_sort(l->v, tmp, l->n);
		free(tmp);
	} else
		obs_insertion_sort(l->v, l->n);
	for (size_t i = 0; i < l->n; i++) {
		if (out > 0 &&
		    period_equal(&l->v[out - 1].period, &l->v[i].period)) {
			if (l->v[out - 1].value == l->v[i].value)
				continue; /* the same value twice: one */
			period_format(&l->v[i].period, text, sizeof(text));
			snprintf(msg, sizeof(msg),
			    "period %s has two values: %.17g and %.17g", text,
			    l->v[out - 1].value, l->v[i].value);
			if (conflict != NULL)
				conflict(arg, msg);
			conflicts++;
			continue;
		}
		l->v[out++] = l->v[i];
	}
	l->n = out;
	return conflicts;
}

void
obs_list_clear(struct obs_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}

/* Searches from the end, so an unsorted list answers with the last added. */
long
obs_list_find(const struct obs_list *l, const struct period *p)
{
	for (size_t i = l->n; i > 0; i--) {
		if (period_equal(&l->v[i - 1].period, p))
			return (long)(i - 1);
	}
	return -1;
}

size_t
obs_list_drop_future(struct obs_list *l, time_t now, struct period *first)
{
	size_t kept = 0, dropped = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (period_step_start(&l->v[i].period) > now) {
			if (dropped++ == 0 && first != NULL)
				*first = l->v[i].period;
			continue;
		}
		l->v[kept++] = l->v[i];
	}
	l->n = kept;
	return dropped;
}

int
obs_revisions_add(struct obs_revisions *r, const struct period *p,
    double old_value, double new_value, time_t fetched, const char *collector)
{
	struct obs_revision *v = reallocarray(r->v, r->n + 1, sizeof(*v));

	if (v == NULL)
		return -1;
	r->v = v;
	v = &r->v[r->n++];
	v->period = *p;
	v->old_value = old_value;
	v->new_value = new_value;
	v->fetched = fetched;
	snprintf(v->collector, sizeof(v->collector), "%s",
	    collector ? collector : "");
	return 0;
}

void
obs_revisions_clear(struct obs_revisions *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

bool
obs_same_value(double a, double b, double rel)
{
	double scale = fmax(fabs(a), fabs(b));

	return a == b || (rel > 0 && fabs(a - b) <= rel * scale);
}

int
obs_parse_decimal(const char *text, double *out)
{
	size_t len = strlen(text);
	char *end;
	double d;

	if (len == 0 || strspn(text, "0123456789+-.eE") < len)
		return -1;
	errno = 0;
	d = strtod(text, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(d))
		return -1;
	*out = d;
	return 0;
}

int
obs_shortest_precision(double v)
{
	char buf[40];
	int p = 1;

	/* At least every digit before the point, so 2130 is not "2.13e3". */
	if (fabs(v) >= 1 && fabs(v) < 1e16)
		p = (int)floor(log10(fabs(v))) + 1;
	for (; p < 17; p++) {
		snprintf(buf, sizeof(buf), "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return p;
	}
	return 17;
}
