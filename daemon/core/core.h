/*
 * core: what the runner's parts share at run time, and the hooks through
 * which they tell the runner something.  The parts (pipeline, update,
 * renderq, alert, alert_report, collstate, outbox) are given a struct core
 * and never see struct runner: a part that must tell the runner that its
 * work ended calls a hook (an ops table and its argument, as libevent and
 * libcurl call back), so no part includes the runner and no part calls up.
 *
 * The runner owns the core (it is a member of struct runner, so its
 * address is stable for the runner's life) and everything it points to;
 * on reload the runner replaces conf, colls and inds in place.  The state
 * records themselves are data (state.h).
 */
#ifndef PLANWATCH_CORE_H
#define PLANWATCH_CORE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "silence.h"
#include "state.h"

struct event_base;
struct curlev;
struct worker;
struct alert_book;
struct outbox;
struct loopstat;
struct json_t;

/* An update job's end, as update.c reports it (core_hooks.updated). */
struct core_update {
	struct indicator_state *is;
	struct collector_state *cs; /* the fetch's collector, or NULL */
	bool catchup; /* an archive catch-up, not a fetch or a refresh */
	bool render; /* its charts must be drawn again */
	bool changed; /* its series changed: its dependents follow */
};

/*
 * How the parts call up.  Every hook gets core.hooks_arg first; the
 * pointers passed are borrowed for the call.
 */
struct core_hooks {
	/* Work of a part may have ended: the runner checks for idle. */
	void (*idle)(void *arg);
	/* A collector's cycle ended (pipeline.c): its next run is set. */
	void (*collector_done)(void *arg, struct collector_state *cs);
	/* An indicator's update job ended and its state is taken. */
	void (*updated)(void *arg, const struct core_update *u);
	/* An evaluation was committed (alert.c): the next report is due. */
	void (*evaluated)(void *arg);
};

struct core {
	struct config *conf;
	struct event_base *base;
	struct worker *worker;
	struct collector_state *colls; /* one per conf->collectors */
	struct indicator_state *inds; /* one per conf->indicators */
	struct outbox *outbox;
	struct loopstat *loopstat; /* the loop's lateness, for /metrics */
	struct silences silences; /* state_dir/silences.json as last read */
	unsigned long version; /* changes whenever what the pages show may */
	bool reload_wanted; /* SIGHUP or the admin API: reload when idle */
	unsigned long reloads_applied, reloads_refused; /* since the start */
	unsigned long long renders, render_failures; /* for /metrics */
	double render_seconds;
	size_t rendering; /* indicators whose charts are being drawn */
	time_t started_at;

	struct curlev *cev;
	struct worker *renderer; /* charts: renderq.c */
	struct alert_book *alerts;
	struct json_t *reports; /* state_dir/reports.json (alert_report.c) */
	struct timespec silences_mtime; /* of that file then; 0: absent */
	bool once; /* one cycle, then exit */
	bool stopping; /* runner_free is tearing down: start nothing */
	bool draining; /* SIGTERM: no new work; stop when idle or bounded */
	bool evaluating; /* an alert evaluation is being committed */
	struct buf state_lines; /* collectors.json's log lines to append */
	bool state_full; /* collectors.json to be written whole (reload) */
	bool state_fold; /* its log to be folded into it (once per start) */
	uint64_t reports_saved_sum; /* of reports.json as written, 0: never */
	size_t refreshing; /* refresh jobs under way */
	size_t catching_up; /* archive catch-up jobs under way */
	size_t busy; /* collectors with busy set */
	atomic_bool render_cancel; /* stopping: queued drawings are skipped */
	int exit_code; /* once: 1 when something failed */

	const struct core_hooks *hooks;
	void *hooks_arg;
};

/* The state of indicator conf ic. */
struct indicator_state *core_indicator(
    struct core *c, const struct indicator_conf *ic);
/* The stored series of indicator index (evaluate_indicator's series). */
const struct obs_list *core_series(void *core, size_t index);
/* Indicators whose journal is damaged (journal_err). */
size_t core_journals_damaged(const struct core *c);
/* Sets cs->busy, keeping the count of busy collectors. */
void core_collector_busy(struct core *c, struct collector_state *cs, bool busy);
/*
 * Reads state_dir/silences.json again when its modification time changed
 * (a small local file; a bad one is logged and the old silences stay).
 */
void core_silences_refresh(struct core *c);
/* The outbox of c, told the core's state through outbox_host's hooks. */
struct outbox *core_outbox_new(struct core *c);

/* The hooks, called by name. */
static inline void
core_idle(struct core *c)
{
	c->hooks->idle(c->hooks_arg);
}

static inline void
core_collector_done(struct core *c, struct collector_state *cs)
{
	c->hooks->collector_done(c->hooks_arg, cs);
}

static inline void
core_updated(struct core *c, const struct core_update *u)
{
	c->hooks->updated(c->hooks_arg, u);
}

static inline void
core_evaluated(struct core *c)
{
	c->hooks->evaluated(c->hooks_arg);
}

#endif
