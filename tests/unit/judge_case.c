/*
 * judge_case: text periods, observation lists and targets for the
 * judgement tests (judge_case.h).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit/judge_case.h"

#define LOADED_MAX 64

static struct obs *loaded[LOADED_MAX];
static size_t nloaded;

struct period
per(const char *text)
{
	struct period p;
	char err[128];

	if (period_parse(text, &p, err, sizeof(err)) != 0)
		fail_msg("period_parse(\"%s\"): %s", text, err);
	return p;
}

void
load(struct obs_list *l, const struct pv *pv)
{
	memset(l, 0, sizeof(*l));
	for (; pv != NULL && pv->period != NULL; pv++) {
		struct period p = per(pv->period);

		assert_int_equal(obs_list_add(l, &p, pv->value), 0);
	}
	obs_list_sort(l);
	if (l->v != NULL) {
		assert_true(nloaded < LOADED_MAX);
		loaded[nloaded++] = l->v;
	}
}

void
unload(struct obs_list *l)
{
	for (size_t i = 0; i < nloaded; i++) {
		if (loaded[i] == l->v) {
			loaded[i] = loaded[--nloaded];
			break;
		}
	}
	obs_list_clear(l);
}

void
judge_case_release(void)
{
	while (nloaded > 0)
		free(loaded[--nloaded]);
}

void
assert_status(enum status got, enum status want, const char *what)
{
	if (got != want)
		fail_msg("%s: status %s, want %s", what, status_name(got),
		    status_name(want));
}

void
assert_near(double got, double want, double eps, const char *what)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("%s: %.17g, want %.17g (+-%g)", what, got, want, eps);
}

struct target_conf
judge_case_target(const struct tspec *s)
{
	struct target_conf t;

	memset(&t, 0, sizeof(t));
	t.id = (char *)target_kind_name(s->kind);
	t.kind = s->kind;
	t.path = s->path;
	t.direction = s->dir;
	if (s->bp != NULL)
		t.baseline_period = per(s->bp);
	t.baseline_value = s->bv;
	t.baseline_observed = s->bobs;
	if (s->tp != NULL)
		t.target_period = per(s->tp);
	t.target_value = s->tv;
	t.basis = s->basis;
	t.rate = s->rate;
	t.rate_indicator_index = (size_t)-1;
	t.bound = s->bound;
	if (s->from != NULL) {
		t.has_from = true;
		t.from = per(s->from);
	}
	if (s->to != NULL) {
		t.has_to = true;
		t.to = per(s->to);
	}
	t.about = s->about;
	t.method = s->method;
	t.projection = s->proj;
	t.trend_periods = s->k;
	t.nearly_met = s->nearly;
	t.holds = s->holds;
	/* Set explicitly: a zeroed struct has 0 and 0. */
	t.on_track_ratio = 0.95;
	t.at_risk_ratio = 0.6;
	return t;
}
