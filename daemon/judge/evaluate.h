/*
 * evaluate: the judgement of a whole indicator at a given time (every
 * target, with its rate series and staleness), and the roll-up of many
 * pairs into counts per plan chapter, per owner and for the plan.  Pure:
 * the caller supplies the series and the time (or a date, asof.h).
 */
#ifndef PLANWATCH_EVALUATE_H
#define PLANWATCH_EVALUATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "asof.h"
#include "config.h"
#include "target.h"

/*
 * Judges every target of ic into j[0 .. ntargets-1] at time now.  obs is
 * ic's series; series(arg, index) returns the series of indicator index
 * (for rate indicators), or NULL when it is not known.
 */
void evaluate_indicator(const struct config *conf,
    const struct indicator_conf *ic, const struct obs_list *obs,
    const struct obs_list *(*series)(void *arg, size_t index), void *arg,
    time_t now, struct judgement *j);

/*
 * Judges every indicator of conf into j[i][0 .. ntargets-1] as of as: when
 * as->past, each series of obs (one per indicator, the rate series
 * included) is first cut to the periods that had ended by as->at, and
 * as->left_out counts what was cut; every target is then judged at
 * as->at, so staleness and deadlines are those of that day.
 */
void evaluate_plan(const struct config *conf, struct obs_list *obs,
    struct asof *as, struct judgement *const *j);

/*
 * The target an indicator's chart draws (its plan chart, the table of
 * planned values, a digest's chart): the first of the plan shown (plans:,
 * a judgement not marked other_plan), so that once the 15th plan is in
 * force its target is drawn, not the 14th's; else, and with j NULL, the
 * first.  0 when ic has no target.
 */
size_t evaluate_charted(
    const struct indicator_conf *ic, const struct judgement *j);

/* Status counts of one group of pairs. */
struct rollup_row {
	const char *name; /* group or owner; borrowed from the config */
	int counts[STATUS_COUNT]; /* pairs per status (the judged status) */
	int total;
	int overdue; /* pairs whose data is overdue, whatever their status */
	int met_final; /* of counts[STATUS_MET], those a final verdict */
	int finals; /* pairs whose status is a final verdict */
	int binding; /* pairs of binding indicators (约束性) */
	int binding_missed; /* of those, a miss now (status_is_miss) */
};

struct rollup {
	struct rollup_row plan; /* every pair */
	struct rollup_row *groups;
	size_t ngroups;
	struct rollup_row *owners;
	size_t nowners;
};

/* Adds the pairs of ic (statuses from j) to r, but for other plans' pairs
 * (judgement.other_plan); -1 on ENOMEM. */
int rollup_add(struct rollup *r, const struct indicator_conf *ic,
    const struct judgement *j);
/*
 * The overall status of a row (the plan's badge, a chapter's, an owner's):
 * one rule for eval and the dashboard, said on both (explain_rollup_rule).
 * Of its judged pairs (not no_data):
 *   - all with a final verdict (the plan is over): met when all are met,
 *     nearly_met when met and nearly_met are 80 % or more, else not_met;
 *   - else by the share on course (met, ahead, on_track, nearly_met): 80 %
 *     or more on_track, 50 % or more at_risk, less off_track; and off_track
 *     at best while any pair is a breach (a bound broken now).
 * no_data when nothing could be judged.
 */
enum status rollup_status(const struct rollup_row *row);
/* True when rollup_status(row) is a final verdict (every pair's is). */
bool rollup_final(const struct rollup_row *row);
/* Frees the rows (not r itself). */
void rollup_clear(struct rollup *r);

#endif
