/*
 * runner: start-up, the loop, signals, scheduling and the end of a cycle.
 *
 * Scheduling follows the collector's own clock: the next run is due one
 * interval after the previous one was due (no drift), plus a random jitter
 * so that many collectors on one host do not fire together.  A collector
 * that is still busy when it is due is skipped and logged, and a schedule
 * that fell more than one interval behind is reset and logged: falling
 * behind is never silent.
 *
 * Alerts are evaluated when no collector is busy: in "once" mode that is
 * after every collector has finished, so one run makes one message per
 * route.  "once" ends when nothing is left: no collector, worker job,
 * evaluation or delivery under way.
 *
 * Reload (SIGHUP) parses the file into a new configuration; a bad one is
 * reported and the old one kept.  A good one replaces the runtime state
 * once the runner is idle; state is rebuilt from the journals, which are
 * the record of truth.
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/thread.h>

#include "alert.h"
#include "backoff.h"
#include "collstate.h"
#include "curlev.h"
#include "evaluate.h"
#include "fsutil.h"
#include "journal.h"
#include "lifecycle.h"
#include "log.h"
#include "loopstat.h"
#include "outbox.h"
#include "pipeline.h"
#include "reload_diff.h"
#include "renderq.h"
#include "runner.h"
#include "runner_view.h"
#include "schedule.h"
#include "store.h"
#include "update.h"
#include "web.h"
#include "worker.h"

static void schedule(struct runner *r, struct collector_state *cs, bool first);

struct indicator_state *
runner_indicator(struct runner *r, const struct indicator_conf *ic)
{
	return &r->inds[ic - r->conf->indicators];
}

/* A heap copy of a path built by fn (journal_path, store_path). */
static char *
path_dup(void (*fn)(const char *, const char *, char *, size_t),
    const char *dir, const char *id)
{
	char buf[4096];

	fn(dir, id, buf, sizeof(buf));
	return strdup(buf);
}

static void
png_path(const char *dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.png", dir, id);
}

/*
 * A journal that does not load puts its indicator alone in an error state,
 * not the daemon: one damaged block in one of a thousand journals must
 * not stop the monitoring of the others.  The indicator is feed_error
 * with a reason that says what to do (the dashboard, /metrics and the
 * alerts show it as they show a failing feed), and shows the good records
 * read past the damage.  Said once per start.
 */
static void
indicator_journal_damaged(struct indicator_state *is, const char *why)
{
	const struct indicator_conf *ic = is->conf;
	struct journal_damage d;
	char text[STATE_ERROR_MAX], err[512];

	snprintf(text, sizeof(text),
	    "journal damaged, no new value is taken until it is repaired "
	    "(planwatch journal repair %s): %s",
	    ic->id, why);
	log_error("indicator %s: %s", ic->id, text);
	state_text_set(&is->journal_err, why, STATE_ERROR_MAX);
	state_text_set(&is->feed_err, text, STATE_ERROR_MAX);
	is->feed_error = true;
	obs_list_clear(&is->obs);
	obs_revisions_clear(&is->revs);
	if (journal_salvage(is->journal_path, ic->freq, &is->obs, &is->revs, &d,
		err, sizeof(err)) < 0) {
		obs_list_clear(&is->obs);
		obs_revisions_clear(&is->revs);
	}
}

static int
indicator_setup(struct runner *r, struct indicator_state *is,
    const struct indicator_conf *ic)
{
	const struct config *c = r->conf;
	char err[512];
	struct journal_stats st;

	is->conf = ic;
	is->journal_path = path_dup(journal_path, c->data_dir, ic->id);
	is->rrd_path = path_dup(store_path, c->data_dir, ic->id);
	is->png_path = path_dup(png_path, c->graph_dir, ic->id);
	is->j = calloc(ic->ntargets ? ic->ntargets : 1, sizeof(*is->j));
	if (is->j == NULL || is->journal_path == NULL || is->rrd_path == NULL ||
	    is->png_path == NULL)
		return -1;
	if (journal_load_stats(is->journal_path, ic->freq, &is->obs, &is->revs,
		&st, err, sizeof(err)) < 0) {
		indicator_journal_damaged(is, err);
		return 0;
	}
	/* Done by the start's catch-up job, on the worker. */
	is->compact = journal_needs_compaction(&st);
	if (st.torn)
		log_warn("%s: last line cut short (a crash during a write); "
			 "it is ignored",
		    is->journal_path);
	return 0;
}

