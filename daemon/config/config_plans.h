/*
 * config_plans: one plan after another (plans: in the configuration, the
 * 14th 2021-2025 and the 15th 2026-2030): which plan a target belongs
 * to, which plan is in force on a day and which came before it.  A
 * configuration with plan: or no plan section has no plans (nplans 0):
 * its one plan's years are its targets' (evaldoc_plan_years), as before.
 *
 * The plan shown on a day: the plan whose years hold the day's year (UTC);
 * between plans, the latest that has begun (its targets keep their final
 * verdicts until the next plan begins); before any has begun, the first.
 */
#ifndef PLANWATCH_CONFIG_PLANS_H
#define PLANWATCH_CONFIG_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"

#define CONFIG_PLAN_NONE ((size_t)-1)

/* The index of the plan shown at time at, CONFIG_PLAN_NONE without plans:;
 * *in_force (may be NULL) tells whether at's year is one of its years. */
size_t config_plan_at(const struct config *c, time_t at, bool *in_force);
/* The plan before plan p (by years), or CONFIG_PLAN_NONE. */
size_t config_plan_before(const struct config *c, size_t p);
/* The latest plan whose last year is over at time at, or CONFIG_PLAN_NONE. */
size_t config_plan_ended(const struct config *c, time_t at);
/* The year target t is due (its target period's, else its to's), or 0. */
int config_plan_deadline(const struct target_conf *t);
/* The index of the plan with id, or CONFIG_PLAN_NONE. */
size_t config_plan_find(const struct config *c, const char *id);
/* The plan's name in locale ("zh-CN", "en"; NULL: the configuration's). */
const char *config_plan_name(const struct plan_conf *p, const char *locale);
/* True when target t of an indicator belongs to plan p (always, when the
 * configuration has no plans: or p is CONFIG_PLAN_NONE). */
bool config_plan_has(
    const struct config *c, size_t p, const struct target_conf *t);

#endif
