/*
 * pipeline: one collector cycle.
 *
 * The worker job for an indicator carries copies of everything it needs
 * (the merged observation list, the journal entries, the old statuses), so
 * the loop's indicator state is only touched on the loop, in job_done.
 * The journal entries are appended and fsynced first; only when that
 * succeeded does the job write the RRD, because the journal is the record
 * of truth and an RRD can always be rebuilt from it.  If the journal write
 * fails, nothing else happens and the indicator keeps its old values.
 *
 * A feed that fails to parse for an indicator stores nothing for that
 * indicator (not even its good observations): half a feed is a wrong
 * picture of the series.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "journal.h"
#include "json_feed.h"
#include "log.h"
#include "pipeline.h"
#include "render.h"
#include "store.h"
#include "worker.h"

#define GRAPH_WIDTH 800
#define GRAPH_HEIGHT 300

struct job {
	struct runner *runner;
	struct collector_state *cs;
	struct indicator_state *is;
	const struct config *conf;
	struct obs_list merged; /* the indicator's values after this fetch */
	struct journal_entry *entries;
	size_t nentries;
	struct judgement *j;
	enum status *old_status;
	bool ok;
	char err[512];
};

struct reject_ctx {
	const char *collector;
	const char *indicator;
};

static void
reject_cb(void *arg, const char *msg)
{
	const struct reject_ctx *c = arg;

	log_error(
	    "collector %s, indicator %s: %s", c->collector, c->indicator, msg);
}

void
pipeline_judge(const struct indicator_conf *ic, const struct obs_list *obs,
    struct judgement *j)
{
	for (size_t t = 0; t < ic->ntargets; t++)
		target_judge(&ic->targets[t], obs, &j[t]);
}

int
pipeline_render(const struct config *conf, const struct indicator_conf *ic,
    const struct obs_list *obs, const struct judgement *j, const char *rrd_path,
    const char *png_path, char *err, size_t errlen)
{
	struct graph_spec spec = {
	    .ind = ic,
	    .target = ic->ntargets > 0 ? &ic->targets[0] : NULL,
	    .j = ic->ntargets > 0 ? &j[0] : NULL,
	    .rrd_path = rrd_path,
	    .png_path = png_path,
	    .locale = conf->locale,
	    .width = GRAPH_WIDTH,
	    .height = GRAPH_HEIGHT,
	};

	if (obs->n > 0) {
		spec.data_start = period_start(&obs->v[0].period);
		spec.data_end = period_end(&obs->v[obs->n - 1].period);
	}
	if (fsutil_mkdirs(conf->graph_dir, err, errlen) != 0)
		return -1;
	return render_graph(&spec, err, errlen);
}

static void
job_free(struct job *job)
{
	obs_list_clear(&job->merged);
	free(job->entries);
	free(job->j);
	free(job->old_status);
	free(job);
}

static bool
job_status_changed(const struct job *job)
{
	for (size_t t = 0; t < job->is->conf->ntargets; t++)
		if (job->j[t].status != job->old_status[t])
			return true;
	return false;
}

/* Worker thread: journal, then RRD, then judgement and graph. */
static void
job_run(void *arg)
{
	struct job *job = arg;
	struct indicator_state *is = job->is;
	size_t written = 0;

	if (fsutil_mkdirs(job->conf->data_dir, job->err, sizeof(job->err)) != 0)
		return;
	if (job->nentries > 0 &&
	    journal_append(is->journal_path, job->entries, job->nentries,
		job->err, sizeof(job->err)) != 0)
		return;
	job->ok = true;
	if (store_update(is->rrd_path, is->conf->freq, &job->merged, &written,
		job->err, sizeof(job->err)) != 0) {
		log_error("indicator %s: %s", is->conf->id, job->err);
		job->err[0] = '\0';
	}
	pipeline_judge(is->conf, &job->merged, job->j);
	if (job->merged.n > 0 &&
	    (written > 0 || job_status_changed(job) ||
		access(is->png_path, F_OK) != 0) &&
	    pipeline_render(job->conf, is->conf, &job->merged, job->j,
		is->rrd_path, is->png_path, job->err, sizeof(job->err)) != 0) {
		log_error("indicator %s: %s", is->conf->id, job->err);
		job->err[0] = '\0';
	}
}

/* Loop: the indicator takes the job's results. */
static void
job_done(void *arg)
{
	struct job *job = arg;
	struct indicator_state *is = job->is;
	struct collector_state *cs = job->cs;

	if (job->ok) {
		obs_list_clear(&is->obs);
		is->obs = job->merged;
		memset(&job->merged, 0, sizeof(job->merged));
		memcpy(is->j, job->j, is->conf->ntargets * sizeof(*is->j));
	} else {
		log_error("indicator %s: journal not written, nothing stored: "
			  "%s",
		    is->conf->id, job->err);
		is->feed_error = true;
		snprintf(is->feed_err, sizeof(is->feed_err), "%s", job->err);
		cs->failed = true;
	}
	job_free(job);
	if (--cs->jobs == 0)
		runner_collector_done(cs->runner, cs);
}

static int
entry_add(
    struct job *job, const struct obs *o, bool revision, double old, time_t now)
{
	struct journal_entry *e;

	e = realloc(job->entries, (job->nentries + 1) * sizeof(*e));
	if (e == NULL)
		return -1;
	job->entries = e;
	e = &job->entries[job->nentries++];
	memset(e, 0, sizeof(*e));
	e->period = o->period;
	e->value = o->value;
	e->fetched = now;
	e->collector = job->cs->conf->id;
	e->has_replaced = revision;
	e->replaced = old;
	return 0;
}

