/*
 * judge_case: text periods, observation lists, targets and the checks of
 * the judgement tests (judge_case.h).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evaluate.h"
#include "explain.h"
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

/* ---- the judgement tables (test_target_*.c) ---- */

/* want: X not checked, NAN must be NAN, else within 1e-6 relative. */
void
check_num(double got, double want, const char *name, const char *what)
{
	if (isinf(want))
		return;
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("%s: %s = %.17g, want NAN", what, name, got);
		return;
	}
	if (!(fabs(got - want) <= 1e-6 * fmax(1.0, fabs(want))))
		fail_msg("%s: %s = %.17g, want %.17g", what, name, got, want);
}

void
assert_period(const struct period *got, const char *want, const char *what)
{
	struct period w = per(want);
	char g[PERIOD_TEXT_MAX];

	if (!period_equal(got, &w)) {
		period_format(got, g, sizeof(g));
		fail_msg("%s: period %s, want %s", what, g, want);
	}
}

struct indicator_conf
indicator(struct target_conf *t, size_t n)
{
	struct indicator_conf ic;

	memset(&ic, 0, sizeof(ic));
	ic.id = "ind";
	ic.name = "指标";
	ic.unit = "亿元";
	ic.freq = FREQ_ANNUAL;
	ic.stale_after = 273 * DAY;
	ic.targets = t;
	ic.ntargets = n;
	return ic;
}

/* Explains j in locale; checks phrase (if any) and no nan/inf. */
void
check_explain(const struct target_conf *t, const struct judgement *j,
    const char *locale, const char *phrase, const char *what)
{
	struct target_conf copy = *t;
	struct indicator_conf ic = indicator(&copy, 1);
	char buf[1024];

	explain_judgement(&ic, t, j, locale, buf, sizeof(buf));
	if (buf[0] == '\0')
		fail_msg("%s [%s]: empty explanation", what, locale);
	if (has_word(buf, "nan") || has_word(buf, "inf"))
		fail_msg("%s [%s]: nan/inf in \"%s\"", what, locale, buf);
	if (phrase != NULL && strstr(buf, phrase) == NULL)
		fail_msg(
		    "%s [%s]: \"%s\" lacks \"%s\"", what, locale, buf, phrase);
}

/* Every status in want[] must appear among the cases of the table. */
void
assert_statuses_covered(const enum status *got, size_t n,
    const enum status *want, size_t nwant, const char *table)
{
	for (size_t i = 0; i < nwant; i++) {
		bool seen = false;

		for (size_t k = 0; k < n; k++)
			seen = seen || got[k] == want[i];
		if (!seen)
			fail_msg(
			    "%s: no case for %s", table, status_name(want[i]));
	}
}

/* A UTC instant: the start of day "yyyy-mm-dd" plus seconds. */
time_t
at(const char *day, long seconds)
{
	struct period p = per(day);

	assert_int_equal(p.freq, FREQ_DAILY);
	return period_start(&p) + seconds;
}

/* Whether haystack holds needle. */
void
assert_has(const char *haystack, const char *needle, const char *what)
{
	if (strstr(haystack, needle) == NULL)
		fail_msg("%s: no \"%s\" in:\n%s", what, needle, haystack);
}

void
assert_lacks(const char *haystack, const char *needle, const char *what)
{
	if (strstr(haystack, needle) != NULL)
		fail_msg("%s: \"%s\" in:\n%s", what, needle, haystack);
}

/*
 * A judgement with a latest period but every number NAN explains without
 * "nan" (explain.c: "a number that is not computable (NAN) leaves its
 * clause out").  The rules in test_explain_all_nan; reach and cagr in
 * test_regression_explain_nan_ratio.
 */
void
explain_all_nan(const struct tspec *specs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct target_conf t = judge_case_target(&specs[i]);
		struct obs_list empty = {0};
		struct judgement j;

		target_judge(&t, &empty, &j);
		/* Pretend a latest exists with nothing computable. */
		j.have_latest = true;
		j.latest_period = per("2022");
		check_explain(&t, &j, "zh-CN", NULL, target_kind_name(t.kind));
		check_explain(&t, &j, "en", NULL, target_kind_name(t.kind));
	}
}

