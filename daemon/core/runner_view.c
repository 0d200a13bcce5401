/*
 * runner_view: the webview table (webview.h) over the runner's core (core.h).
 * Each accessor is a read of one field or a call the web server made itself
 * before it had the table; the admin actions do what the routes did:
 * raise reload_wanted, queue every chart, change the silences file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collstate.h"
#include "loopstat.h"
#include "outbox.h"
#include "renderq.h"
#include "runner_impl.h"
#include "runner_view.h"
#include "silence.h"
#include "update.h"
#include "worker.h"

static const struct config *
view_config(void *arg)
{
	return ((const struct runner *)arg)->core.conf;
}

/* A configuration is replaced only by an applied reload. */
static unsigned long
view_config_generation(void *arg)
{
	return ((const struct runner *)arg)->core.reloads_applied;
}

static const struct indicator_state *
view_indicator(void *arg, size_t i)
{
	return &((const struct runner *)arg)->core.inds[i];
}

static const struct collector_state *
view_collector(void *arg, size_t i)
{
	return &((const struct runner *)arg)->core.colls[i];
}

static unsigned long
view_version(void *arg)
{
	return ((const struct runner *)arg)->core.version;
}

static void
view_counters(void *arg, struct webview_counters *out)
{
	const struct core *r = &((const struct runner *)arg)->core;
	struct loopstat_counts lc = {0};

	if (r->loopstat != NULL)
		loopstat_read(r->loopstat, &lc);
	*out = (struct webview_counters){.renders = r->renders,
	    .render_failures = r->render_failures,
	    .render_seconds = r->render_seconds,
	    .rendering = r->rendering,
	    .reloads_applied = r->reloads_applied,
	    .reloads_refused = r->reloads_refused,
	    .worker_jobs = worker_pending(r->worker),
	    .outbox_deliveries = outbox_busy(r->outbox),
	    .loop_max_late = lc.max_late,
	    .loop_stalls = (unsigned long long)lc.stalls,
	    .started_at = r->started_at};
}

static const struct silences *
view_silences(void *arg)
{
	return &((const struct runner *)arg)->core.silences;
}

static void
view_silences_refresh(void *arg)
{
	core_silences_refresh(&((struct runner *)arg)->core);
}

static struct json_t *
view_status_json(void *arg)
{
	return collstate_status(&((struct runner *)arg)->core);
}

static char *
view_collectors_json(void *arg)
{
	return collstate_text(&((struct runner *)arg)->core);
}

static int
view_job_submit(void *arg, void (*run)(void *), void (*done)(void *), void *job)
{
	return worker_submit(
	    ((struct runner *)arg)->core.worker, run, done, job);
}

static void
view_job_ended(void *arg)
{
	runner_check_idle(arg);
}

/* As SIGHUP: the reload waits until the runner is idle. */
static void
view_reload_request(void *arg)
{
	struct runner *r = arg;

	r->core.reload_wanted = true;
	runner_check_idle(r);
}

static void
view_render_all(void *arg)
{
	renderq_request_all(&((struct runner *)arg)->core, false);
}

/* silences_update's change for an add: the ask and where the id goes. */
struct add_change {
	const struct config *conf;
	const struct webview_silence *ask;
	char *id;
};

static int
add_change(struct silences *s, void *arg, char *err, size_t errlen)
{
	struct add_change *a = arg;

	return silences_add_checked(s, a->conf, a->ask->pair, a->ask->until,
	    a->ask->reason, a->ask->by, a->ask->now, a->id, err, errlen);
}

/* The worker thread: the configuration does not change under it, since a
 * reload waits for the worker's jobs to end. */
static int
view_silence_add(void *arg, const struct webview_silence *ask, char id[17],
    char *err, size_t errlen)
{
	const struct config *conf = ((const struct runner *)arg)->core.conf;
	struct add_change a = {conf, ask, id};

	return silences_update(conf->state_dir, add_change, &a, err, errlen);
}

static int
remove_change(struct silences *s, void *arg, char *err, size_t errlen)
{
	if (silences_remove(s, arg) == 0)
		return 0;
	snprintf(err, errlen, "no such silence");
	return -1;
}

static int
view_silence_remove(void *arg, const char *id, char *err, size_t errlen)
{
	const struct config *conf = ((const struct runner *)arg)->core.conf;

	return silences_update(
	    conf->state_dir, remove_change, (void *)id, err, errlen);
}

/*
 * The values of b, one worker job per indicator (its rows together): the
 * worker journals them as it journals a feed's, one writer per journal.
 */
static int
view_values_enter(
    void *arg, const struct entered_batch *b, char *err, size_t errlen)
{
	struct runner *r = arg;
	struct entered_value *rows = calloc(b->n ? b->n : 1, sizeof(*rows));
	bool *done = calloc(r->core.conf->nindicators + 1, sizeof(*done));
	int queued = 0;

	if (rows == NULL || done == NULL)
		goto fail;
	for (size_t i = 0; i < b->n; i++) {
		size_t x = b->v[i].indicator, n = 0;

		if (done[x])
			continue;
		done[x] = true;
		for (size_t k = i; k < b->n; k++)
			if (b->v[k].indicator == x)
				rows[n++] = b->v[k];
		if (update_entered(&r->core, &r->core.inds[x], rows, n) != 0)
			goto fail;
		queued++;
	}
	free(rows);
	free(done);
	return queued;
fail:
	snprintf(err, errlen,
	    "out of memory or stopping: the values of %d indicator(s) "
	    "queued, the others not",
	    queued);
	free(rows);
	free(done);
	return -1;
}

/* The worker wrote a note's change: the record takes the notes read. */
static void
view_notes_set(void *arg, const char *id, struct note_list *l)
{
	struct runner *r = arg;
	size_t i;

	/* A reload meanwhile read the file again itself: the id decides. */
	if (!config_indicator_index(r->core.conf, id, &i))
		return;
	note_list_clear(&r->core.inds[i].notes);
	r->core.inds[i].notes = *l;
	*l = (struct note_list){0};
	r->core.version++;
	(void)renderq_request(&r->core, &r->core.inds[i], false);
}

static const struct webview_ops runner_view_ops = {
    .config = view_config,
    .config_generation = view_config_generation,
    .indicator = view_indicator,
    .collector = view_collector,
    .version = view_version,
    .counters = view_counters,
    .silences = view_silences,
    .silences_refresh = view_silences_refresh,
    .status_json = view_status_json,
    .collectors_json = view_collectors_json,
    .job_submit = view_job_submit,
    .job_ended = view_job_ended,
    .reload_request = view_reload_request,
    .render_all = view_render_all,
    .silence_add = view_silence_add,
    .silence_remove = view_silence_remove,
    .values_enter = view_values_enter,
    .notes_set = view_notes_set,
};

struct webview
runner_view(struct runner *r)
{
	return (struct webview){&runner_view_ops, r};
}
