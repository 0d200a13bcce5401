/*
 * report_plans: one plan after another (config_plans.h) in what eval and
 * the documents say: which plan a report counts (the one shown at its
 * date, or the one asked for with --plan), that plan in eval's JSON and
 * text, and each target's plan beside it.  Pure.
 */
#ifndef PLANWATCH_REPORT_PLANS_H
#define PLANWATCH_REPORT_PLANS_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "config.h"
#include "target.h"

struct report_input;

/*
 * Marks every judgement of c (j: per indicator, ntargets each) counted
 * or not (judgement.other_plan) for plan p; p NULL: all counted.
 */
void report_plans_mark(
    const struct config *c, const struct plan_conf *p, struct judgement **j);
/* The plan in counts: in->plan, else the one shown at in->at; NULL
 * without plans:.  *in_force (may be NULL): in->at is in its years. */
const struct plan_conf *report_plans_counted(
    const struct report_input *in, bool *in_force);
/* Adds the plan counted to eval's "plan" object: id, name, from, to,
 * in_force, previous (the id of the plan before, or null). */
void report_plans_json(const struct report_input *in, json_t *plan);
/* eval's line naming the plan counted: "规划：第十四个五年规划（2021–2025
 * 年，实施中）"; nothing without plans:. */
void report_plans_text(const struct report_input *in, bool zh, FILE *out);
/* Adds "plan" (its id) and "counted" to target k of indicator i's JSON. */
void report_plans_target_json(
    const struct report_input *in, size_t i, size_t k, json_t *o);

#endif
