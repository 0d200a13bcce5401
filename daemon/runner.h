/*
 * runner: the process's runtime state and its event loop.  It owns the
 * configuration, the libevent base, curlev, the worker, one state record
 * per collector and per indicator, and the alert book.  pipeline.c,
 * alert.c and outbox.c are its parts and see these structs; nothing below
 * the orchestration layer does.
 *
 * Configuration (struct config) and runtime state are kept apart, as
 * STYLE.md asks: every state record points at its immutable *_conf.
 */
#ifndef PLANWATCH_RUNNER_H
#define PLANWATCH_RUNNER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "fetch.h"
#include "obs.h"
#include "silence.h"
#include "target.h"

struct event;
struct event_base;
struct curlev;
struct worker;
struct alert_book;
struct outbox;
struct feed_doc;
struct web;
struct loopstat;

struct indicator_state {
	const struct indicator_conf *conf;
	struct obs_list obs; /* current value of every period (journal) */
	struct obs_revisions revs; /* every revision, from the journal */
	struct judgement *j; /* one per target */
	bool feed_error; /* the last fetch or parse for it failed */
	char *feed_err; /* why (runner_text_set), or NULL */
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
	size_t ndependents;
	size_t *inputs; /* indicators this one reads */
	size_t ninputs;
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

struct collector_state {
	const struct collector_conf *conf;
	struct runner *runner;
	struct event *timer;
	bool busy; /* a fetch or its indicator jobs are in flight: set and
		      cleared only with runner_collector_busy() */
	size_t *inds; /* its indicators, indexes into runner.inds */
	size_t ninds;
	size_t jobs; /* indicator jobs not yet done */
	enum fetch_outcome last_outcome;
	unsigned long long fetches[FETCH_OUTCOMES]; /* ended, by outcome */
	double fetch_seconds; /* their libcurl total time, summed */
	bool failed; /* the last cycle ended in an error */
	bool fetch_failed; /* ... in the transfer itself: retried */
	unsigned failures; /* failed transfers in a row */
	double retry_after; /* the server's Retry-After, or -1 */
	bool retrying; /* the next run is a retry, off the schedule */
	time_t last_fetch;
	time_t last_success;
	time_t next_due;
	struct feed_doc *doc; /* a paged answer being gathered */
	int page, pages; /* its last page read, and how many */
	/* Texts are NULL or heap copies (runner_text_set): a kilobyte of
	 * mostly empty buffers per collector was 10 MB at 10,000 feeds. */
	char *etag; /* validators of the last good response */
	char *last_modified;
	char *new_etag; /* this response's, kept once all is stored */
	char *new_last_modified;
	char *last_error;
	bool validators_refused; /* the last answer's were: logged once */
	bool held; /* it came due while fetches were held (runner_holding) */
};

/* Caps on the texts above, in bytes with the NUL. */
#define RUNNER_ETAG_MAX FETCH_ETAG_MAX
#define RUNNER_LAST_MODIFIED_MAX FETCH_LAST_MODIFIED_MAX
#define RUNNER_ERROR_MAX 512

struct runner {
	struct config *conf;
	struct event_base *base;
	struct curlev *cev;
	struct worker *worker;
	struct worker *renderer; /* charts: renderq.c */
	struct collector_state *colls;
	struct indicator_state *inds;
	struct alert_book *alerts;
	struct json_t *reports; /* state_dir/reports.json (alert_report.c) */
	struct outbox *outbox;
	bool once; /* one cycle, then exit */
	bool started; /* once: the collectors were started */
	bool evaluating; /* an alert evaluation is being committed */
	bool evaluate_wanted; /* due, waiting for the charts being drawn */
	bool reload_wanted; /* SIGHUP: reload when the runner is idle */
	time_t eval_pending_since; /* a collector finished, not yet judged */
	unsigned long reloads_applied, reloads_refused; /* since the start */
	bool stopping; /* runner_free is tearing down: start nothing */
	bool draining; /* SIGTERM: no new work; stop when idle or bounded */
	size_t refreshing; /* refresh jobs under way */
	size_t catching_up; /* archive catch-up jobs under way */
	size_t busy; /* collectors with busy set */
	size_t rendering; /* indicators whose charts are being drawn */
	atomic_bool render_cancel; /* stopping: queued drawings are skipped */
	unsigned long long renders, render_failures; /* for /metrics */
	double render_seconds;
	bool state_dirty; /* collectors.json needs writing */
	int exit_code;
	struct event *sig_int, *sig_term, *sig_hup;
	struct event *group_timer; /* run: evaluation after group_wait */
	struct event *report_timer; /* run: evaluation at the next report */
	struct event *catchup_timer; /* run: archives behind, tried again */
	struct event *drain_timer; /* SIGTERM: the bound on in-flight work */
	struct web *web; /* run: the HTTP server, or NULL */
	struct loopstat *loopstat; /* the loop's lateness, for /metrics */
	time_t started_at;
	int lock_fd; /* holds data_dir's lock while running, or 0 */
	unsigned long version; /* changes whenever what the pages show may */
	struct silences silences; /* state_dir/silences.json as last read */
	struct timespec silences_mtime; /* of that file then; 0: absent */
};

/* Builds the runtime for conf (which the runner then owns). */
struct runner *runner_new(struct config *conf, bool once);
/* Runs the loop until a signal (run) or the end of one cycle (once). */
int runner_run(struct runner *r);
/* Frees everything, the configuration included; NULL is a no-op. */
void runner_free(struct runner *r);

/*
 * Replaces *field with a copy of value cut to max - 1 bytes; NULL or ""
 * clears it.  Out of memory leaves it cleared.
 */
void runner_text_set(char **field, const char *value, size_t max);
/* A text field for reading: "" for none. */
static inline const char *
runner_text(const char *field)
{
	return field != NULL ? field : "";
}

/* Indicators whose journal is damaged (journal_err). */
size_t runner_journals_damaged(const struct runner *r);
/* Sets cs->busy, keeping the runner's count of busy collectors. */
void runner_collector_busy(
    struct runner *r, struct collector_state *cs, bool busy);
/* pipeline.c calls this when a collector's cycle has ended. */
void runner_collector_done(struct runner *r, struct collector_state *cs);
/*
 * update.c calls this when an indicator's job is done: cs is the collector
 * whose fetch it was, or NULL for a refresh.
 */
void runner_update_done(
    struct runner *r, struct indicator_state *is, struct collector_state *cs);
/* The stored series of indicator index (for evaluate_indicator). */
const struct obs_list *runner_series(void *runner, size_t index);
/* alert.c and outbox.c call this when their work may have ended. */
void runner_check_idle(struct runner *r);
/*
 * Reads state_dir/silences.json again when its modification time changed
 * (a small local file; a bad one is logged and the old silences stay).
 */
void runner_silences_refresh(struct runner *r);
/* run: sets the report timer to the next route report's slot, if any. */
void runner_schedule_reports(struct runner *r);
/* Index of indicator state for indicator conf ic. */
struct indicator_state *runner_indicator(
    struct runner *r, const struct indicator_conf *ic);

#endif
