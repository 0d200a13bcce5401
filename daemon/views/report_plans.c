/*
 * report_plans: what eval and the documents say of plans: (report_plans.h).
 * The judgements carry whether each target counts (judgement.other_plan,
 * set by evaluate_indicator for the plan shown at the time judged); eval
 * --plan and report --plan mark them again for the plan asked for, so
 * that every roll-up built from them (rollup_add) counts that plan's
 * targets only.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config_plans.h"
#include "report.h"
#include "report_plans.h"

void
report_plans_mark(
    const struct config *c, const struct plan_conf *p, struct judgement **j)
{
	size_t want = p != NULL ? (size_t)(p - c->plans) : CONFIG_PLAN_NONE;

	for (size_t i = 0; i < c->nindicators; i++)
		for (size_t k = 0; k < c->indicators[i].ntargets; k++)
			j[i][k].other_plan = !config_plan_has(
			    c, want, &c->indicators[i].targets[k]);
}

const struct plan_conf *
report_plans_counted(const struct report_input *in, bool *in_force)
{
	const struct config *c = in->conf;
	size_t p = config_plan_at(c, in->at, in_force);

	if (in->plan != NULL) {
		if (in_force != NULL)
			*in_force = p == (size_t)(in->plan - c->plans);
		return in->plan;
	}
	return p != CONFIG_PLAN_NONE ? &c->plans[p] : NULL;
}

void
report_plans_json(const struct report_input *in, json_t *plan)
{
	const struct config *c = in->conf;
	bool in_force;
	const struct plan_conf *p = report_plans_counted(in, &in_force);
	size_t before;

	if (p == NULL || plan == NULL)
		return;
	before = config_plan_before(c, (size_t)(p - c->plans));
	json_object_set_new(plan, "id", json_string(p->id));
	json_object_set_new(
	    plan, "name", json_string(config_plan_name(p, report_locale(in))));
	json_object_set_new(plan, "from", json_integer(p->from));
	json_object_set_new(plan, "to", json_integer(p->to));
	json_object_set_new(plan, "in_force", json_boolean(in_force));
	json_object_set_new(plan, "previous",
	    before != CONFIG_PLAN_NONE ? json_string(c->plans[before].id)
				       : json_null());
}

void
report_plans_text(const struct report_input *in, bool zh, FILE *out)
{
	bool in_force;
	const struct plan_conf *p = report_plans_counted(in, &in_force);
	long y = 0;
	struct tm tm;

	if (p == NULL)
		return;
	if (gmtime_r(&in->at, &tm) != NULL)
		y = tm.tm_year + 1900L;
	fprintf(out,
	    zh ? "规划：%s（%ld–%ld 年，%s）\n" : "Plan: %s (%ld–%ld, %s)\n",
	    config_plan_name(p, zh ? "zh-CN" : "en"), p->from, p->to,
	    in_force        ? (zh ? "实施中" : "in force")
		: y > p->to ? (zh ? "已结束" : "ended")
			    : (zh ? "尚未开始" : "not begun"));
}

void
report_plans_target_json(
    const struct report_input *in, size_t i, size_t k, json_t *o)
{
	const struct config *c = in->conf;
	const struct target_conf *t = &c->indicators[i].targets[k];

	if (c->nplans == 0 || o == NULL || t->plan >= c->nplans)
		return;
	json_object_set_new(o, "plan", json_string(c->plans[t->plan].id));
	json_object_set_new(
	    o, "counted", json_boolean(!in->j[i][k].other_plan));
}
