/*
 * digest: the text of one alert message for one route: a subject with the
 * counts and a plain text body listing new problems and recoveries, each
 * with the numbers of its judgement.  Pure text building.
 */
#ifndef PLANWATCH_DIGEST_H
#define PLANWATCH_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "target.h"

/* One status change of an (indicator, target) pair. */
struct alert_event {
	const struct indicator_conf *ind;
	const struct target_conf *target;
	enum status old_status; /* STATUS_COUNT when there was none */
	enum status new_status;
	enum severity severity;
	bool resolved; /* the pair left a problem status */
	bool repeat; /* still critical, told again (repeat_interval) */
	time_t prior_sent; /* when the pair was last sent before, or 0 */
	struct judgement j;
	const char *feed_err; /* why, for feed_error; may be NULL */
};

/*
 * Writes a new subject ("[planwatch] 3 项指标偏离目标, 1 项恢复") and body
 * for events into *subject and *body (caller frees).  -1 on ENOMEM.
 */
int digest_compose(const struct alert_event *ev, size_t n, const char *locale,
    char **subject, char **body);

#endif
