/*
 * update: one indicator's worker job.
 *
 * Ordering: the journal entries are appended and fsynced first; only when
 * that succeeded does the job write the RRD, because the journal is the
 * record of truth and an RRD can always be rebuilt from it.  If the
 * journal write fails, nothing else happens and the indicator keeps its
 * old values.
 *
 * A derived indicator's series is computed by librrd (rrd_xport over its
 * inputs' archives), one value per day; each of its periods takes the
 * value of the period's last day.  The result is merged like fetched
 * observations, so a revised input shows as a revision of the derived
 * indicator too.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "buf.h"
#include "entered.h"
#include "evaluate.h"
#include "fsutil.h"
#include "journal.h"
#include "log.h"
#include "store.h"
#include "update.h"
#include "worker.h"

#define DERIVED_COLLECTOR "derived"

/* A copy of another indicator's series the job reads. */
struct dep {
	size_t index;
	struct obs_list obs;
	char rrd_path[4096];
	char name[80];
};

enum update_kind {
	UPDATE_FETCHED,
	UPDATE_DERIVE,
	UPDATE_JUDGE,
	UPDATE_CATCHUP, /* the archive brought up to the journal */
	UPDATE_ENTERED, /* values a person entered */
};

struct job {
	enum update_kind kind;
	struct core *core;
	struct collector_state *cs; /* UPDATE_FETCHED only */
	struct indicator_state *is;
	const struct config *conf;
	time_t now;
	struct obs_list merged; /* the indicator's values after the job */
	struct journal_entry *entries;
	size_t nentries, entriescap;
	struct dep *deps;
	size_t ndeps;
	struct entered_batch entered; /* UPDATE_ENTERED: the values, owned */
	char *rpn; /* UPDATE_DERIVE: the RPN with inputs renamed */
	struct judgement *j;
	enum status *old_status;
	struct worker *worker;
	time_t rrd_last; /* in: the archive's last update, if known; out */
	bool journal_damaged; /* takes no entry (state.h, journal_err) */
	bool staged; /* the stage step succeeded */
	bool rebuild; /* build the archive anew, not append */
	bool verify; /* catch-up at start: is the archive older? */
	bool compact; /* catch-up at start: compact the journal first */
	bool store_failed; /* the archive could not be written */
	size_t written; /* periods written to the archive */
	char store_err[512];
	char *aside; /* a damaged archive was moved here, or NULL */
	bool render; /* the charts need drawing: data or status changed */
	bool ok;
	char err[512];
};

static void
job_free(struct job *job)
{
	obs_list_clear(&job->merged);
	for (size_t i = 0; i < job->ndeps; i++)
		obs_list_clear(&job->deps[i].obs);
	free(job->deps);
	free(job->rpn);
	free(job->entries);
	free(job->j);
	free(job->old_status);
	free(job->aside);
	entered_batch_clear(&job->entered);
	free(job);
}

static const struct obs_list *
job_series(void *arg, size_t index)
{
	struct job *job = arg;

	for (size_t i = 0; i < job->ndeps; i++)
		if (job->deps[i].index == index)
			return &job->deps[i].obs;
	return NULL;
}

static bool
job_status_changed(const struct job *job)
{
	for (size_t t = 0; t < job->is->conf->ntargets; t++)
		if (job->j[t].status != job->old_status[t])
			return true;
	return false;
}

static int
entry_add(struct job *job, const struct obs *o, bool revision, double old,
    enum obs_mark old_mark)
{
	struct journal_entry *e;

	if (grow_array(&job->entries, &job->entriescap, job->nentries + 1,
		sizeof(*job->entries), OBS_LIST_MAX) != 0)
		return -1;
	e = &job->entries[job->nentries++];
	memset(e, 0, sizeof(*e));
	e->period = o->period;
	e->value = o->value;
	e->fetched = job->now;
	e->collector = job->cs ? job->cs->conf->id : DERIVED_COLLECTOR;
	e->has_replaced = revision;
	e->replaced = old;
	e->mark = o->mark;
	/* A stated mark that changed is history a reader wants (the
	 * journal's "was"); a first statement after none is not. */
	e->has_was = old_mark != OBS_MARK_UNSTATED && old_mark != o->mark;
	e->was = old_mark;
	return 0;
}

/*
 * A period whose value stays and whose mark changed: an entry of the
 * stored value with the new mark, and the merged series takes the mark.
 */