/* Case-insensitive search. */
bool
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; *s != '\0'; s++) {
		size_t i = 0;

		while (i < n && s[i] != '\0' &&
		    ((s[i] | 0x20) == (w[i] | 0x20) || s[i] == w[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

int
release(void **state)
{
	(void)state;
	judge_case_release();
	return 0;
}

/* ---- the verdict tests (test_verdicts*.c) ---- */

/* The target of s (judge_case_target); a CAGR's path is compound and its
 * direction the rate's sign, as the configuration makes them. */
struct target_conf
mk(const struct tspec *s)
{
	struct target_conf t = judge_case_target(s);

	if (s->kind == TARGET_GROWTH && s->basis == BASIS_CAGR) {
		t.path = PATH_COMPOUND;
		t.direction = s->rate >= 0 ? DIRECTION_UP : DIRECTION_DOWN;
	}
	return t;
}

/* indicator() with its unit: the indicator of one target. */
struct indicator_conf
indicator_in(struct target_conf *t, const char *unit)
{
	struct indicator_conf ic = indicator(t, 1);

	ic.unit = (char *)unit;
	return ic;
}

static const struct obs_list *
rates_cb(void *arg, size_t index)
{
	(void)index;
	return arg;
}

/* Judges t as evaluate_indicator does, at now; rates may be NULL. */
void
judge_at(struct target_conf *t, const char *unit, const struct obs_list *obs,
    const struct obs_list *rates, time_t now, struct judgement *j)
{
	struct indicator_conf ic = indicator_in(t, unit);
	struct config conf;

	memset(&conf, 0, sizeof(conf));
	if (rates != NULL) {
		t->rate_indicator = "rates";
		t->rate_indicator_index = 1;
	}
	evaluate_indicator(&conf, &ic, obs, rates_cb, (void *)rates, now, j);
}

/*
 * The sentence of j in locale: phrase in it (if any); no nan or inf; and
 * once the target's period is over, no projection and no growth asked.
 */
void
check_sentence(const struct target_conf *t, const char *unit,
    const struct judgement *j, const char *locale, const char *phrase,
    const char *what)
{
	struct target_conf copy = *t;
	struct indicator_conf ic = indicator_in(&copy, unit);
	static const char *const never[] = {
	    "nan", "inf", "预计", "还需", "projected", "needs", "进度比"};
	char buf[1024];

	explain_judgement(&ic, t, j, locale, buf, sizeof(buf));
	if (buf[0] == '\0')
		fail_msg("%s [%s]: empty explanation", what, locale);
	for (size_t i = 0; i < NELEM(never); i++)
		if ((i < 2 || j->ended) && has_word(buf, never[i]))
			fail_msg("%s [%s]: \"%s\" in \"%s\"", what, locale,
			    never[i], buf);
	if (phrase != NULL && strstr(buf, phrase) == NULL)
		fail_msg(
		    "%s [%s]: \"%s\" lacks \"%s\"", what, locale, buf, phrase);
}

/* ---- the reach arithmetic (test_target*.c) ---- */

void
assert_nan(double got, const char *what)
{
	if (!isnan(got))
		fail_msg("%s: %.17g, want NAN", what, got);
}

/*
 * A reach target as the configuration loader builds it: the direction is
 * implied by the values, thresholds default to 0.95 and 0.6, no tolerance.
 */
struct target_conf
reach(
    const char *bp, double bv, const char *tp, double tv, enum target_path path)
{
	struct target_conf t;

	memset(&t, 0, sizeof(t));
	t.id = "reach";
	t.kind = TARGET_REACH;
	t.path = path;
	t.direction = tv > bv ? DIRECTION_UP : DIRECTION_DOWN;
	t.baseline_period = per(bp);
	t.baseline_value = bv;
	t.target_period = per(tp);
	t.target_value = tv;
	t.about = 0;
	t.on_track_ratio = 0.95;
	t.at_risk_ratio = 0.6;
	return t;
}

/* Judges t on the observations pv (in order, NULL-terminated). */
void
judge(const struct target_conf *t, const struct pv *pv, struct judgement *j)
{
	struct obs_list l = {0};

	for (; pv->period != NULL; pv++) {
		struct period p = per(pv->period);

		assert_int_equal(obs_list_add(&l, &p, pv->value), 0);
	}
	obs_list_sort(&l);
	target_judge(t, &l, j);
	obs_list_clear(&l);
}

/* The shipped GDP target (etc/conf.d/economy.yaml). */
struct target_conf
gdp_target(void)
{
	return reach("2020", 902.27, "2025", 1325.73, PATH_COMPOUND);
}