const struct obs_list *
runner_series(void *runner, size_t index)
{
	struct runner *r = runner;

	return index < r->conf->nindicators ? &r->inds[index].obs : NULL;
}

/*
 * An evaluation waits for quiet at most this long before fetches wait:
 * twice group_wait (a minute with the default), at least 10 s.
 */
static double
eval_wait_max(const struct runner *r)
{
	return r->conf->group_wait * 2 > 10 ? r->conf->group_wait * 2 : 10;
}

/*
 * A reload and an evaluation both wait until no collector is busy.  With
 * many collectors on short intervals that moment may never come, so while
 * a reload is wanted, or an evaluation has waited longer than
 * eval_wait_max, a collector that comes due waits (held) instead of
 * starting: the wait is then bounded by the transfers under way.
 */
static bool
runner_holding(const struct runner *r)
{
	return !r->once &&
	    (r->reload_wanted ||
		(r->eval_pending_since != 0 &&
		    difftime(time(NULL), r->eval_pending_since) >
			eval_wait_max(r)));
}

static void timer_in(struct collector_state *cs, double delay);

/* The held collectors start, unless something still holds them. */
static void
release_held(struct runner *r)
{
	if (r->draining || r->stopping || runner_holding(r))
		return;
	for (size_t i = 0; i < r->conf->ncollectors; i++)
		if (r->colls[i].held) {
			r->colls[i].held = false;
			timer_in(&r->colls[i], 0);
		}
}

static void
timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct collector_state *cs = arg;

	(void)fd;
	(void)what;
	if (cs->runner->draining)
		return;
	if (runner_holding(cs->runner))
		cs->held = true;
	else
		pipeline_start(cs->runner, cs);
}

static int
index_push(size_t **v, size_t *n, size_t x)
{
	size_t *grown = realloc(*v, (*n + 1) * sizeof(**v));

	if (grown == NULL)
		return -1;
	grown[(*n)++] = x;
	*v = grown;
	return 0;
}

/*
 * Who reads whom, built once per configuration: each collector's
 * indicators and each indicator's inputs and dependents.  Without it,
 * every answer scanned every indicator: quadratic in the feeds
 * (bench/fetch).  Dependencies are few (derived indicators and rate
 * targets), so the pair test runs only for indicators that have inputs.
 */
static int
index_setup(struct runner *r)
{
	const struct config *c = r->conf;

	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		bool reads = ic->derived != NULL;

		if (ic->derived == NULL &&
		    index_push(&r->colls[ic->collector_index].inds,
			&r->colls[ic->collector_index].ninds, i) != 0)
			return -1;
		for (size_t t = 0; t < ic->ntargets; t++)
			reads |= ic->targets[t].rate_indicator != NULL;
		for (size_t x = 0; reads && x < c->nindicators; x++) {
			if (x == i || !pipeline_depends(c, i, x))
				continue;
			if (index_push(&r->inds[i].inputs, &r->inds[i].ninputs,
				x) != 0 ||
			    index_push(&r->inds[x].dependents,
				&r->inds[x].ndependents, i) != 0)
				return -1;
		}
	}
	return 0;
}

void
runner_silences_refresh(struct runner *r)
{
	struct silences fresh;
	struct stat st;
	char path[4096], err[512];

	silences_path(r->conf->state_dir, path, sizeof(path));
	/* lstat: a link planted there changes too, and its load says why
	 * it is refused. */
	if (lstat(path, &st) != 0)
		st.st_mtim = (struct timespec){0, 0};
	if (st.st_mtim.tv_sec == r->silences_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == r->silences_mtime.tv_nsec)
		return;
	if (silences_load(path, &fresh, err, sizeof(err)) != 0) {
		log_error("silences: %s; the silences read before stay", err);
		return;
	}
	silences_clear(&r->silences);
	r->silences = fresh;
	r->silences_mtime = st.st_mtim;
	r->version++;
	log_info("silences: %zu read from %s", fresh.n, path);
}