static int
mark_add(struct job *job, long k, enum obs_mark mark, enum obs_mark old_mark)
{
	struct obs *m = &job->merged.v[k];
	struct obs o = {m->period, m->value, mark};

	if (entry_add(job, &o, false, 0, old_mark) != 0)
		return -1;
	m->mark = mark;
	return 0;
}

/*
 * Merges new observations into job->merged (a copy of the stored ones):
 * new periods and changed values become journal entries; a changed value
 * is a revision, logged here; a mark changed alone (illustrative ->
 * published at the same value) is an entry too, but no revision and no
 * rebuild (the archive holds values only); the job then rebuilds the archive.
 * So does a new period older than the last one stored (a gap filled, a record
 * dropped by a journal repair fetched again): an archive is only ever
 * appended to after its last update.
 */
static int
job_merge(struct job *job, const struct obs_list *fetched)
{
	size_t stored = job->merged.n;
	time_t last_end =
	    stored > 0 ? period_end(&job->merged.v[stored - 1].period) : 0;
	char p[PERIOD_TEXT_MAX];

	for (size_t i = 0; i < fetched->n; i++) {
		const struct obs *o = &fetched->v[i];
		long k = obs_list_find(&job->merged, &o->period);
		double old = k >= 0 ? job->merged.v[k].value : 0;
		enum obs_mark old_mark =
		    k >= 0 ? job->merged.v[k].mark : OBS_MARK_UNSTATED;

		/* A value a person entered stands against the feeds: a feed
		 * that still says its own would undo it at every fetch. */
		if (old_mark == OBS_MARK_ENTERED)
			continue;
		if (k >= 0 &&
		    obs_same_value(
			old, o->value, job->conf->revision_tolerance)) {
			/* a feed that stops saying is no change */
			if (o->mark == old_mark || o->mark == OBS_MARK_UNSTATED)
				continue;
			/* the mark alone: the value stays as stored */
			if (mark_add(job, k, o->mark, old_mark) != 0)
				return -1;
			continue;
		}
		if (k >= 0 && (size_t)k < stored) {
			period_format(&o->period, p, sizeof(p));
			log_warn("indicator %s: revision of %s: %.17g -> %.17g "
				 "(%s %s); its archive is rebuilt",
			    job->is->conf->id, p, old, o->value,
			    job->cs ? "collector" : "from",
			    job->cs ? job->cs->conf->id : "its inputs");
		}
		if (k < 0 && period_end(&o->period) < last_end)
			job->rebuild = true;
		if (entry_add(job, o, k >= 0, old, old_mark) != 0 ||
		    obs_list_add_mark(
			&job->merged, &o->period, o->value, o->mark) != 0)
			return -1;
	}
	obs_list_sort(&job->merged);
	return 0;
}

/*
 * Merges the entered values into job->merged: each is a journal entry
 * (entered_entry: always one, with who, source and note, a revision when
 * the value changed) and takes its period with the mark entered.
 */
static int
job_merge_entered(struct job *job)
{
	size_t stored = job->merged.n;
	time_t last_end =
	    stored > 0 ? period_end(&job->merged.v[stored - 1].period) : 0;

	for (size_t i = 0; i < job->entered.n; i++) {
		const struct entered_value *v = &job->entered.v[i];
		long k = obs_list_find(&job->merged, &v->period);
		struct journal_entry *e;

		if (grow_array(&job->entries, &job->entriescap,
			job->nentries + 1, sizeof(*job->entries),
			OBS_LIST_MAX) != 0)
			return -1;
		e = &job->entries[job->nentries++];
		entered_entry(v, &job->merged, job->conf->revision_tolerance,
		    job->now, e);
		if (k >= 0) {
			job->merged.v[k].value = v->value;
			job->merged.v[k].mark = OBS_MARK_ENTERED;
			continue;
		}
		if (period_end(&v->period) < last_end)
			job->rebuild = true;
		if (obs_list_add_mark(&job->merged, &v->period, v->value,
			OBS_MARK_ENTERED) != 0)
			return -1;
	}
	obs_list_sort(&job->merged);
	return 0;
}

