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
#include "silence.h"
#include "state.h"

struct event;
struct event_base;
struct curlev;
struct worker;
struct alert_book;
struct outbox;
struct feed_doc;
struct web;
struct loopstat;

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
