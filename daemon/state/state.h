/*
 * state: the runtime records of the plan being watched, one per collector
 * and one per indicator, as data.  The runner owns and allocates them;
 * its parts (pipeline, update, renderq, alert, outbox) change them, and
 * the web server and metrics read them.  Nothing here calls anything:
 * a part that must tell the runner something does it through the hooks
 * it was given (core.h).
 *
 * Configuration (struct config) and runtime state are kept apart, as
 * STYLE.md asks: every state record points at its immutable *_conf.
 */
#ifndef PLANWATCH_STATE_H
#define PLANWATCH_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "fetch.h"
#include "fsutil.h"
#include "note.h"
#include "obs.h"
#include "target.h"

struct event;
struct feed_doc;
struct core;

struct indicator_state {
	const struct indicator_conf *conf;
	struct obs_list obs; /* current value of every period (journal) */
	struct obs_revisions revs; /* every revision, from the journal */
	struct judgement *j; /* one per target */
	/* Its notes (note.h), removed ones too: read at the start and on
	 * reload, replaced whole when the worker has written a change. */
	struct note_list notes;
	/* Its journal as the worker's last append left it (journal.h):
	 * touched only by its jobs, on the worker. */
	struct fsutil_mark journal_mark;
	/* Its archive was checked against its journal since the start or
	 * the reload (update.c): by the start's catch-up, or by the first
	 * job of its own that came before it. */
	bool start_checked;
	bool feed_error; /* the last fetch or parse for it failed */
	char *feed_err; /* why (state_text_set), or NULL */
	/* The journal does not load (a damaged record): why, or NULL.  The
	 * indicator is then feed_error for good, takes no new value, and its
	 * archive is left as it is, until the journal is repaired
	 * (planwatch journal repair) and the daemon started again. */
	char *journal_err;
	/* Heap strings, not arrays: three 4 KiB buffers per indicator were
	 * 120 MB of a 10,000-feed process (bench/fetch). */
	char *journal_path;
	char *rrd_path;
	char *png_path;
	size_t *dependents; /* indicators that read this one (derived, rates) */
	size_t ndependents, dependents_cap;
	size_t *inputs; /* indicators this one reads */
	size_t ninputs, inputs_cap;
	time_t rrd_last; /* the archive's last update, when known, or 0 */
	bool rendering; /* its charts are being drawn */
	bool render_again; /* ... and must be drawn once more */
	bool refreshing; /* a refresh job is under way */
	/* The archive lacks what the journal holds (a write failed): the
	 * catch-up timer retries; rrd_rebuild when it must be built anew. */
	bool rrd_behind;
	bool compact; /* the journal is worth compacting (journal.h) */
	bool rrd_rebuild;
	char *rrd_err; /* why it is behind, or NULL */
	char *rrd_aside; /* a damaged archive moved aside, or NULL */
	time_t rrd_aside_at;
	/* Periods before STORE_EPOCH (journal only) already logged. */
	size_t too_early_said;
	bool refresh_again; /* an input changed again meanwhile */
};

/*
 * What a collector has learnt by running: its counters, its failures, its
 * schedule and the validators of its last good answer.  A reload carries
 * it across whole (struct assignment, its texts moved with it), so a
 * field added here is never lost on reload; what belongs to one cycle
 * only stays in collector_state.
 */
struct collector_runtime {
	/* Read by web.c and metrics.c by their old names through the view
	 * in collector_state until they move to their accessor table (issue
	 * 17): keep these five first and in this order. */
	unsigned long long fetches[FETCH_OUTCOMES]; /* ended, by outcome */
	double fetch_seconds; /* their libcurl total time, summed */
	unsigned failures; /* failed transfers in a row */
	time_t last_fetch;
	time_t last_success;

	enum fetch_outcome last_outcome;
	long last_status; /* the last answer's HTTP status, or 0 */
	bool failed; /* the last cycle ended in an error */
	double retry_after; /* the server's Retry-After, or -1 */
	bool retrying; /* the next run is a retry, off the schedule */
	time_t next_due;
	/* Texts are NULL or heap copies (state_text_set): a kilobyte of
	 * mostly empty buffers per collector was 10 MB at 10,000 feeds. */
	char *etag; /* validators of the last good response */
	char *last_modified;
	char *last_error;
	bool validators_refused; /* the last answer's were: logged once */
	/* What collectors.json last holds of it (collstate.c): a digest of
	 * the fields but the times, and the times saved. */
	uint64_t saved_sum;
	time_t saved_fetch, saved_success;
};

struct collector_state {
	const struct collector_conf *conf;
	struct core *core; /* the runtime it belongs to (core.h) */
	struct event *timer;
	bool busy; /* a fetch or its indicator jobs are in flight: set and
		      cleared only with core_collector_busy() */
	size_t *inds; /* its indicators, indexes into core.inds */
	size_t ninds, inds_cap;
	size_t jobs; /* indicator jobs not yet done */
	bool fetch_failed; /* this cycle failed in the transfer: retried */
	struct feed_doc *doc; /* a paged answer being gathered */
	int page, pages; /* its last page read, and how many */
	char *new_etag; /* this response's, kept once all is stored */
	char *new_last_modified;
	bool held; /* it came due while fetches were held (runner_holding) */
	/* In the runner's queue of collectors due, not yet started. */
	struct collector_state *due_next;
	bool due;
	struct collector_runtime rt; /* moved whole across a reload */
};

/* Caps on the texts above, in bytes with the NUL. */
#define STATE_ETAG_MAX FETCH_ETAG_MAX
#define STATE_LAST_MODIFIED_MAX FETCH_LAST_MODIFIED_MAX
#define STATE_ERROR_MAX 512

/*
 * Replaces *field with a copy of value cut to max - 1 bytes; NULL or ""
 * clears it.  Out of memory leaves it cleared.
 */
void state_text_set(char **field, const char *value, size_t max);
/* Frees rt's texts and zeroes it. */
void state_runtime_clear(struct collector_runtime *rt);
/* A text field for reading: "" for none. */
static inline const char *
state_text(const char *field)
{
	return field != NULL ? field : "";
}

#endif