static int
state_setup(struct runner *r)
{
	const struct config *c = r->conf;
	char err[512], path[4096];

	r->colls = calloc(c->ncollectors + 1, sizeof(*r->colls));
	r->inds = calloc(c->nindicators + 1, sizeof(*r->inds));
	if (r->colls == NULL || r->inds == NULL)
		return -1;
	for (size_t i = 0; i < c->ncollectors; i++) {
		r->colls[i].conf = &c->collectors[i];
		r->colls[i].runner = r;
		r->colls[i].retry_after = -1;
		r->colls[i].timer =
		    evtimer_new(r->base, timer_cb, &r->colls[i]);
		if (r->colls[i].timer == NULL)
			return -1;
	}
	for (size_t i = 0; i < c->nindicators; i++)
		if (indicator_setup(r, &r->inds[i], &c->indicators[i]) != 0)
			return -1;
	if (index_setup(r) != 0)
		return -1;
	/* Judged once all are loaded: a target may read another's rates. */
	for (size_t i = 0; i < c->nindicators; i++)
		evaluate_indicator(c, &c->indicators[i], &r->inds[i].obs,
		    runner_series, r, time(NULL), r->inds[i].j);
	collstate_load(r);
	snprintf(path, sizeof(path), "%s/alerts.json", c->state_dir);
	if ((r->alerts = alert_book_load(path, err, sizeof(err))) == NULL) {
		log_error("alert state: %s", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/reports.json", c->state_dir);
	if ((r->reports = alert_reports_load(path, err, sizeof(err))) == NULL) {
		log_error("report state: %s", err);
		return -1;
	}
	return 0;
}

static void
state_teardown(struct runner *r)
{
	for (size_t i = 0; r->colls && i < r->conf->ncollectors; i++) {
		struct collector_state *cs = &r->colls[i];

		if (cs->timer != NULL)
			event_free(cs->timer);
		free(cs->inds);
		free(cs->etag);
		free(cs->last_modified);
		free(cs->new_etag);
		free(cs->new_last_modified);
		free(cs->last_error);
	}
	for (size_t i = 0; r->inds && i < r->conf->nindicators; i++) {
		struct indicator_state *is = &r->inds[i];

		obs_list_clear(&is->obs);
		obs_revisions_clear(&is->revs);
		free(is->j);
		free(is->journal_path);
		free(is->rrd_path);
		free(is->png_path);
		free(is->inputs);
		free(is->dependents);
		free(is->feed_err);
		free(is->journal_err);
		free(is->rrd_err);
		free(is->rrd_aside);
	}
	r->busy = 0;
	free(r->colls);
	free(r->inds);
	alert_book_free(r->alerts);
	json_decref(r->reports);
	r->reports = NULL;
	silences_clear(&r->silences);
	r->silences_mtime = (struct timespec){0, 0};
	r->colls = NULL;
	r->inds = NULL;
	r->alerts = NULL;
}

static bool
collectors_idle(const struct runner *r)
{
	return r->busy == 0;
}

size_t
runner_journals_damaged(const struct runner *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->conf->nindicators; i++)
		n += r->inds[i].journal_err != NULL;
	return n;
}

void
runner_collector_busy(struct runner *r, struct collector_state *cs, bool busy)
{
	if (cs->busy != busy)
		r->busy += busy ? 1 : (size_t)-1;
	cs->busy = busy;
}

static void evaluate_when_ready(struct runner *r);
static void schedule(struct runner *r, struct collector_state *cs, bool first);
static void catchup_all(struct runner *r);

static bool
runner_idle(const struct runner *r)
{
	return collectors_idle(r) && !r->evaluating && !r->evaluate_wanted &&
	    r->refreshing == 0 && r->catching_up == 0 && r->rendering == 0 &&
	    worker_pending(r->worker) == 0 && outbox_busy(r->outbox) == 0;
}

/* A collector's runtime across a reload (reload_diff.h). */
struct kept {
	char *id;
	char *fingerprint;
	struct collector_state cs; /* its texts owned here */
};

/* Takes the old collectors' runtime before their state goes. */
static struct kept *
reload_keep(struct runner *r, size_t *n)
{
	struct kept *k = calloc(r->conf->ncollectors + 1, sizeof(*k));

	*n = 0;
	if (k == NULL)
		return NULL;
	for (size_t i = 0; i < r->conf->ncollectors; i++) {
		struct collector_state *cs = &r->colls[i];

		k[i].id = strdup(r->conf->collectors[i].id);
		k[i].fingerprint = reload_fingerprint(r->conf, i);
		k[i].cs = *cs;
		/* The texts move; the rest of the old state is freed. */
		cs->etag = cs->last_modified = cs->last_error = NULL;
		cs->new_etag = cs->new_last_modified = NULL;
		(*n)++;
	}
	return k;
}

static void
kept_free(struct kept *k, size_t n)
{
	for (size_t i = 0; k != NULL && i < n; i++) {
		free(k[i].id);
		free(k[i].fingerprint);
		free(k[i].cs.etag);
		free(k[i].cs.last_modified);
		free(k[i].cs.last_error);
		free(k[i].cs.new_etag);
		free(k[i].cs.new_last_modified);
	}
	free(k);
}

/* A kept collector takes up where it was: its schedule and validators. */
static void
reload_resume(struct collector_state *cs, struct kept *k, time_t now)
{
	free(cs->etag);
	free(cs->last_modified);
	free(cs->last_error);
	cs->etag = k->cs.etag;
	cs->last_modified = k->cs.last_modified;
	cs->last_error = k->cs.last_error;
	k->cs.etag = k->cs.last_modified = k->cs.last_error = NULL;
	cs->last_outcome = k->cs.last_outcome;
	memcpy(cs->fetches, k->cs.fetches, sizeof(cs->fetches));
	cs->fetch_seconds = k->cs.fetch_seconds;
	cs->failed = k->cs.failed;
	cs->failures = k->cs.failures;
	cs->retry_after = k->cs.retry_after;
	cs->retrying = k->cs.retrying;
	cs->validators_refused = k->cs.validators_refused;
	cs->last_fetch = k->cs.last_fetch;
	cs->last_success = k->cs.last_success;
	cs->next_due = k->cs.next_due;
	/* One held for the reload was due already: now. */
	timer_in(cs,
	    k->cs.held || cs->next_due <= now ? 0
					      : (double)(cs->next_due - now));
}

/*
 * Applies the new configuration's collectors against the kept ones:
 * unchanged ones resume, changed ones start afresh without validators,
 * new ones start now.
 */
static void
reload_apply(struct runner *r, struct kept *k, size_t nk)
{
	size_t same = 0, changed = 0, added = 0, removed = nk;
	time_t now = time(NULL);

	for (size_t i = 0; i < r->conf->ncollectors; i++) {
		struct collector_state *cs = &r->colls[i];
		char *fp = reload_fingerprint(r->conf, i);
		struct kept *old = NULL;

		for (size_t j = 0; j < nk && old == NULL; j++)
			if (k[j].id != NULL &&
			    strcmp(k[j].id, r->conf->collectors[i].id) == 0)
				old = &k[j];
		if (old != NULL)
			removed--;
		if (old != NULL && fp != NULL && old->fingerprint != NULL &&
		    strcmp(fp, old->fingerprint) == 0) {
			reload_resume(cs, old, now);
			same++;
		} else {
			if (old != NULL) {
				/* A 304 must not hide what the new
				 * settings would read. */
				state_text_set(&cs->etag, NULL, 0);
				state_text_set(&cs->last_modified, NULL, 0);
				changed++;
			} else {
				added++;
			}
			schedule(r, cs, true);
		}
		free(fp);
	}
	r->state_dirty = true;
	log_info("reload: collectors: %zu unchanged (schedules and "
		 "validators kept), %zu changed, %zu added, %zu removed",
	    same, changed, added, removed);
}

static void
runner_reload(struct runner *r)
{
	struct config_errors errors = {0};
	struct config *fresh;
	struct kept *k;
	size_t nk;
	char *old_instance;

	r->reload_wanted = false;
	if ((fresh = config_load(r->conf->path, &errors)) == NULL) {
		for (size_t i = 0; i < errors.n; i++)
			log_error("%s", errors.v[i]);
		log_error("reload: %s has errors; the running configuration "
			  "stays",
		    r->conf->path);
		config_errors_clear(&errors);
		r->reloads_refused++;
		release_held(r);
		return;
	}
	k = reload_keep(r, &nk);
	old_instance = r->conf->instance ? strdup(r->conf->instance) : NULL;
	state_teardown(r);
	config_free(r->conf);
	r->conf = fresh;
	log_set_level(fresh->log_level);
	log_set_format(fresh->log_kv ? "kv" : "text");
	if (state_setup(r) != 0) {
		log_error("reload: cannot set up the new configuration");
		kept_free(k, nk);
		free(old_instance);
		event_base_loopbreak(r->base);
		r->exit_code = 1;
		return;
	}
	reload_apply(r, k, nk);
	kept_free(k, nk);
	r->reloads_applied++;
	r->version++;
	if (r->conf->rrdcached == NULL ? store_daemon() != NULL
				       : store_daemon() == NULL ||
		    strcmp(r->conf->rrdcached, store_daemon()) != 0)
		log_error("reload: storage.rrdcached changes only with a "
			  "restart; the archives still go %s",
		    store_daemon() ? store_daemon() : "to local files");
	if ((old_instance == NULL) != (r->conf->instance == NULL) ||
	    (old_instance != NULL &&
		strcmp(old_instance, r->conf->instance) != 0))
		log_error("reload: instance changes only with a restart; the "
			  "lock taken at the start (%s) stays",
		    old_instance ? old_instance : "no instance");
	free(old_instance);
	/* The behind marks went with the old state: check again. */
	catchup_all(r);
	/* Names, units, targets or sizes may have changed: every chart. */
	renderq_request_all(r, false);
	log_info("reload: %s loaded", r->conf->path);
}

void
runner_check_idle(struct runner *r)
{
	if (r->stopping)
		return;
	if (r->evaluate_wanted && r->rendering == 0)
		evaluate_when_ready(r);
	if (!runner_idle(r))
		return;
	if (r->draining) {
		log_info("stopping: all work ended");
		event_base_loopexit(r->base, NULL);
	} else if (r->once && r->started)
		event_base_loopexit(r->base, NULL);
	else if (r->reload_wanted)
		runner_reload(r);
}

static double
jitter(double max)
{
	return max > 0 ? max * ((double)random() / RAND_MAX) : 0;
}

static void
timer_in(struct collector_state *cs, double delay)
{
	struct timeval tv;

	if (delay < 0)
		delay = 0;
	tv.tv_sec = (time_t)delay;
	tv.tv_usec = (suseconds_t)((delay - floor(delay)) * 1e6);
	evtimer_add(cs->timer, &tv);
}

/*
 * The next regular run: one interval after the previous one was due.
 * After retries the schedule is realigned silently (the delay was the
 * back-off's); otherwise a run that started more than an interval late is
 * logged, because falling behind must not be silent.
 */
static void
schedule(struct runner *r, struct collector_state *cs, bool first)
{
	time_t now = time(NULL), interval = (time_t)cs->conf->interval;

	(void)r;
	if (first) {
		cs->next_due = now;
	} else if (cs->retrying) {
		while (cs->next_due <= now)
			cs->next_due += interval;
	} else {
		cs->next_due += interval;
		if (cs->next_due + interval < now) {
			log_warn("collector %s: fell behind its %.0f s "
				 "interval by %lld s; rescheduled",
			    cs->conf->id, cs->conf->interval,
			    (long long)(now - cs->next_due));
			cs->next_due = now;
		}
	}
	cs->retrying = false;
	/* The first run comes soon after start (spread over at most 5 s),
	 * not a whole jitter later. */
	timer_in(cs,
	    (double)(cs->next_due - now) +
		jitter(first && cs->conf->jitter > 5 ? 5 : cs->conf->jitter));
}

/*
 * A failed transfer is retried with exponential back-off (collectd's:
 * doubling, capped, reset on success) with +-20 % jitter so that feeds
 * failing together do not retry together; a longer Retry-After from the
 * server wins, up to a day.
 */
static void
schedule_retry(struct collector_state *cs)
{
	const struct collector_conf *c = cs->conf;
	double delay = backoff_delay(
	    &(struct backoff_policy){c->retry_initial, c->retry_max},
	    cs->failures, (double)random() / RAND_MAX);

	if (cs->retry_after > delay)
		delay = cs->retry_after < 86400 ? cs->retry_after : 86400;
	log_info("collector %s: retry in %.0f s (failure %u in a row)", c->id,
	    delay, cs->failures);
	cs->retrying = true;
	timer_in(cs, delay);
}

/*
 * Alerts are evaluated when no collector is busy and no refresh is under
 * way, so that derived indicators are judged on this cycle's inputs, and
 * once the charts being drawn are done, so that the message carries the
 * charts of this cycle; until then the evaluation is only wanted.
 */
static void
evaluate_when_ready(struct runner *r)
{
	if (!collectors_idle(r) || r->refreshing > 0)
		return;
	if (r->rendering > 0) {
		r->evaluate_wanted = true;
		return;
	}
	r->evaluate_wanted = false;
	r->eval_pending_since = 0;
	release_held(r);
	alert_evaluate(r);
}

static void
group_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;

	(void)fd;
	(void)what;
	if (!r->stopping)
		evaluate_when_ready(r);
	runner_check_idle(r);
}

