/*
 * evaluate: the judgement of a whole indicator at a given time (every
 * target, with its rate series and staleness), and the roll-up of many
 * pairs into counts per plan chapter, per owner and for the plan.  Pure:
 * the caller supplies the series and the time.
 */
#ifndef PLANWATCH_EVALUATE_H
#define PLANWATCH_EVALUATE_H

#include <stddef.h>
#include <time.h>

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

/* Status counts of one group of pairs. */
struct rollup_row {
	const char *name; /* group or owner; borrowed from the config */
	int counts[STATUS_COUNT]; /* pairs per status (the judged status) */
	int total;
	int overdue; /* pairs whose data is overdue, whatever their status */
	int met_final; /* of counts[STATUS_MET], those a final verdict */
};

struct rollup {
	struct rollup_row plan; /* every pair */
	struct rollup_row *groups;
	size_t ngroups;
	struct rollup_row *owners;
	size_t nowners;
};

/* Adds the pairs of ic (statuses from j) to r; -1 on ENOMEM. */
int rollup_add(struct rollup *r, const struct indicator_conf *ic,
    const struct judgement *j);
/*
 * The overall status of a row: on_track when at least 80 % of its judged
 * pairs (not no_data) are on track or met, at_risk from 50 %, off_track
 * below; no_data when nothing could be judged.
 */
enum status rollup_status(const struct rollup_row *row);
/* Frees the rows (not r itself). */
void rollup_clear(struct rollup *r);

#endif
