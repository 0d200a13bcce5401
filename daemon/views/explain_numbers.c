/*
 * explain_numbers: the figures a sentence is made of: a value written as
 * people read it, a period in the plan's words, a target's numbers (what
 * was planned, what is, the gap) and the year a reach target is met.
 * Every kind's sentence (explain_kinds.c, explain_verdict.c) and the
 * judgement's own (explain.c) take them from here.
 */
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

#include "catf.h"
#include "explain.h"
#include "explain_impl.h"

void
explain_number(double v, char *buf, size_t len)
{
	char *dot;
	size_t n;

	if (isnan(v)) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%.2f", v);
	dot = strchr(buf, '.');
	if (dot == NULL)
		return;
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
}

void
explain_value(double v, char *buf, size_t len)
{
	double a = fabs(v);
	int decimals = 2;
	char *dot;
	size_t n;

	if (isnan(v) || a >= 1 || a == 0) {
		explain_number(v, buf, len);
		return;
	}
	while (a < 0.1 && decimals < 10) {
		a *= 10;
		decimals++;
	}
	snprintf(buf, len, "%.*f", decimals + 1, v);
	if ((dot = strchr(buf, '.')) == NULL)
		return;
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
}

void
explain_period(const struct period *p, bool zh, char *buf, size_t len)
{
	char text[PERIOD_TEXT_MAX];

	period_format(p, text, sizeof(text));
	if (zh && p->freq == FREQ_ANNUAL)
		snprintf(buf, len, "%s 年", text);
	else if (zh)
		snprintf(buf, len, "%s ", text); /* "2022-Q2 增长" */
	else
		snprintf(buf, len, "%s", text);
}

void
explain_numbers(const struct target_conf *t, const struct judgement *j, bool zh,
    struct explain_numbers *n)
{
	explain_value(j->latest_value, n->latest, sizeof(n->latest));
	explain_value(j->planned, n->planned, sizeof(n->planned));
	explain_number(j->gap_pct, n->gap_pct, sizeof(n->gap_pct));
	explain_number(j->observed_growth * 100, n->growth, sizeof(n->growth));
	explain_value(j->projected, n->projected, sizeof(n->projected));
	/* Ratios keep two decimals ("0.60"): they are compared with 0.95. */
	if (isnan(j->ratio))
		snprintf(n->ratio, sizeof(n->ratio), "-");
	else
		snprintf(n->ratio, sizeof(n->ratio), "%.2f", j->ratio);
	explain_number(
	    j->required_growth * 100, n->required, sizeof(n->required));
	explain_value(j->target_value, n->target, sizeof(n->target));
	/* The bound a yoy growth must keep, the tolerance included. */
	explain_number(t->kind == TARGET_GROWTH && t->basis == BASIS_YOY
		? (t->rate - t->about * fabs(t->rate)) * 100
		: fabs(t->rate) * 100,
	    n->rate, sizeof(n->rate));
	explain_value(t->bound, n->bound, sizeof(n->bound));
	explain_period(&j->latest_period, zh, n->lp, sizeof(n->lp));
	explain_period(&t->baseline_period, zh, n->bp, sizeof(n->bp));
	explain_period(&t->target_period, zh, n->tp, sizeof(n->tp));
	explain_period(&j->first_violation, zh, n->fv, sizeof(n->fv));
}

/* Past this many years from the latest period, "never" at this pace. */
#define REACH_YEARS_MAX 100

double
explain_reach_year(const struct judgement *j)
{
	/* Not once the target is met, nor after its period: a verdict
	 * looks back, never forward. */
	if (j->status == STATUS_MET || j->final || !isfinite(j->reach_year) ||
	    !j->have_latest ||
	    j->reach_year - period_years(&j->latest_period) > REACH_YEARS_MAX)
		return NAN;
	return ceil(j->reach_year - 1e-9);
}

void
explain_value_unit(double v, const char *unit, char *buf, size_t len)
{
	char n[48];

	explain_value(v, n, sizeof(n));
	if (unit == NULL || *unit == '\0')
		snprintf(buf, len, "%s", n);
	else
		snprintf(buf, len, "%s %s", n, unit);
}

void
explain_day(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}