/*
 * "once" evaluates as soon as the cycle is over.  The daemon waits
 * group_wait of quiet first (each finished collector restarts the wait),
 * so that collectors finishing close together make one message per route,
 * not one each.
 */
static void
runner_maybe_evaluate(struct runner *r)
{
	struct timeval tv;

	if (r->stopping)
		return;
	if (r->eval_pending_since == 0)
		r->eval_pending_since = time(NULL);
	if (!r->once && r->conf->group_wait > 0 && r->group_timer != NULL) {
		tv.tv_sec = (time_t)r->conf->group_wait;
		tv.tv_usec = (suseconds_t)((r->conf->group_wait -
					       floor(r->conf->group_wait)) *
		    1e6);
		evtimer_add(r->group_timer, &tv);
		return;
	}
	evaluate_when_ready(r);
	runner_check_idle(r);
}

void
runner_collector_done(struct runner *r, struct collector_state *cs)
{
	runner_collector_busy(r, cs, false);
	if (r->stopping)
		return;
	if (cs->failed && r->once)
		r->exit_code = 1;
	if (!cs->failed && cs->last_outcome == FETCH_OK) {
		state_text_set(&cs->etag, cs->new_etag, STATE_ETAG_MAX);
		state_text_set(&cs->last_modified, cs->new_last_modified,
		    STATE_LAST_MODIFIED_MAX);
	}
	if (!cs->fetch_failed && cs->failures > 0) {
		log_info("collector %s: recovered after %u failure(s)",
		    cs->conf->id, cs->failures);
		cs->failures = 0;
	}
	if (!r->once && cs->fetch_failed)
		schedule_retry(cs);
	else if (!r->once)
		schedule(r, cs, false);
	r->state_dirty = true;
	r->version++;
	runner_maybe_evaluate(r);
}

