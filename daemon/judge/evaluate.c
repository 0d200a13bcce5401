/*
 * evaluate: glue between the target kinds and an indicator.  A growth
 * target that names a rate indicator is judged on that indicator's series;
 * staleness is checked on the series the target is judged on, and so is
 * whether its period is over (then its status is a final verdict).
 *
 * The plan's overall status is a share, not the worst pair: one target
 * behind among forty does not make a plan "off track", and leadership
 * reads the counts beside it anyway; but a bound broken now (a breach) is
 * never hidden under "at risk", and once every target has its verdict the
 * plan has one too.
 */
#include <stdlib.h>
#include <string.h>

#include "config_plans.h"
#include "evaluate.h"

#define ON_TRACK_SHARE 0.8
#define AT_RISK_SHARE 0.5

void
evaluate_indicator(const struct config *conf, const struct indicator_conf *ic,
    const struct obs_list *obs,
    const struct obs_list *(*series)(void *arg, size_t index), void *arg,
    time_t now, struct judgement *j)
{
	size_t shown =
	    conf != NULL ? config_plan_at(conf, now, NULL) : CONFIG_PLAN_NONE;

	for (size_t i = 0; i < ic->ntargets; i++) {
		const struct target_conf *t = &ic->targets[i];
		const struct obs_list *rates = NULL;

		if (t->kind == TARGET_GROWTH && t->rate_indicator != NULL &&
		    series != NULL)
			rates = series(arg, t->rate_indicator_index);
		target_judge_rates(t, obs, rates, &j[i]);
		target_check_stale(t, rates != NULL ? rates : obs, ic->freq,
		    ic->stale_after, now, &j[i]);
		/* Past its last period: a verdict once its value is in or
		 * overdue, nothing projected until then. */
		if (target_over(
			t, rates != NULL ? rates : obs, ic->stale_after, now))
			target_verdict(t, obs, rates, &j[i]);
		else
			target_close(t, now, &j[i]);
		j[i].other_plan =
		    conf != NULL && !config_plan_has(conf, shown, t);
	}
}

static const struct obs_list *
plan_series(void *arg, size_t index)
{
	return &((const struct obs_list *)arg)[index];
}

void
evaluate_plan(const struct config *conf, struct obs_list *obs, struct asof *as,
    struct judgement *const *j)
{
	/* Every series is cut before any is judged: a growth target reads
	 * its rate indicator's series, which must be cut too. */
	for (size_t i = 0; as->past && i < conf->nindicators; i++)
		as->left_out += asof_keep_ended(&obs[i], as->at);
	for (size_t i = 0; i < conf->nindicators; i++)
		evaluate_indicator(conf, &conf->indicators[i], &obs[i],
		    plan_series, obs, as->at, j[i]);
}

static struct rollup_row *
row_find(struct rollup_row **rows, size_t *n, const char *name)
{
	struct rollup_row *v;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*rows)[i].name, name) == 0)
			return &(*rows)[i];
	if ((v = realloc(*rows, (*n + 1) * sizeof(*v))) == NULL)
		return NULL;
	*rows = v;
	memset(&v[*n], 0, sizeof(v[*n]));
	v[*n].name = name;
	return &v[(*n)++];
}

static void
row_count(struct rollup_row *row, const struct judgement *j, bool binding)
{
	if (binding) {
		row->binding++;
		if (status_is_miss(j->status))
			row->binding_missed++;
	}
	row->counts[j->status]++;
	row->total++;
	if (j->stale)
		row->overdue++;
	if (j->status == STATUS_MET && j->final)
		row->met_final++;
	if (j->final)
		row->finals++;
}

int
rollup_add(struct rollup *r, const struct indicator_conf *ic,
    const struct judgement *j)
{
	const char *group = ic->group ? ic->group : "-";
	const char *owner = ic->owner ? ic->owner : "-";
	bool binding = ic->nature == NATURE_BINDING;
	struct rollup_row *g = NULL, *o = NULL;

	for (size_t i = 0; i < ic->ntargets; i++) {
		/* Another plan's target (ended or not begun) counts in no
		 * roll-up of the plan shown; its chapter appears only with
		 * a target counted. */
		if (j[i].other_plan)
			continue;
		if (g == NULL &&
		    ((g = row_find(&r->groups, &r->ngroups, group)) == NULL ||
			(o = row_find(&r->owners, &r->nowners, owner)) == NULL))
			return -1;
		row_count(&r->plan, &j[i], binding);
		row_count(g, &j[i], binding);
		row_count(o, &j[i], binding);
	}
	return 0;
}

static int
judged(const struct rollup_row *row)
{
	return row->total - row->counts[STATUS_NO_DATA];
}

bool
rollup_final(const struct rollup_row *row)
{
	return judged(row) > 0 && row->finals == judged(row);
}

enum status
rollup_status(const struct rollup_row *row)
{
	const int *c = row->counts;
	int n = judged(row);
	double good;

	if (n <= 0)
		return STATUS_NO_DATA;
	if (rollup_final(row)) {
		if (c[STATUS_MET] == n)
			return STATUS_MET;
		good = (double)(c[STATUS_MET] + c[STATUS_NEARLY_MET]) / n;
		return good >= ON_TRACK_SHARE ? STATUS_NEARLY_MET
					      : STATUS_NOT_MET;
	}
	good = (double)(c[STATUS_MET] + c[STATUS_AHEAD] + c[STATUS_ON_TRACK] +
		   c[STATUS_NEARLY_MET]) /
	    n;
	/* A bound broken now is never hidden under "at risk". */
	if (good >= AT_RISK_SHARE && c[STATUS_BREACH] > 0)
		return STATUS_OFF_TRACK;
	if (good >= ON_TRACK_SHARE)
		return STATUS_ON_TRACK;
	if (good >= AT_RISK_SHARE)
		return STATUS_AT_RISK;
	return STATUS_OFF_TRACK;
}

void
rollup_clear(struct rollup *r)
{
	free(r->groups);
	free(r->owners);
	memset(r, 0, sizeof(*r));
}

size_t
evaluate_charted(const struct indicator_conf *ic, const struct judgement *j)
{
	for (size_t k = 0; j != NULL && k < ic->ntargets; k++)
		if (!j[k].other_plan)
			return k;
	return 0;
}