/* Worker: the derived series, one observation per period of its own. */
static int
job_derive(struct job *job)
{
	struct store_input in[32];
	struct obs_list fetched = {0};
	time_t start = 0, end = 0, first;
	double *v = NULL;
	size_t n = 0;
	int rc = -1;

	for (size_t i = 0; i < job->ndeps && i < 32; i++) {
		const struct obs_list *o = &job->deps[i].obs;

		in[i] = (struct store_input){
		    job->deps[i].name, job->deps[i].rrd_path};
		if (o->n == 0)
			return 0; /* an input without data: nothing yet */
		if (start == 0 || period_start(&o->v[0].period) < start)
			start = period_start(&o->v[0].period);
		if (period_end(&o->v[o->n - 1].period) > end)
			end = period_end(&o->v[o->n - 1].period);
	}
	if (store_derive(in, job->ndeps, job->rpn, start, end, &v, &n, &first,
		job->err, sizeof(job->err)) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct period p;

		if (isfinite(v[i]) &&
		    period_from_end(first + (time_t)i * STORE_STEP,
			job->is->conf->freq, &p) == 0 &&
		    obs_list_add(&fetched, &p, v[i]) != 0)
			goto out;
	}
	rc = job_merge(job, &fetched);
out:
	obs_list_clear(&fetched);
	free(v);
	return rc;
}

/*
 * A revised period is already in the archive: only a new archive, built
 * from every current value, holds the revision (several revisions in one
 * fetch cost one rebuild).
 */
static bool
job_has_revision(const struct job *job)
{
	for (size_t i = 0; i < job->nentries; i++)
		if (job->entries[i].has_replaced)
			return true;
	return false;
}

/*
 * At start: an archive whose file is older than its journal (and not kept
 * by rrdcached, which writes late) may miss a revision made before a
 * failure or a crash; it is built anew.
 */
static bool
archive_older(const struct indicator_state *is)
{
	struct stat a, j;

	return store_daemon_for(is->rrd_path) == NULL &&
	    stat(is->rrd_path, &a) == 0 && stat(is->journal_path, &j) == 0 &&
	    (j.st_mtim.tv_sec > a.st_mtim.tv_sec ||
		(j.st_mtim.tv_sec == a.st_mtim.tv_sec &&
		    j.st_mtim.tv_nsec > a.st_mtim.tv_nsec));
}

/*
 * The entries appended to the journal.  data_dir is made only when the
 * append finds it missing: making it before every append cost more than
 * the append (a mkdir per path component).
 */
static int
journal_stage(struct job *job)
{
	const char *path = job->is->journal_path;
	struct fsutil_mark *m = &job->is->journal_mark;

	if (journal_append_marked(path, job->entries, job->nentries, m,
		job->err, sizeof(job->err)) == 0)
		return 0;
	if (errno != ENOENT || access(job->conf->data_dir, F_OK) == 0 ||
	    fsutil_mkdirs(job->conf->data_dir, job->err, sizeof(job->err)) != 0)
		return -1;
	return journal_append_marked(
	    path, job->entries, job->nentries, m, job->err, sizeof(job->err));
}

/*
 * Worker thread, stage step: (derive), then the journal entries written;
 * they become durable at the batch's sync (job_run), before anything
 * acts on them.
 */
static void
job_stage(void *arg)
{
	struct job *job = arg;

	if (job->kind == UPDATE_DERIVE && job_derive(job) != 0)
		return;
	/* Before a compaction makes the journal newer than the archive. */
	if (job->verify && archive_older(job->is))
		job->rebuild = true;
	if (job->compact) {
		char err[512];

		if (journal_compact(job->is->journal_path, job->is->conf->freq,
			err, sizeof(err)) == 0) {
			log_info("indicator %s: journal compacted (the latest "
				 "value of each period and every revision "
				 "kept)",
			    job->is->conf->id);
		} else {
			log_error("indicator %s: journal not compacted: %s",
			    job->is->conf->id, err);
		}
	}
	if (job->nentries > 0 && job->journal_damaged) {
		snprintf(job->err, sizeof(job->err),
		    "its journal is damaged (planwatch journal repair %s)",
		    job->is->conf->id);
		return;
	}
	if (job->nentries > 0 && journal_stage(job) != 0)
		return;
	job->staged = true;
}

/* The archive brought up to date: rebuilt after a revision. */
static int
store_once(struct job *job, size_t *written)
{
	const struct indicator_state *is = job->is;
	int rc;

	if (!job->rebuild && !job_has_revision(job))
		return store_update_from(is->rrd_path, is->conf->freq,
		    &job->merged, &job->rrd_last, written, job->store_err,
		    sizeof(job->store_err));
	rc = store_rebuild(is->rrd_path, is->conf->freq, &job->merged, written,
	    job->store_err, sizeof(job->store_err));
	job->rrd_last = rc == 0 && job->merged.n > 0
	    ? period_end(&job->merged.v[job->merged.n - 1].period)
	    : 0;
	return rc;
}