void
runner_update_done(
    struct runner *r, struct indicator_state *is, struct collector_state *cs)
{
	r->version++;
	if (cs != NULL) {
		if (--cs->jobs == 0)
			runner_collector_done(r, cs);
		return;
	}
	is->refreshing = false;
	r->refreshing--;
	if (is->refresh_again && !r->stopping) {
		is->refresh_again = false;
		if (update_refresh(r, is) == 0) {
			is->refreshing = true;
			r->refreshing++;
		}
	}
	runner_maybe_evaluate(r);
}

static void
drain_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;

	(void)fd;
	(void)what;
	log_info("stopping: %zu transfer(s) and %zu job(s) still under way "
		 "after %.0f s: abandoned",
	    curlev_active(r->cev), worker_pending(r->worker),
	    r->conf->stop_timeout);
	event_base_loopexit(r->base, NULL);
}

/*
 * SIGTERM/SIGINT: no new fetch, delivery or retry starts; the transfers
 * and jobs under way may finish (and their evaluation be recorded) within
 * stop_timeout; then the loop ends and runner_free writes what remains.
 */
static void
drain(struct runner *r, int sig)
{
	struct timeval tv = {(time_t)r->conf->stop_timeout,
	    (suseconds_t)((r->conf->stop_timeout -
			      floor(r->conf->stop_timeout)) *
		1e6)};

	r->draining = true;
	lifecycle_stopping();
	for (size_t i = 0; i < r->conf->ncollectors; i++)
		if (r->colls[i].timer != NULL)
			evtimer_del(r->colls[i].timer);
	if (r->catchup_timer != NULL)
		evtimer_del(r->catchup_timer);
	if (r->report_timer != NULL)
		evtimer_del(r->report_timer);
	log_info("signal %d: stopping; work under way has %.0f s to end "
		 "(a second signal stops at once)",
	    sig, r->conf->stop_timeout);
	if (r->drain_timer != NULL)
		evtimer_add(r->drain_timer, &tv);
	runner_check_idle(r);
}

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct runner *r = arg;

	(void)what;
	if (sig == SIGHUP) {
		log_info("SIGHUP: reload requested; collectors that come due "
			 "wait until the work under way has ended");
		r->reload_wanted = true;
		runner_check_idle(r);
		return;
	}
	if (r->draining || r->once) {
		/* A second signal: at once.  Files are written whole and
		 * renamed, journals appended: nothing is left half-written;
		 * what was not journaled was not acknowledged. */
		log_info("signal %d: stopping now", (int)sig);
		event_base_loopexit(r->base, NULL);
		return;
	}
	drain(r, (int)sig);
}

