/*
 * alert_state: what one (indicator, target) pair's status change means
 * for leadership, decided one evaluation at a time.  Pure: the alert book
 * keeps a struct pair_state per pair, and alert_step says whether this
 * evaluation notifies something.
 *
 *   - A new status must hold for `for_count` evaluations in a row before
 *     it counts (flap control); until then it is only pending.
 *   - Into a problem, or from one problem to another: a new problem.
 *     Out of a problem: one "resolved" notice.  Between statuses that are
 *     no problem: recorded, not notified.  The first status of a pair is
 *     notified only when it is a problem.
 *   - A problem whose severity is critical and that stays so is due again
 *     after repeat_interval (0: never); it is sent only inside a digest
 *     that has news anyway.
 *   - A silenced pair notifies nothing and its notified status stays: when
 *     the silence ends, what changed meanwhile is notified then.
 *   - Data overdue is not a status: it is told once per overdue period, as
 *     a notice of its own (alert_overdue_step), and its end is recorded
 *     silently (the data that arrive are judged like any other).
 */
#ifndef PLANWATCH_ALERT_STATE_H
#define PLANWATCH_ALERT_STATE_H

#include <stdbool.h>
#include <time.h>

#include "config.h"
#include "period.h"
#include "target.h"

/* pair_state.overdue of a book that said "stale": told, period unknown. */
#define ALERT_OVERDUE_UNKNOWN "?"

struct pair_state {
	enum status
	    notified; /* last notified (or recorded); STATUS_COUNT: none */
	enum status pending; /* a different status seen, not yet counted */
	unsigned count; /* evaluations in a row pending has held */
	time_t sent; /* when the pair was last in a message, or 0 */
	char overdue[PERIOD_TEXT_MAX]; /* the period told overdue, "" none */
};

struct alert_policy {
	unsigned for_count; /* at least 1 */
	double repeat_interval; /* seconds; 0: no repeats */
	enum severity severity[STATUS_COUNT];
	/* Of a binding indicator's pairs (约束性): a problem is critical,
	 * but a status the configuration sets (alerts.severity) is set
	 * here too: the configuration wins. */
	enum severity binding[STATUS_COUNT];
	enum severity overdue; /* of a "data overdue" notice (warning) */
};

enum alert_decision {
	ALERT_NONE,
	ALERT_NEW, /* a new problem, or another problem than notified */
	ALERT_RESOLVED, /* left a problem */
	ALERT_REPEAT, /* still critical, due again: for a digest with news */
};

/* The default policy: for 1, repeat 7 days, status_severity() (and
 * binding_severity() for binding indicators). */
void alert_policy_default(struct alert_policy *p);
/* The policy p, for a binding indicator's pair: its severities are
 * p->binding (into out). */
void alert_policy_binding(
    const struct alert_policy *p, struct alert_policy *out);
/* A pair never seen. */
void pair_state_init(struct pair_state *s);
/*
 * One evaluation of a pair whose status is now, at time at; updates s
 * (but not s->sent, which alert_sent sets when a message took it).
 */
enum alert_decision alert_step(struct pair_state *s, enum status now, time_t at,
    bool silenced, const struct alert_policy *p);
/*
 * One evaluation of a pair's overdue flag: period is the period overdue
 * now ("2024"), or NULL when nothing is.  True when it is news: a period
 * not told overdue before (and the pair is not silenced); updates s.  A
 * period told under an earlier format (ALERT_OVERDUE_UNKNOWN) is taken as
 * told.
 */
bool alert_overdue_step(
    struct pair_state *s, const char *period, bool silenced);
/* Records that the pair went out in a message at time at. */
void alert_sent(struct pair_state *s, time_t at);

#endif