/*
 * Writes the archive; a damaged one (librrd says so) is moved aside,
 * never deleted, and built anew from the journal.  A failure to write
 * leaves the archive behind the journal (job->store_failed): the journal
 * holds everything, and a catch-up job writes it later.
 */
static int
job_store(struct job *job, size_t *written)
{
	const char *path = job->is->rrd_path;
	char aside[4200], err[512];
	int rc;

	if ((rc = store_once(job, written)) == 0 ||
	    !store_error_is_corruption(job->store_err))
		return rc;
	if (store_move_aside(
		path, job->now, aside, sizeof(aside), err, sizeof(err)) != 0) {
		snprintf(job->store_err, sizeof(job->store_err),
		    "damaged archive (%s) cannot be moved aside: %s", path,
		    err);
		return -1;
	}
	log_error("indicator %s: %s: moved aside to %s, rebuilt from the "
		  "journal",
	    job->is->conf->id, job->store_err, aside);
	job->aside = strdup(aside);
	job->rebuild = true;
	return store_once(job, written);
}

/* Worker thread, run step: journal synced, then RRD, judgement, chart. */
static void
job_run(void *arg)
{
	struct job *job = arg;
	struct indicator_state *is = job->is;
	size_t written = 0;

	if (!job->staged ||
	    (job->nentries > 0 &&
		worker_sync(job->worker, job->conf->data_dir, job->err,
		    sizeof(job->err)) != 0))
		return;
	job->ok = true;
	if ((job->nentries > 0 || job->kind == UPDATE_CATCHUP || job->verify) &&
	    job_store(job, &written) != 0)
		job->store_failed = true;
	job->written = written;
	evaluate_indicator(job->conf, is->conf, &job->merged, job_series, job,
	    job->now, job->j);
	/* A refresh (UPDATE_JUDGE) comes from a rate indicator's new data,
	 * which a growth target's chart draws. */
	job->render = job->conf->graphs && job->merged.n > 0 &&
	    !job->store_failed &&
	    (written > 0 || job->kind == UPDATE_JUDGE ||
		job_status_changed(job) || access(is->png_path, F_OK) != 0);
}

/*
 * Loop: periods too early for an archive (store.h, STORE_EPOCH) stay in
 * the journal; said once when the daemon first sees them, and again only
 * when there are more (a feed that reaches further back), not every cycle.
 */
static void
say_too_early(struct indicator_state *is, const struct obs_list *obs)
{
	size_t n = store_count_too_early(obs);
	char first[PERIOD_TEXT_MAX], last[PERIOD_TEXT_MAX];

	if (n <= is->too_early_said)
		return;
	is->too_early_said = n;
	period_format(&obs->v[0].period, first, sizeof(first));
	period_format(&obs->v[n - 1].period, last, sizeof(last));
	log_info("indicator %s: %zu period(s) before 1980 (%s to %s) are kept "
		 "in the journal only: an archive, and so a chart, begins in "
		 "1980, the earliest that librrd stores and draws",
	    is->conf->id, n, first, last);
}

/*
 * Loop: whether the archive is behind the journal now, said once when it
 * falls behind and once when it catches up; a damaged archive moved
 * aside is remembered for the dashboard.
 */
static void
take_storage_state(struct indicator_state *is, const struct job *job)
{
	bool was = is->rrd_behind;

	say_too_early(is, &job->merged);

	if (job->nentries > 0 || job->kind == UPDATE_CATCHUP)
		is->rrd_last = job->store_failed ? 0 : job->rrd_last;
	if (job->aside != NULL) {
		state_text_set(&is->rrd_aside, job->aside, STATE_ERROR_MAX);
		is->rrd_aside_at = job->now;
	}
	if (job->nentries == 0 && job->kind != UPDATE_CATCHUP)
		return;
	is->rrd_behind = job->store_failed;
	/* A revision not yet in the archive needs a new archive. */
	is->rrd_rebuild = job->store_failed &&
	    (is->rrd_rebuild || job->rebuild || job_has_revision(job));
	state_text_set(&is->rrd_err, job->store_failed ? job->store_err : NULL,
	    STATE_ERROR_MAX);
	if (!was && is->rrd_behind)
		log_error("indicator %s: archive behind the journal, brought "
			  "up to date when writing works again: %s",
		    is->conf->id, job->store_err);
	else if (was && !is->rrd_behind)
		log_info("indicator %s: archive up to date with the journal "
			 "again",
		    is->conf->id);
	else if (job->kind == UPDATE_CATCHUP && job->written > 0)
		log_info("indicator %s: archive brought up to date from the "
			 "journal (%zu period(s) written)",
		    is->conf->id, job->written);
}