/*
 * A scheduled report is due even when no collector ends near its slot:
 * an evaluation then (a second late, so that the slot has come) finds
 * it.  Set again after every evaluation.
 */
void
runner_schedule_reports(struct runner *r)
{
	time_t now = time(NULL), next = 0;
	struct timeval tv;

	if (r->once || r->report_timer == NULL)
		return;
	for (size_t i = 0; i < r->conf->nroutes; i++) {
		time_t t = schedule_next(&r->conf->routes[i].report, now);

		if (t > 0 && (next == 0 || t < next))
			next = t;
	}
	if (next == 0)
		return;
	tv.tv_sec = next - now + 1;
	tv.tv_usec = 0;
	evtimer_add(r->report_timer, &tv);
}

/*
 * Archives behind their journals (a write failed: disk full, permissions,
 * rrdcached away) are tried again every RUNNER_CATCHUP_SECONDS while the
 * daemon runs; the journal holds everything meanwhile.
 */
#define RUNNER_CATCHUP_SECONDS 60

static void
catchup_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;
	struct timeval tv = {RUNNER_CATCHUP_SECONDS, 0};

	(void)fd;
	(void)what;
	if (r->stopping)
		return;
	if (r->catching_up == 0)
		for (size_t i = 0; i < r->conf->nindicators; i++)
			if (r->inds[i].rrd_behind &&
			    update_catchup(r, &r->inds[i], false) != 0)
				break;
	evtimer_add(r->catchup_timer, &tv);
}

