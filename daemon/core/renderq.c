/*
 * renderq: the job carries a snapshot (the series' ends, a copy of the
 * judgements), so the loop's state is read only on the loop.  The
 * configuration it points into stays alive: a reload waits until no
 * drawing is under way (the runner's idle check counts core.rendering).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "evaluate.h"
#include "chart_stamp.h"
#include "log.h"
#include "loopstat.h"
#include "renderq.h"
#include "worker.h"

struct render_job {
	struct core *core;
	struct indicator_state *is;
	struct chart_input in;
	struct judgement *j;
	struct obs_list obs; /* a copy: the loop replaces the indicator's */
	struct obs_list rates; /* the rate indicator's, when charted */
	bool only_stale;
	bool drawn;
	int rc;
	double seconds;
	char err[512];
};

static void
render_job_free(struct render_job *job)
{
	free(job->j);
	obs_list_clear(&job->obs);
	obs_list_clear(&job->rates);
	free(job);
}

/*
 * The rate indicator's series of the target the chart draws
 * (evaluate_charted) when it is judged on published rates, or NULL.
 */
static const struct obs_list *
charted_rates(const struct core *core, const struct indicator_conf *ic,
    const struct judgement *j)
{
	const struct target_conf *t =
	    ic->ntargets > 0 ? &ic->targets[evaluate_charted(ic, j)] : NULL;

	if (!target_judged_on_growth(t) || t->rate_indicator == NULL ||
	    t->rate_indicator_index >= core->conf->nindicators)
		return NULL;
	return &core->inds[t->rate_indicator_index].obs;
}

/* Renderer thread. */
static void
render_run(void *arg)
{
	struct render_job *job = arg;
	double t0 = clock_now_mono();

	/* At shutdown the queue is dropped, not drawn: charts can wait. */
	if (atomic_load(&job->core->render_cancel))
		return;
	job->rc = chart_draw_stale(&job->in, chart_stamp(&job->in),
	    !job->only_stale, &job->drawn, job->err, sizeof(job->err));
	job->seconds = clock_now_mono() - t0;
}

/* Loop. */
static void
render_done(void *arg)
{
	struct render_job *job = arg;
	struct core *core = job->core;
	struct indicator_state *is = job->is;

	if (job->drawn) {
		core->renders++;
		core->render_seconds += job->seconds;
	}
	if (job->rc != 0) {
		core->render_failures++;
		log_error("indicator %s: chart: %s", is->conf->id, job->err);
	}
	render_job_free(job);
	is->rendering = false;
	core->rendering--;
	if (is->render_again && !core->stopping) {
		is->render_again = false;
		renderq_request(core, is, false);
	}
	core_idle(core);
}

/* A copy of the series into dst (empty); -1 on ENOMEM. */
static int
obs_copy(struct obs_list *dst, const struct obs_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (obs_list_add_mark(dst, &src->v[i].period, src->v[i].value,
			src->v[i].mark) != 0) {
			obs_list_clear(dst);
			return -1;
		}
	return 0;
}

int
renderq_request(struct core *core, struct indicator_state *is, bool only_stale)
{
	const struct indicator_conf *ic = is->conf;
	const struct obs_list *rates;
	struct render_job *job;

	if (!core->conf->graphs || is->obs.n == 0)
		return 0;
	if (is->rendering) {
		is->render_again |= !only_stale;
		return 0;
	}
	if ((job = calloc(1, sizeof(*job))) == NULL ||
	    (job->j = calloc(ic->ntargets + 1, sizeof(*job->j))) == NULL) {
		free(job);
		return -1;
	}
	memcpy(job->j, is->j, ic->ntargets * sizeof(*job->j));
	/* The plan chart draws the whole series (and a growth target's
	 * published rates): copies, the loop may replace them. */
	rates = charted_rates(core, ic, is->j);
	if (obs_copy(&job->obs, &is->obs) != 0 ||
	    (rates != NULL && obs_copy(&job->rates, rates) != 0)) {
		render_job_free(job);
		return -1;
	}
	job->core = core;
	job->is = is;
	job->only_stale = only_stale;
	job->in = (struct chart_input){
	    .conf = core->conf,
	    .ind = ic,
	    .j = job->j,
	    .rrd_path = is->rrd_path,
	    .first = is->obs.v[0],
	    .latest = is->obs.v[is->obs.n - 1],
	    .obs = &job->obs,
	    .rates = rates != NULL ? &job->rates : NULL,
	    .have_data = true,
	};
	job->in.nnotes =
	    plot_notes_take(&is->notes, job->in.notes, PLOT_NOTES_MAX);
	if (worker_submit(core->renderer, render_run, render_done, job) != 0) {
		render_job_free(job);
		return -1;
	}
	is->rendering = true;
	core->rendering++;
	return 0;
}

void
renderq_request_all(struct core *core, bool only_stale)
{
	for (size_t i = 0; i < core->conf->nindicators; i++)
		if (renderq_request(core, &core->inds[i], only_stale) != 0)
			log_error("indicator %s: cannot queue its chart",
			    core->inds[i].conf->id);
}
