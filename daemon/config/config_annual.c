/*
 * config_annual: a target's annual targets (年度目标), the mapping
 * "annual: {2021: 8.5, 2022: 8}" of year to value, for the target loader
 * (config_target.c).
 *
 * A year's value is judged against the value of that year, so only an
 * annual indicator may carry them (a quarter's level is not the year's:
 * docs/targets.md).  The years must lie within the target's periods:
 * after the baseline and not after the target of a progress target,
 * within from..to of a bound or a year-on-year target.  Every mistake is
 * reported and the target keeps the good years, so that one run reports
 * all.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config_annual.h"

#define YEAR_MIN 1000
#define YEAR_MAX 9999

static int
annual_cmp(const void *a, const void *b)
{
	const struct annual_target *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

/* The year of the key node, or 0 when it is none (reported). */
static int
annual_year(struct config_yaml *y, yaml_node_t *key)
{
	char q[QUOTE_BUF];
	const char *s = config_yaml_str(key);
	char *end;
	long n;

	n = strtol(s, &end, 10);
	if (key->type != YAML_SCALAR_NODE || end == s || *end != '\0' ||
	    n < YEAR_MIN || n > YEAR_MAX) {
		config_yaml_error(y, key,
		    "expected a year such as 2021 as the key, got %s",
		    config_yaml_describe(key, q, sizeof(q)));
		return 0;
	}
	return (int)n;
}

/* Whether year already has a value in t; reports the repeat at key. */
static bool
annual_repeated(struct config_yaml *y, yaml_node_t *key,
    const struct target_conf *t, int year)
{
	for (size_t i = 0; i < t->nannual; i++) {
		if (t->annual[i].year == year) {
			config_yaml_error(
			    y, key, "year %d is given twice in annual", year);
			return true;
		}
	}
	return false;
}

/* Whether year lies within span; reports it at key otherwise. */
static bool
annual_within(struct config_yaml *y, yaml_node_t *key, int year,
    const struct annual_span *span)
{
	if (year >= span->first && year <= span->last)
		return true;
	if (span->first == INT_MIN)
		config_yaml_error(y, key,
		    "year %d is outside the target's periods (up to %d)", year,
		    span->last);
	else if (span->last == INT_MAX)
		config_yaml_error(y, key,
		    "year %d is outside the target's periods (from %d)", year,
		    span->first);
	else
		config_yaml_error(y, key,
		    "year %d is outside the target's periods (%d to %d)", year,
		    span->first, span->last);
	return false;
}

/* Reads one pair "year: value" of the mapping into t. */
static void
annual_pair(struct config_yaml *y, yaml_node_pair_t *p, struct target_conf *t,
    const struct annual_span *span)
{
	yaml_node_t *key = yaml_document_get_node(&y->doc, p->key);
	yaml_node_t *val = yaml_document_get_node(&y->doc, p->value);
	struct annual_target a;

	if ((a.year = annual_year(y, key)) == 0 ||
	    annual_repeated(y, key, t, a.year))
		return;
	if (!config_yaml_number(y, val, &a.value) ||
	    !annual_within(y, key, a.year, span))
		return;
	if (t->nannual >= ANNUAL_MAX) {
		config_yaml_error(
		    y, key, "more than %d annual targets", ANNUAL_MAX);
		return;
	}
	t->annual = config_yaml_grow(t->annual, t->nannual, sizeof(*t->annual));
	t->annual[t->nannual++] = a;
}

void
config_annual_load(struct config_yaml *y, yaml_node_t *val,
    struct target_conf *t, const enum freq *freq,
    const struct annual_span *span)
{
	if (!config_yaml_is_map(y, val))
		return;
	if (freq != NULL && *freq != FREQ_ANNUAL) {
		config_yaml_error(y, val,
		    "annual targets need an annual indicator, this one is %s "
		    "(a quarter's or a month's value is not the year's)",
		    freq_name(*freq));
		return;
	}
	for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
	     p < val->data.mapping.pairs.top; p++)
		annual_pair(y, p, t, span);
	if (t->nannual > 1)
		qsort(t->annual, t->nannual, sizeof(*t->annual), annual_cmp);
}