/*
 * At start every archive is checked against its journal on the worker
 * (one last-update question each; more only where one is behind, e.g.
 * after a full disk or a crash), before any collector runs.
 */
static void
catchup_all(struct runner *r)
{
	struct timeval tv = {RUNNER_CATCHUP_SECONDS, 0};

	/* A damaged journal's archive is left as it is until the repair. */
	for (size_t i = 0; i < r->conf->nindicators; i++)
		if (r->inds[i].obs.n > 0 && r->inds[i].journal_err == NULL &&
		    update_catchup(r, &r->inds[i], true) != 0) {
			log_error("cannot queue the archive check of %s",
			    r->conf->indicators[i].id);
			break;
		}
	if (!r->once && r->catchup_timer != NULL)
		evtimer_add(r->catchup_timer, &tv);
}

static int
signals_setup(struct runner *r)
{
	r->sig_int = evsignal_new(r->base, SIGINT, signal_cb, r);
	r->sig_term = evsignal_new(r->base, SIGTERM, signal_cb, r);
	r->sig_hup = evsignal_new(r->base, SIGHUP, signal_cb, r);
	r->group_timer = evtimer_new(r->base, group_cb, r);
	r->report_timer = evtimer_new(r->base, group_cb, r);
	r->catchup_timer = evtimer_new(r->base, catchup_cb, r);
	r->drain_timer = evtimer_new(r->base, drain_cb, r);
	if (!r->sig_int || !r->sig_term || !r->sig_hup || !r->group_timer ||
	    !r->report_timer || !r->catchup_timer || !r->drain_timer)
		return -1;
	if (event_add(r->sig_int, NULL) || event_add(r->sig_term, NULL) ||
	    event_add(r->sig_hup, NULL))
		return -1;
	return 0;
}

/*
 * Every secret's file must be private, and owned by root or the user
 * planwatch runs as (the admin token's is checked when the HTTP server
 * starts): refused at start, with the fix, rather than used while others
 * can read or replace it.
 */
static int
secrets_private(const struct config *c)
{
	uid_t user = lifecycle_run_uid(c->user);
	char err[800];
	int rc = 0;

	if (c->smtp.password_file != NULL &&
	    fsutil_check_private("smtp.password_file", c->smtp.password_file,
		user, err, sizeof(err)) != 0) {
		log_error("%s", err);
		rc = -1;
	}
	if (c->smtp.secret_file != NULL &&
	    fsutil_check_private("smtp.secret_file", c->smtp.secret_file, user,
		err, sizeof(err)) != 0) {
		log_error("%s", err);
		rc = -1;
	}
	for (size_t i = 0; i < c->ncollectors; i++) {
		if (c->collectors[i].auth_file != NULL &&
		    fsutil_check_private("auth_file",
			c->collectors[i].auth_file, user, err,
			sizeof(err)) != 0) {
			log_error("collector %s: %s", c->collectors[i].id, err);
			rc = -1;
		}
	}
	return rc;
}