/* Loop: the indicator takes the job's results. */
static void
job_done(void *arg)
{
	struct job *job = arg;
	struct indicator_state *is = job->is;
	struct core *core = job->core;
	struct collector_state *cs = job->cs;
	bool changed = job->ok && job->nentries > 0;
	bool render = job->ok && job->render;

	if (job->kind == UPDATE_CATCHUP) {
		if (job->ok) {
			take_storage_state(is, job);
		} else {
			is->rrd_behind = true;
			state_text_set(&is->rrd_err, job->err, STATE_ERROR_MAX);
		}
		job_free(job);
		core->catching_up--;
		core_updated(core,
		    &(struct core_update){
			.is = is, .catchup = true, .render = render});
		return;
	}
	if (job->ok) {
		take_storage_state(is, job);
		obs_list_clear(&is->obs);
		is->obs = job->merged;
		memset(&job->merged, 0, sizeof(job->merged));
		memcpy(is->j, job->j, is->conf->ntargets * sizeof(*is->j));
		for (size_t k = 0; k < job->nentries; k++) {
			const struct journal_entry *e = &job->entries[k];

			if (journal_revision_log(&is->revs, e) != 0)
				log_error("indicator %s: revision log: out of "
					  "memory",
				    is->conf->id);
		}
		if (job->nentries > 0)
			log_info(
			    "indicator %s: %zu new or revised observations",
			    is->conf->id, job->nentries);
	} else {
		log_error(
		    "indicator %s: nothing stored: %s", is->conf->id, job->err);
		is->feed_error = true;
		if (is->journal_err == NULL) /* else that stays the reason */
			state_text_set(
			    &is->feed_err, job->err, STATE_ERROR_MAX);
		if (cs != NULL)
			cs->rt.failed = true;
	}
	job_free(job);
	core_updated(core,
	    &(struct core_update){
		.is = is, .cs = cs, .render = render, .changed = changed});
}

/* Copies the series of every indicator is depends on into the job. */
static int
job_deps(struct job *job)
{
	struct core *core = job->core;
	const struct indicator_state *is = job->is;

	/* Sized to the dependencies, not to every indicator: thousands of
	 * queued jobs must not each hold a table of thousands. */
	if (is->ninputs == 0)
		return 0;
	if ((job->deps = calloc(is->ninputs, sizeof(*job->deps))) == NULL)
		return -1;
	for (size_t k = 0; k < is->ninputs; k++) {
		size_t x = is->inputs[k];
		struct dep *d = &job->deps[job->ndeps++];
		const struct obs_list *o = &core->inds[x].obs;

		d->index = x;
		snprintf(d->rrd_path, sizeof(d->rrd_path), "%s",
		    core->inds[x].rrd_path);
		snprintf(d->name, sizeof(d->name), "v_%s",
		    core->conf->indicators[x].id);
		for (size_t i = 0; i < o->n; i++)
			if (obs_list_add(
				&d->obs, &o->v[i].period, o->v[i].value) != 0)
				return -1;
	}
	return 0;
}

/* The derived RPN with every input id renamed to its DEF name "v_<id>". */
static char *
derived_rpn(const struct config *c, const char *rpn)
{
	size_t len = strlen(rpn) * 3 + 16, off = 0;
	char *out = malloc(len), *copy = strdup(rpn), *save = NULL;

	if (out == NULL || copy == NULL) {
		free(out);
		free(copy);
		return NULL;
	}
	out[0] = '\0';
	for (char *tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		tok[strcspn(tok, " \t")] = '\0';
		off += (size_t)snprintf(out + off, len - off, "%s%s%s",
		    off ? "," : "", config_indicator(c, tok) ? "v_" : "", tok);
	}
	free(copy);
	return out;
}

static struct job *
job_new(struct core *core, enum update_kind kind, struct collector_state *cs,
    struct indicator_state *is)
{
	struct job *job = calloc(1, sizeof(*job));
	size_t nt = is->conf->ntargets;

