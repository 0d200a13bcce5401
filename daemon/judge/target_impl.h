/*
 * target_impl: what target.c, target_reach.c and target_rule.c share.
 * Not for other modules: they use target.h.
 */
#ifndef PLANWATCH_TARGET_IMPL_H
#define PLANWATCH_TARGET_IMPL_H

#include "target.h"

/* Empties j: no data, every number NAN. */
void judgement_reset(struct judgement *j);
/* Sets gap and gap_pct from latest_value and planned. */
void judgement_gap(struct judgement *j);
/* The observation of period p, or NULL. */
const struct obs *obs_at(const struct obs_list *obs, const struct period *p);
/* The period of frequency freq that contains the instant x. */
struct period period_containing(time_t x, enum freq freq);
/* The period after (step 1) or before (step -1) p. */
struct period period_step(const struct period *p, int step);
/* True when t's planned path is compound (reach compound, growth cagr). */
bool target_is_compound(const struct target_conf *t);
/* The planned path between (baseline, vb) and (deadline, vT) at years. */
double target_path_at(
    const struct target_conf *t, double vb, double vT, double years);

void target_judge_reach(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j);
void target_judge_cagr(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j);
void target_judge_yoy(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j);
void target_judge_rule(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j);
/* Whether v is at or beyond the target vT (from vb), within about. */
bool target_reach_met(
    const struct target_conf *t, double vb, double vT, double v);
/* The status of a progress ratio by t's thresholds. */
enum status target_ratio_status(const struct target_conf *t, double ratio);

#endif
