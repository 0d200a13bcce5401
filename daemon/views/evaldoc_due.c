/*
 * evaldoc_due: the latest document of a kind whose date has come, over
 * the configuration's plans (or its one plan).
 */
#include <stdio.h>

#include "evaldoc_due.h"

/* The latest document of kind k of plan p (NULL: the one plan) due at
 * now: its year (annual) into *year and its date; 0 when none is. */
static time_t
plan_due(const struct config *c, const struct plan_conf *p, enum evaldoc_kind k,
    time_t now, int *year)
{
	int first, last;
	time_t at;

	if (evaldoc_years(c, p, &first, &last) != 0)
		return 0;
	*year = 0;
	if (k != EVALDOC_ANNUAL) {
		at = evaldoc_plan_date(c, p, k, 0);
		return at != 0 && at <= now ? at : 0;
	}
	for (int y = last; y >= first; y--) {
		at = evaldoc_plan_date(c, p, k, y);
		if (at <= now) {
			*year = y;
			return at;
		}
	}
	return 0;
}

bool
evaldoc_due(const struct config *c, enum evaldoc_kind k, time_t now,
    struct evaldoc_due *d)
{
	time_t best = 0;
	int year;

	if (c->nplans == 0) {
		if ((best = plan_due(c, NULL, k, now, &year)) == 0)
			return false;
		*d = (struct evaldoc_due){.kind = k, .year = year};
	}
	for (size_t i = 0; i < c->nplans; i++) {
		time_t at = plan_due(c, &c->plans[i], k, now, &year);

		if (at != 0 && at > best) {
			best = at;
			*d = (struct evaldoc_due){
			    .kind = k, .year = year, .plan = &c->plans[i]};
		}
	}
	if (best == 0)
		return false;
	if (k == EVALDOC_ANNUAL)
		snprintf(d->key, sizeof(d->key), "annual-%d", d->year);
	else if (d->plan != NULL)
		snprintf(d->key, sizeof(d->key), "%s-%s", evaldoc_kind_name(k),
		    d->plan->id);
	else
		snprintf(d->key, sizeof(d->key), "%s", evaldoc_kind_name(k));
	return true;
}
