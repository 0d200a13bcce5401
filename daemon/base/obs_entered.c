/*
 * obs_entered: the list of periods whose current value a person entered,
 * with who, when, from what source and why (obs.h), kept in an
 * indicator's obs_revisions beside its revision log.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "obs.h"

static void
entered_free(struct obs_entered *e)
{
	free(e->by);
	free(e->source);
	free(e->note);
}

void
obs_entered_clear(struct obs_revisions *r)
{
	for (size_t i = 0; i < r->nentered; i++)
		entered_free(&r->entered[i]);
	free(r->entered);
	r->entered = NULL;
	r->nentered = r->enteredcap = 0;
}

static long
entered_index(const struct obs_revisions *r, const struct period *p)
{
	for (size_t i = 0; r != NULL && i < r->nentered; i++)
		if (period_equal(&r->entered[i].period, p))
			return (long)i;
	return -1;
}

int
obs_entered_set(struct obs_revisions *r, const struct period *p, time_t at,
    const char *by, const char *source, const char *note)
{
	struct obs_entered e = {.period = *p, .at = at};
	long k = entered_index(r, p);

	if ((e.by = strdup(by ? by : "")) == NULL ||
	    (e.source = strdup(source ? source : "")) == NULL ||
	    (note != NULL && (e.note = strdup(note)) == NULL))
		goto oom;
	if (k < 0) {
		if (grow_array(&r->entered, &r->enteredcap, r->nentered + 1,
			sizeof(*r->entered), OBS_LIST_MAX) != 0)
			goto oom;
		k = (long)r->nentered++;
	} else {
		entered_free(&r->entered[k]);
	}
	r->entered[k] = e;
	return 0;
oom:
	entered_free(&e);
	return -1;
}

void
obs_entered_unset(struct obs_revisions *r, const struct period *p)
{
	long k = entered_index(r, p);

	if (k < 0)
		return;
	entered_free(&r->entered[k]);
	r->entered[k] = r->entered[--r->nentered];
}

const struct obs_entered *
obs_entered_find(const struct obs_revisions *r, const struct period *p)
{
	long k = entered_index(r, p);

	return k < 0 ? NULL : &r->entered[k];
}
