/*
 * config_plans: plans: (a list of {id, name, from, to}) and a target's
 * plan:, checked as check-config checks the rest: a plan without id,
 * name or years, a year range backwards, two plans with one id or
 * overlapping years, a target naming no plan of the list, or one whose
 * deadline year lies in no plan when there are several.  Also which plan
 * is shown on a day (config_plans.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config_load.h"
#include "config_plans.h"
#include "config_text.h"

static const struct config_yaml_key plan_item_keys[] = {
    FIELD_REQUIRED("id", config_yaml_set_id, struct plan_conf, id),
    TEXT_REQUIRED("name", struct plan_conf, name, names[0], names[1]),
    {.name = "from",
	.fn = config_yaml_set_whole,
	.offset = offsetof(struct plan_conf, from),
	.lo = 1949,
	.hi = 2200,
	.required = true},
    {.name = "to",
	.fn = config_yaml_set_whole,
	.offset = offsetof(struct plan_conf, to),
	.lo = 1949,
	.hi = 2200,
	.required = true},
};

/* Reports what the new plan p (the last) shares with those before it. */
static void
plan_check(struct config_yaml *y, yaml_node_t *node, const struct config *c)
{
	const struct plan_conf *p = &c->plans[c->nplans - 1];
	yaml_node_t *from = config_yaml_get(y, node, "from");
	yaml_node_t *to = config_yaml_get(y, node, "to");

	if (p->from != 0 && p->to != 0 && p->to < p->from) {
		config_yaml_error(y, to != NULL ? to : node,
		    "to (%ld) is before from (%ld)", p->to, p->from);
		return;
	}
	for (size_t i = 0; i + 1 < c->nplans; i++) {
		const struct plan_conf *q = &c->plans[i];

		if (p->id != NULL && q->id != NULL &&
		    strcmp(p->id, q->id) == 0) {
			config_id_duplicate(y, node, "plan", p->id, &q->where);
			continue;
		}
		if (p->from != 0 && p->to != 0 && q->from != 0 &&
		    q->to >= q->from && p->from <= q->to && q->from <= p->to)
			config_yaml_error(y, from != NULL ? from : node,
			    "years %ld-%ld overlap plan %s (%ld-%ld)", p->from,
			    p->to, q->id != NULL ? q->id : "?", q->from, q->to);
	}
}

void
config_plans_load(struct config_yaml *y, void *obj, yaml_node_t *node)
{
	struct config *c = obj;
	struct plan_conf *p;

	if (!config_yaml_is_map(y, node))
		return;
	c->plans = config_yaml_grow(c->plans, c->nplans, sizeof(*c->plans));
	p = &c->plans[c->nplans++];
	config_yaml_where(y, node, &p->where);
	config_yaml_walk(y, node, plan_item_keys, NITEMS(plan_item_keys), p);
	plan_check(y, node, c);
}

void
config_plans_target(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct target_conf *t = obj;
	const struct config_yaml_key id = {
	    .name = key->name, .offset = offsetof(struct target_conf, plan_id)};

	/* Where it is written even when it is wrong (reported here): a
	 * wrong plan: is one mistake, not also a target without a plan. */
	config_yaml_set_id(y, &id, t, val);
	free(t->plan_where.file);
	config_yaml_where(y, val, &t->plan_where);
}

int
config_plan_deadline(const struct target_conf *t)
{
	if (t->kind == TARGET_REACH || t->kind == TARGET_GROWTH)
		return t->target_period.year != 0 ? t->target_period.year
		    : t->has_to                   ? t->to.year
						  : 0;
	return t->has_to ? t->to.year : 0;
}

static int
by_from(const void *a, const void *b)
{
	const struct plan_conf *p = a, *q = b;

	return (p->from > q->from) - (p->from < q->from);
}

/* The plan of t, reported when it has none. */
static void
target_plan(
    struct loader *ld, const struct indicator_conf *ind, struct target_conf *t)
{
	const struct config *c = ld->conf;
	const struct config_where *w = &t->where;
	int year = config_plan_deadline(t);
	size_t p;