/*
 * Compares the fetched observations with the stored ones: new periods and
 * changed values become journal entries; a changed value is a revision,
 * logged here (the archive rebuild comes with the storage issue).
 */
static int
job_merge(struct job *job, const struct obs_list *fetched)
{
	const struct obs_list *cur = &job->is->obs;
	time_t now = time(NULL);
	char p[PERIOD_TEXT_MAX];

	for (size_t i = 0; i < cur->n; i++)
		if (obs_list_add(
			&job->merged, &cur->v[i].period, cur->v[i].value) != 0)
			return -1;
	for (size_t i = 0; i < fetched->n; i++) {
		const struct obs *o = &fetched->v[i];
		long k = obs_list_find(cur, &o->period);

		if (k >= 0 && cur->v[k].value == o->value)
			continue;
		if (k >= 0) {
			period_format(&o->period, p, sizeof(p));
			log_warn("indicator %s: revision of %s: %.17g -> %.17g "
				 "(collector %s)",
			    job->is->conf->id, p, cur->v[k].value, o->value,
			    job->cs->conf->id);
		}
		if (entry_add(job, o, k >= 0, k >= 0 ? cur->v[k].value : 0,
			now) != 0 ||
		    obs_list_add(&job->merged, &o->period, o->value) != 0)
			return -1;
	}
	obs_list_sort(&job->merged);
	return 0;
}

static struct job *
job_new(
    struct runner *r, struct collector_state *cs, struct indicator_state *is)
{
	struct job *job = calloc(1, sizeof(*job));
	size_t nt = is->conf->ntargets;

	if (job == NULL)
		return NULL;
	job->runner = r;
	job->cs = cs;
	job->is = is;
	job->conf = r->conf;
	job->j = calloc(nt ? nt : 1, sizeof(*job->j));
	job->old_status = calloc(nt ? nt : 1, sizeof(*job->old_status));
	if (job->j == NULL || job->old_status == NULL) {
		job_free(job);
		return NULL;
	}
	for (size_t t = 0; t < nt; t++)
		job->old_status[t] = is->j[t].status;
	return job;
}

static void
indicator_fail(
    struct collector_state *cs, struct indicator_state *is, const char *why)
{
	if (!is->feed_error || strcmp(is->feed_err, why) != 0)
		log_error("collector %s, indicator %s: %s", cs->conf->id,
		    is->conf->id, why);
	is->feed_error = true;
	snprintf(is->feed_err, sizeof(is->feed_err), "%s", why);
	cs->failed = true;
}

/* Parses the body for one indicator and queues its storage job. */
static void
pipeline_indicator(struct runner *r, struct collector_state *cs,
    struct indicator_state *is, const struct fetch_result *res)
{
	struct reject_ctx rc = {cs->conf->id, is->conf->id};
	struct obs_list fetched = {0};
	char err[512] = "";
	struct job *job;

	if (json_feed_parse(res->body, res->len, &is->conf->selector,
		is->conf->freq, &fetched, reject_cb, &rc, err,
		sizeof(err)) != 0) {
		indicator_fail(cs, is,
		    *err ? err : "observations rejected, nothing stored");
		obs_list_clear(&fetched);
		return;
	}
	if ((job = job_new(r, cs, is)) == NULL || job_merge(job, &fetched)) {
		indicator_fail(cs, is, "out of memory");
		if (job != NULL)
			job_free(job);
		obs_list_clear(&fetched);
		return;
	}
	obs_list_clear(&fetched);
	if (is->feed_error)
		log_info("collector %s, indicator %s: feed recovered",
		    cs->conf->id, is->conf->id);
	is->feed_error = false;
	is->feed_err[0] = '\0';
	if (job->nentries > 0)
		log_info("indicator %s: %zu new or revised observations",
		    is->conf->id, job->nentries);
	cs->jobs++;
	if (worker_submit(r->worker, job_run, job_done, job) != 0) {
		cs->jobs--;
		indicator_fail(cs, is, "cannot queue the storage job");
		job_free(job);
	}
}

static void
fetch_done(const struct fetch_result *res, void *arg)
{
	struct collector_state *cs = arg;
	struct runner *r = cs->runner;

	cs->last_outcome = res->outcome;
	cs->last_fetch = time(NULL);
	cs->failed = res->outcome != FETCH_OK;
	if (res->outcome == FETCH_ABORTED) {
		cs->busy = false;
		return;
	}
	if (res->outcome == FETCH_OK)
		log_debug("collector %s: fetched %zu bytes in %.3f s",
		    cs->conf->id, res->len, res->seconds);
	cs->jobs = 1; /* held while indicators are queued */
	for (size_t i = 0; i < r->conf->nindicators; i++) {
		struct indicator_state *is = &r->inds[i];

		if (is->conf->collector_index != (size_t)(cs - r->colls))
			continue;
		if (res->outcome != FETCH_OK)
			indicator_fail(cs, is, res->err);
		else
			pipeline_indicator(r, cs, is, res);
	}
	if (--cs->jobs == 0)
		runner_collector_done(r, cs);
}

void
pipeline_start(struct runner *r, struct collector_state *cs)
{
	if (cs->busy) {
		log_warn("collector %s: previous cycle still running, skipped",
		    cs->conf->id);
		return;
	}
	cs->busy = true;
	if (fetch_start(r->cev, cs->conf, fetch_done, cs) != 0) {
		log_error(
		    "collector %s: cannot start the transfer", cs->conf->id);
		cs->failed = true;
		runner_collector_done(r, cs);
	}
}