struct runner *
runner_new(struct config *conf, bool once)
{
	if (secrets_private(conf) != 0) {
		config_free(conf);
		return NULL;
	}
	struct runner *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		config_free(conf);
		return NULL;
	}
	r->conf = conf;
	r->once = once;
	r->started_at = time(NULL);
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	/* Before the base exists: the worker thread wakes the loop. */
	if (evthread_use_pthreads() != 0 ||
	    (r->base = event_base_new()) == NULL ||
	    (r->cev = curlev_new(
		 r->base, conf->max_transfers, conf->max_per_host)) == NULL ||
	    (r->worker = worker_new(r->base)) == NULL ||
	    (r->renderer = worker_new(r->base)) == NULL ||
	    (r->outbox = outbox_new(r)) == NULL || signals_setup(r) != 0 ||
	    state_setup(r) != 0) {
		runner_free(r);
		return NULL;
	}
	return r;
}

int
runner_run(struct runner *r)
{
	char err[512];

	/* Before anything is opened: the HTTP server's share of descriptors
	 * is counted from the limit. */
	lifecycle_raise_nofile();
	/* One process per data_dir: two would build the same archives. */
	if ((r->lock_fd = fsutil_lock_dir(
		 r->conf->data_dir, r->conf->instance, err, sizeof(err))) < 0) {
		log_error("%s", err);
		return 1;
	}
	/* The port next: a daemon that cannot serve starts nothing. */
	if (!r->once && r->conf->listen != NULL &&
	    (r->web = web_new(runner_view(r), r->base, r->conf->listen, err,
		 sizeof(err))) == NULL) {
		log_error("http: %s", err);
		return 1;
	}
	/* The port is bound: root is not needed any more, and no job has
	 * written a file yet. */
	if (lifecycle_drop_privileges(r->conf->user, r->conf->group,
		(const char *const[]){r->conf->data_dir, r->conf->graph_dir,
		    r->conf->state_dir, NULL},
		err, sizeof(err)) != 0) {
		log_error("%s", err);
		return 1;
	}
	outbox_flush(r->outbox);
	catchup_all(r);
	renderq_request_all(r, true); /* views never drawn yet */
	if (r->once) {
		r->started = true;
		for (size_t i = 0; i < r->conf->ncollectors; i++)
			pipeline_start(r, &r->colls[i]);
		runner_check_idle(r); /* no collectors at all */
	} else {
		for (size_t i = 0; i < r->conf->ncollectors; i++)
			schedule(r, &r->colls[i], true);
		log_info("running with %zu collectors and %zu indicators",
		    r->conf->ncollectors, r->conf->nindicators);
		runner_schedule_reports(r);
		snprintf(err, sizeof(err),
		    "running with %zu collectors and %zu indicators",
		    r->conf->ncollectors, r->conf->nindicators);
		lifecycle_ready(r->base, err);
	}
	/* Lateness is measured from here: set-up is not a stall. */
	if ((r->loopstat = loopstat_new(r->base)) == NULL)
		return 1;
	if (event_base_dispatch(r->base) < 0)
		return 1;
	if (r->once &&
	    (outbox_failures(r->outbox) > 0 || runner_journals_damaged(r) > 0))
		r->exit_code = 1;
	return r->exit_code;
}

void
runner_free(struct runner *r)
{
	if (r == NULL)
		return;
	r->stopping = true;
	web_free(r->web);
	r->web = NULL;
	/* Transfers first (their callbacks may queue nothing new once the
	 * worker stops), then the worker finishes what it holds. */
	curlev_free(r->cev);
	r->cev = NULL;
	if (r->worker != NULL)
		worker_free(r->worker);
	atomic_store(&r->render_cancel, true);
	if (r->renderer != NULL)
		worker_free(r->renderer);
	outbox_free(r->outbox);
	if (r->sig_int)
		event_free(r->sig_int);
	if (r->sig_term)
		event_free(r->sig_term);
	if (r->sig_hup)
		event_free(r->sig_hup);
	if (r->group_timer)
		event_free(r->group_timer);
	if (r->report_timer)
		event_free(r->report_timer);
	if (r->catchup_timer)
		event_free(r->catchup_timer);
	if (r->drain_timer)
		event_free(r->drain_timer);
	loopstat_free(r->loopstat);
	if (r->conf != NULL)
		state_teardown(r);
	if (r->base)
		event_base_free(r->base);
	config_free(r->conf);
	if (r->lock_fd > 0)
		close(r->lock_fd); /* the lock goes with it */
	free(r);
}