	if (job == NULL)
		return NULL;
	*job = (struct job){.kind = kind,
	    .core = core,
	    .cs = cs,
	    .is = is,
	    .conf = core->conf,
	    .worker = core->worker,
	    .rrd_last = is->rrd_last,
	    .journal_damaged = is->journal_err != NULL,
	    .now = time(NULL)};
	job->j = calloc(nt ? nt : 1, sizeof(*job->j));
	job->old_status = calloc(nt ? nt : 1, sizeof(*job->old_status));
	if (job->j == NULL || job->old_status == NULL || job_deps(job) != 0 ||
	    (kind == UPDATE_DERIVE &&
		(job->rpn = derived_rpn(core->conf, is->conf->derived)) ==
		    NULL)) {
		job_free(job);
		return NULL;
	}
	for (size_t t = 0; t < nt; t++)
		job->old_status[t] = is->j[t].status;
	for (size_t i = 0; i < is->obs.n; i++)
		if (obs_list_add_mark(&job->merged, &is->obs.v[i].period,
			is->obs.v[i].value, is->obs.v[i].mark) != 0) {
			job_free(job);
			return NULL;
		}
	return job;
}

/*
 * Before the start's catch-up came to is (runner_catchup_more), its own
 * job checks the archive against the journal instead, and writes what
 * the archive lacks: it must not make an archive behind its journal look
 * current.
 */
static void
start_check(struct job *job, struct indicator_state *is)
{
	if (job == NULL || is->start_checked || is->journal_err != NULL)
		return;
	job->verify = true;
	job->compact = is->compact;
	is->compact = false;
	is->start_checked = true;
}

int
update_fetched(struct core *core, struct collector_state *cs,
    struct indicator_state *is, const struct obs_list *fetched)
{
	struct job *job = job_new(core, UPDATE_FETCHED, cs, is);

	start_check(job, is);
	if (job == NULL || job_merge(job, fetched) != 0 ||
	    worker_submit_staged(
		core->worker, job_stage, job_run, job_done, job) != 0) {
		if (job != NULL)
			job_free(job);
		return -1;
	}
	return 0;
}

/* Copies v into the job's own batch (its texts too). */
static int
job_take_entered(struct job *job, const struct entered_value *v, size_t n)
{
	if ((job->entered.v = calloc(n, sizeof(*v))) == NULL)
		return -1;
	job->entered.cap = n;
	for (size_t i = 0; i < n; i++) {
		struct entered_value *c = &job->entered.v[i];

		*c = v[i];
		c->by = c->source = c->note = NULL;
		job->entered.n++;
		if ((c->by = strdup(v[i].by)) == NULL ||
		    (c->source = strdup(v[i].source)) == NULL ||
		    (v[i].note != NULL &&
			(c->note = strdup(v[i].note)) == NULL))
			return -1;
	}
	return 0;
}

int
update_entered(struct core *core, struct indicator_state *is,
    const struct entered_value *v, size_t n)
{
	struct job *job = job_new(core, UPDATE_ENTERED, NULL, is);

	if (job == NULL || job_take_entered(job, v, n) != 0 ||
	    job_merge_entered(job) != 0 ||
	    worker_submit_staged(
		core->worker, job_stage, job_run, job_done, job) != 0) {
		if (job != NULL)
			job_free(job);
		return -1;
	}
	return 0;
}

int
update_catchup(struct core *core, struct indicator_state *is, bool at_start)
{
	struct job *job = job_new(core, UPDATE_CATCHUP, NULL, is);

	if (job == NULL)
		return -1;
	job->rebuild = is->rrd_rebuild;
	job->verify = at_start;
	job->compact = at_start && is->compact;
	is->compact = false;
	is->start_checked = is->start_checked || at_start;
	if (worker_submit_staged(
		core->worker, job_stage, job_run, job_done, job) != 0) {
		job_free(job);
		return -1;
	}
	core->catching_up++;
	return 0;
}

int
update_refresh(struct core *core, struct indicator_state *is)
{
	/* A derived indicator with a damaged journal is judged on what it
	 * has, and computes nothing new until the journal is repaired. */
	bool derive = is->conf->derived != NULL && is->journal_err == NULL;
	struct job *job =
	    job_new(core, derive ? UPDATE_DERIVE : UPDATE_JUDGE, NULL, is);

	start_check(job, is);
	if (job == NULL ||
	    worker_submit_staged(
		core->worker, job_stage, job_run, job_done, job) != 0) {
		if (job != NULL)
			job_free(job);
		return -1;
	}
	return 0;
}
