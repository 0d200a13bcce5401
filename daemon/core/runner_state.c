/*
 * runner_state: the state records of one configuration, built and freed.
 * Built at start and after each reload from the journals, which are the
 * record of truth: every indicator's series and revisions, its judgement,
 * who reads whom, the collectors' saved state, the alert and report
 * books.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <jansson.h>

#include "buf.h"
#include "alert.h"
#include "collstate.h"
#include "evaluate.h"
#include "journal.h"
#include "log.h"
#include "notes.h"
#include "pipeline.h"
#include "runner_impl.h"
#include "store.h"

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
indicator_setup(const struct config *c, struct indicator_state *is,
    const struct indicator_conf *ic)
{
	char err[512], notes[4096];
	struct journal_stats st;

	is->conf = ic;
	is->journal_path = path_dup(journal_path, c->data_dir, ic->id);
	is->rrd_path = path_dup(store_path, c->data_dir, ic->id);
	is->png_path = path_dup(png_path, c->graph_dir, ic->id);
	is->j = calloc(ic->ntargets ? ic->ntargets : 1, sizeof(*is->j));
	if (is->j == NULL || is->journal_path == NULL || is->rrd_path == NULL ||
	    is->png_path == NULL)
		return -1;
	/* Small, read with the journal: a bad one is logged, shown empty. */
	notes_path(c->data_dir, ic->id, notes, sizeof(notes));
	if (notes_load(notes, ic->freq, &is->notes, err, sizeof(err)) != 0)
		log_error("indicator %s: notes: %s", ic->id, err);
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

static int
index_push(size_t **v, size_t *n, size_t *cap, size_t x)
{
	if (grow_array(v, cap, *n + 1, sizeof(**v), SIZE_MAX / sizeof(**v)) !=
	    0)
		return -1;
	(*v)[(*n)++] = x;
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
index_setup(struct core *core)
{
	const struct config *c = core->conf;

	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		struct collector_state *cs = &core->colls[ic->collector_index];
		bool reads = ic->derived != NULL;

		if (ic->derived == NULL &&
		    index_push(&cs->inds, &cs->ninds, &cs->inds_cap, i) != 0)
			return -1;
		for (size_t t = 0; t < ic->ntargets; t++)
			reads |= ic->targets[t].rate_indicator != NULL;
		for (size_t x = 0; reads && x < c->nindicators; x++) {
			if (x == i || !pipeline_depends(c, i, x))
				continue;
			if (index_push(&core->inds[i].inputs,
				&core->inds[i].ninputs,
				&core->inds[i].inputs_cap, x) != 0 ||
			    index_push(&core->inds[x].dependents,
				&core->inds[x].ndependents,
				&core->inds[x].dependents_cap, i) != 0)
				return -1;
		}
	}
	return 0;
}

/* The alert and report books of state_dir. */
static int
books_load(struct core *core)
{
	char err[512], path[4096];
	size_t pairs = 0;

	for (size_t i = 0; i < core->conf->nindicators; i++)
		pairs += core->conf->indicators[i].ntargets;
	snprintf(path, sizeof(path), "%s/alerts.json", core->conf->state_dir);
	if ((core->alerts = alert_book_load(path, alert_book_max_bytes(pairs),
		 err, sizeof(err))) == NULL) {
		log_error("alert state: %s", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/reports.json", core->conf->state_dir);
	if ((core->reports = alert_reports_load(path, err, sizeof(err))) ==
	    NULL) {
		log_error("report state: %s", err);
		return -1;
	}
	return 0;
}

int
runner_state_setup(struct runner *r)
{
	struct core *core = &r->core;
	const struct config *c = core->conf;

	core->colls = calloc(c->ncollectors + 1, sizeof(*core->colls));
	core->inds = calloc(c->nindicators + 1, sizeof(*core->inds));
	if (core->colls == NULL || core->inds == NULL)
		return -1;
	for (size_t i = 0; i < c->ncollectors; i++) {
		core->colls[i].conf = &c->collectors[i];
		core->colls[i].core = core;
		core->colls[i].rt.retry_after = -1;
		if (runner_timer_new(r, &core->colls[i]) != 0)
			return -1;
	}
	for (size_t i = 0; i < c->nindicators; i++)
		if (indicator_setup(c, &core->inds[i], &c->indicators[i]) != 0)
			return -1;
	if (index_setup(core) != 0)
		return -1;
	/* Judged once all are loaded: a target may read another's rates. */
	for (size_t i = 0; i < c->nindicators; i++)
		evaluate_indicator(c, &c->indicators[i], &core->inds[i].obs,
		    core_series, core, time(NULL), core->inds[i].j);
	collstate_load(core);
	return books_load(core);
}

static void
indicator_teardown(struct indicator_state *is)
{
	note_list_clear(&is->notes);
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

void
runner_state_teardown(struct runner *r)
{
	struct core *core = &r->core;

	/* The queue of collectors due points into what is freed here. */
	runner_due_clear(r);
	for (size_t i = 0; core->colls && i < core->conf->ncollectors; i++) {
		struct collector_state *cs = &core->colls[i];

		if (cs->timer != NULL)
			event_free(cs->timer);
		free(cs->inds);
		free(cs->new_etag);
		free(cs->new_last_modified);
		state_runtime_clear(&cs->rt);
	}
	for (size_t i = 0; core->inds && i < core->conf->nindicators; i++)
		indicator_teardown(&core->inds[i]);
	core->busy = 0;
	free(core->colls);
	free(core->inds);
	alert_book_free(core->alerts);
	json_decref(core->reports);
	core->reports = NULL;
	silences_clear(&core->silences);
	buf_free(&core->state_lines);
	core->silences_mtime = (struct timespec){0, 0};
	core->colls = NULL;
	core->inds = NULL;
	core->alerts = NULL;
}
