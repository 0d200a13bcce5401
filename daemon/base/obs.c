/*
 * obs: growable observation lists with a hard cap.  Sorting is a stable
 * merge sort, so observations of one period keep the order they were added
 * in, and deduplication then keeps the last of each run: a feed that lists
 * a period twice (or a revision appended after the original) ends with the
 * value given last.  qsort() is not stable and cannot promise that.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "msort.h"
#include "obs.h"

int
obs_list_add(struct obs_list *l, const struct period *p, double value)
{
	return obs_list_add_mark(l, p, value, OBS_MARK_UNSTATED);
}

int
obs_list_add_mark(struct obs_list *l, const struct period *p, double value,
    enum obs_mark mark)
{
	if (grow_array(&l->v, &l->cap, l->n + 1, sizeof(*l->v), OBS_LIST_MAX) !=
	    0)
		return -1;
	l->v[l->n].period = *p;
	l->v[l->n].value = value;
	l->v[l->n].mark = mark;
	l->n++;
	return 0;
}

/* By period only: the stable sort keeps a period's repeats in order. */
static int
obs_cmp(const void *a, const void *b, void *arg)
{
	(void)arg;
	return period_cmp(
	    &((const struct obs *)a)->period, &((const struct obs *)b)->period);
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
	if (l->n < 2)
		return;
	msort(l->v, l->n, sizeof(*l->v), obs_cmp, NULL);
	obs_dedup(l);
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
	struct obs_revision *v;

	if (grow_array(&r->v, &r->cap, r->n + 1, sizeof(*r->v),
		SIZE_MAX / 2 / sizeof(*r->v)) != 0)
		return -1;
	v = &r->v[r->n++];
	v->period = *p;
	v->old_value = old_value;
	v->new_value = new_value;
	v->old_mark = v->new_mark = OBS_MARK_UNSTATED;
	v->fetched = fetched;
	snprintf(v->collector, sizeof(v->collector), "%s",
	    collector ? collector : "");
	return 0;
}

void
obs_revisions_mark(
    struct obs_revisions *r, enum obs_mark old_mark, enum obs_mark new_mark)
{
	if (r->n == 0)
		return;
	r->v[r->n - 1].old_mark = old_mark;
	r->v[r->n - 1].new_mark = new_mark;
}

bool
obs_revision_mark_only(const struct obs_revision *v)
{
	return v->old_value == v->new_value && v->old_mark != v->new_mark;
}

void
obs_revisions_clear(struct obs_revisions *r)
{
	obs_entered_clear(r);
	free(r->v);
	r->v = NULL;
	r->n = 0;
	r->cap = 0;
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
