/*
 * webview: what the web server and /metrics may see of the running
 * daemon, as a table of accessors (an ops struct and its void *arg, as
 * libevent and libcurl call back): the configuration, each indicator's and
 * collector's state record (state.h, read-only), the silences, a version
 * that changes whenever what the pages show may, counters for /metrics,
 * and the few named actions the admin routes take.  The web files and
 * metrics.c see no struct runner: runner_view.c fills this table from the
 * runner, and tests fill it from records of their own.
 *
 * Everything here is called on the event loop (values_enter queues a
 * worker job and returns), except silence_add and
 * silence_remove, which write a file and so run in a job given to
 * job_submit.  Pointers returned are borrowed: valid until the loop runs
 * on (a reload may replace the configuration and every record).
 */
#ifndef PLANWATCH_WEBVIEW_H
#define PLANWATCH_WEBVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "entered.h"
#include "silence.h"
#include "state.h"

struct json_t;

/* What /metrics counts of the daemon's own work since the start. */
struct webview_counters {
	unsigned long long renders; /* charts drawn */
	unsigned long long render_failures;
	double render_seconds; /* spent drawing */
	size_t rendering; /* indicators whose charts are queued or drawn */
	unsigned long reloads_applied, reloads_refused;
	size_t worker_jobs; /* queued or running on the worker */
	size_t outbox_deliveries; /* messages being delivered now */
	double loop_max_late; /* seconds the loop was late, at worst */
	unsigned long long loop_stalls; /* ticks more than 20 ms late */
	time_t started_at;
};

/* A silence asked for over HTTP (the body's fields, never NULL). */
struct webview_silence {
	const char *pair; /* "<indicator>[/<target>]" */
	const char *until; /* "YYYY-MM-DD" */
	const char *reason, *by; /* NULL: not given */
	time_t now;
};

struct webview_ops {
	/* The configuration in force; never NULL. */
	const struct config *(*config)(void *arg);
	/* Changes whenever config() may return another configuration. */
	unsigned long (*config_generation)(void *arg);
	/* Indicator i's record (i < config()->nindicators). */
	const struct indicator_state *(*indicator)(void *arg, size_t i);
	/* Collector i's record (i < config()->ncollectors). */
	const struct collector_state *(*collector)(void *arg, size_t i);
	/* Changes whenever what the pages show may. */
	unsigned long (*version)(void *arg);
	void (*counters)(void *arg, struct webview_counters *out);
	/* The silences as last read. */
	const struct silences *(*silences)(void *arg);
	/* Reads the silences file again if it changed (the CLI writes it). */
	void (*silences_refresh)(void *arg);
	/* GET /api/v1/status's document; caller json_decref()s; NULL: ENOMEM.
	 */
	struct json_t *(*status_json)(void *arg);
	/* GET /api/v1/collectors's text; caller frees; NULL: ENOMEM. */
	char *(*collectors_json)(void *arg);
	/*
	 * Runs run(job) off the loop (disk work), then done(job) on the loop.
	 * -1 when stopping or out of memory: neither is then called.
	 */
	int (*job_submit)(
	    void *arg, void (*run)(void *), void (*done)(void *), void *job);
	/* A submitted job's done has run: the daemon may be idle now. */
	void (*job_ended)(void *arg);

	/* The admin routes' actions. */
	/* Reloads the configuration, as SIGHUP does, once idle. */
	void (*reload_request)(void *arg);
	/* Draws every chart again, off the loop. */
	void (*render_all)(void *arg);
	/*
	 * Adds a silence to the silences file, its id into id; -1 with err
	 * ("busy ..." while another writer holds the file).  In a job.
	 */
	int (*silence_add)(void *arg, const struct webview_silence *ask,
	    char id[17], char *err, size_t errlen);
	/* Removes silence id; -1 with err ("no such silence"...).  In a job. */
	int (*silence_remove)(
	    void *arg, const char *id, char *err, size_t errlen);
	/*
	 * Queues the values of b (checked against config() on this turn of
	 * the loop) for the worker to journal, the one writer; returns the
	 * indicators queued, or -1 with err (nothing queued for the first
	 * indicator that failed and the ones after it).  On the loop; NULL
	 * in a view that takes no values.
	 */
	int (*values_enter)(
	    void *arg, const struct entered_batch *b, char *err, size_t errlen);
	/*
	 * Indicator id's notes are now *l (read back by the worker after a
	 * change): moved into its record (*l emptied), its charts drawn
	 * again.  On the loop; NULL in a view that takes no notes.
	 */
	void (*notes_set)(void *arg, const char *id, struct note_list *l);
};

/* The table and its argument, passed by value. */
struct webview {
	const struct webview_ops *ops;
	void *arg;
};

/* Shorthands for the reads every page makes. */
static inline const struct config *
webview_config(const struct webview *v)
{
	return v->ops->config(v->arg);
}

static inline const struct indicator_state *
webview_indicator(const struct webview *v, size_t i)
{
	return v->ops->indicator(v->arg, i);
}

static inline const struct collector_state *
webview_collector(const struct webview *v, size_t i)
{
	return v->ops->collector(v->arg, i);
}

#endif