	if (t->plan_id != NULL) {
		const char **ids = calloc(c->nplans + 1, sizeof(*ids));
		const char *hint;

		if ((p = config_plan_find(c, t->plan_id)) != CONFIG_PLAN_NONE) {
			t->plan = p;
			free(ids);
			return;
		}
		if (ids == NULL)
			fatal("out of memory");
		for (size_t i = 0; i < c->nplans; i++)
			ids[i] = c->plans[i].id;
		hint = config_yaml_similar(t->plan_id, ids, c->nplans);
		config_yaml_report(ld->errors, t->plan_where.file,
		    t->plan_where.line, t->plan_where.column,
		    c->nplans == 0
			? "plan %s names no plan: there is no plans: list%s%s%s"
			: "unknown plan %s%s%s%s",
		    t->plan_id, hint ? " (did you mean " : "", hint ? hint : "",
		    hint ? "?)" : "");
		free(ids);
		return;
	}
	if (c->nplans == 0 || t->plan_where.file != NULL)
		return;
	for (p = 0; p < c->nplans; p++)
		if (c->plans[p].from > 0 && year >= c->plans[p].from &&
		    year <= c->plans[p].to) {
			t->plan = p;
			return;
		}
	if (c->nplans == 1) {
		t->plan = 0;
		return;
	}
	if (year != 0)
		config_yaml_report(ld->errors, w->file, w->line, w->column,
		    "target %s of %s: its deadline %d is in no plan of "
		    "plans:; say which with plan:",
		    t->id != NULL ? t->id : "?",
		    ind->id != NULL ? ind->id : "?", year);
	else
		config_yaml_report(ld->errors, w->file, w->line, w->column,
		    "target %s of %s has no deadline year to tell its plan; "
		    "say which with plan:",
		    t->id != NULL ? t->id : "?",
		    ind->id != NULL ? ind->id : "?");
}

void
config_plans_resolve(struct loader *ld)
{
	struct config *c = ld->conf;

	if (c->nplans > 0 && c->plan_name != NULL) {
		const struct config_where *w = &c->plans[0].where;

		config_yaml_report(ld->errors, w->file, w->line, w->column,
		    "plans: and plan: are both given: plan: is the form for "
		    "one plan, keep plans:");
	}
	/* The texts are settled (config_i18n_resolve), so the plans may
	 * move; overlaps were refused, so from orders them. */
	if (c->nplans > 1)
		qsort(c->plans, c->nplans, sizeof(*c->plans), by_from);
	for (size_t i = 0; i < c->nindicators; i++) {
		struct indicator_conf *ind = &c->indicators[i];

		for (size_t t = 0; t < ind->ntargets; t++) {
			ind->targets[t].plan = CONFIG_PLAN_NONE;
			target_plan(ld, ind, &ind->targets[t]);
		}
	}
	/* The texts are settled: whether any is in another language, once
	 * (config.h, translated). */
	c->translated =
	    config_translated(c) ? CONFIG_TRANSLATED : CONFIG_SINGLE;
}

void
config_plans_free(struct plan_conf *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].id);
		free(p[i].name);
		for (int l = 0; l < LOCALE_COUNT; l++)
			free(p[i].names[l]);
		free(p[i].where.file);
	}
	free(p);
}

/* The UTC year of t. */
static long
year_of(time_t t)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return 0;
	return (long)tm.tm_year + 1900;
}

size_t
config_plan_at(const struct config *c, time_t at, bool *in_force)
{
	long y = year_of(at);
	size_t shown = CONFIG_PLAN_NONE;

	if (in_force != NULL)
		*in_force = false;
	if (c->nplans == 0)
		return CONFIG_PLAN_NONE;
	for (size_t p = 0; p < c->nplans; p++) {
		if (y >= c->plans[p].from && y <= c->plans[p].to) {
			if (in_force != NULL)
				*in_force = true;
			return p;
		}
		if (c->plans[p].from <= y)
			shown = p; /* by from: the latest begun so far */
	}
	return shown != CONFIG_PLAN_NONE ? shown : 0;
}

size_t
config_plan_before(const struct config *c, size_t p)
{
	return p != CONFIG_PLAN_NONE && p > 0 && p < c->nplans
	    ? p - 1
	    : CONFIG_PLAN_NONE;
}

size_t
config_plan_ended(const struct config *c, time_t at)
{
	long y = year_of(at);
	size_t ended = CONFIG_PLAN_NONE;

	for (size_t p = 0; p < c->nplans; p++)
		if (c->plans[p].to < y)
			ended = p;
	return ended;
}

size_t
config_plan_find(const struct config *c, const char *id)
{
	for (size_t p = 0; id != NULL && p < c->nplans; p++)
		if (c->plans[p].id != NULL && strcmp(c->plans[p].id, id) == 0)
			return p;
	return CONFIG_PLAN_NONE;
}

const char *
config_plan_name(const struct plan_conf *p, const char *locale)
{
	const char *s = locale != NULL ? p->names[locale_of(locale)] : NULL;

	return s != NULL ? s : p->name;
}

bool
config_plan_has(const struct config *c, size_t p, const struct target_conf *t)
{
	return c->nplans == 0 || p == CONFIG_PLAN_NONE || t->plan == p;
}
