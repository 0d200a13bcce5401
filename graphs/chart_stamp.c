/*
 * chart_stamp: what a chart reads, fed to the digest field by field.
 * The configuration's structs are fed whole but for where they were
 * written (moving an indicator in its file redraws nothing); the size
 * checks below fail to compile when a field is added, so that whoever
 * adds one decides here whether the charts read it.  The archive the
 * history view is drawn from holds the journal's series, which is fed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "chart_stamp.h"
#include "config_plans.h"
#include "config_text.h"
#include "evaluate.h"
#include "fsutil.h"
#include "store.h"
#include "stored.h"

#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(struct indicator_conf) == 344,
    "a field of indicator_conf: does the chart read it? (chart_stamp.c)");
_Static_assert(sizeof(struct target_conf) == 272,
    "a field of target_conf: does the chart read it? (chart_stamp.c)");
_Static_assert(sizeof(struct judgement) == 272,
    "a field of judgement: does the chart read it? (chart_stamp.c)");
_Static_assert(sizeof(struct feed_selector) == 64,
    "a field of feed_selector: feed it (chart_stamp.c)");
_Static_assert(sizeof(struct indicator_words) == 48,
    "a field of indicator_words: feed it (chart_stamp.c)");
#endif

static void
stamp_period(struct stamp *s, const struct period *p)
{
	stamp_int(s, p->freq);
	stamp_int(s, p->year);
	stamp_int(s, p->sub);
}

static void
stamp_selector(struct stamp *s, const struct feed_selector *f)
{
	stamp_str(s, f->observations);
	stamp_str(s, f->period);
	stamp_str(s, f->value);
	stamp_str(s, f->year);
	stamp_str(s, f->status);
	stamp_int(s, f->delimiter);
	stamp_int(s, f->thousands);
	stamp_int(s, (int64_t)f->nseries);
	for (size_t i = 0; i < f->nseries; i++) {
		stamp_str(s, f->series[i].key);
		stamp_str(s, f->series[i].value);
	}
}

static void
stamp_target(struct stamp *s, const struct target_conf *t)
{
	stamp_str(s, t->id);
	stamp_int(s, t->kind);
	stamp_int(s, t->path);
	stamp_int(s, t->direction);
	stamp_period(s, &t->baseline_period);
	stamp_int(s, t->baseline_observed);
	stamp_double(s, t->baseline_value);
	stamp_period(s, &t->target_period);
	stamp_double(s, t->target_value);
	stamp_int(s, t->basis);
	stamp_double(s, t->rate);
	stamp_str(s, t->rate_indicator);
	stamp_double(s, t->bound);
	stamp_int(s, t->has_from);
	stamp_period(s, &t->from);
	stamp_int(s, t->has_to);
	stamp_period(s, &t->to);
	stamp_double(s, t->about);
	stamp_int(s, t->method);
	stamp_int(s, t->projection);
	stamp_int(s, t->trend_periods);
	stamp_double(s, t->on_track_ratio);
	stamp_double(s, t->at_risk_ratio);
	stamp_double(s, t->ahead_ratio);
	stamp_double(s, t->nearly_met);
	stamp_int(s, t->holds);
	stamp_int(s, t->vocabulary);
	stamp_int(s, (int64_t)t->nannual);
	for (size_t i = 0; i < t->nannual; i++) {
		stamp_int(s, t->annual[i].year);
		stamp_double(s, t->annual[i].value);
	}
	stamp_str(s, t->plan_id);
	stamp_int(s, (int64_t)t->plan);
}

void
chart_stamp_indicator(struct stamp *s, const struct indicator_conf *ic)
{
	stamp_str(s, ic->id);
	stamp_str(s, ic->name);
	stamp_str(s, ic->unit);
	stamp_str(s, ic->group);
	stamp_str(s, ic->owner);
	stamp_int(s, ic->quantity);
	stamp_str(s, ic->source);
	stamp_int(s, ic->figures);
	stamp_int(s, ic->nature);
	stamp_str(s, ic->definition);
	stamp_str(s, ic->method);
	stamp_str(s, ic->source_url);
	stamp_str(s, ic->plan_quote);
	stamp_int(s, ic->plan_line);
	stamp_int(s, ic->freq);
	stamp_str(s, ic->collector);
	stamp_selector(s, &ic->selector);
	stamp_str(s, ic->derived);
	stamp_double(s, ic->stale_after);
	stamp_int(s, ic->alert_for);
	for (int l = 0; l < LOCALE_COUNT; l++) {
		const struct indicator_words *w = &ic->words[l];

		stamp_str(s, w->name);
		stamp_str(s, w->unit);
		stamp_str(s, w->definition);
		stamp_str(s, w->method);
		stamp_str(s, w->group);
		stamp_str(s, w->owner);
	}
	stamp_int(s, (int64_t)ic->ntargets);
	for (size_t t = 0; t < ic->ntargets; t++)
		stamp_target(s, &ic->targets[t]);
}

static void
stamp_judgement(struct stamp *s, const struct judgement *j)
{
	stamp_int(s, j->status);
	stamp_int(s, j->have_latest);
	stamp_period(s, &j->latest_period);
	stamp_double(s, j->latest_value);
	stamp_int(s, j->nobs);
	stamp_double(s, j->baseline_value);
	stamp_double(s, j->target_value);
	stamp_double(s, j->years_elapsed);
	stamp_double(s, j->years_left);
	stamp_double(s, j->planned);
	stamp_double(s, j->gap);
	stamp_double(s, j->gap_pct);
	stamp_double(s, j->observed_growth);
	stamp_double(s, j->projected);
	stamp_double(s, j->ratio);
	stamp_double(s, j->required_growth);
	stamp_double(s, j->reach_year);
	stamp_int(s, j->trend_used);
	stamp_int(s, j->linear_fallback);
	stamp_int(s, j->baseline_missing);
	stamp_int(s, j->from_rates);
	stamp_int(s, j->judged_periods);
	stamp_int(s, j->violations);
	stamp_period(s, &j->first_violation);
	stamp_int(s, j->stale);
	stamp_period(s, &j->overdue);
	stamp_int(s, j->overdue_since);
	stamp_int(s, j->has_next);
	stamp_period(s, &j->next);
	stamp_int(s, j->next_due);
	stamp_double(s, j->worst_miss);
	stamp_double(s, j->latest_miss);
	stamp_int(s, j->ended);
	stamp_int(s, j->final);
	stamp_double(s, j->achieved);
	stamp_double(s, j->shortfall);
	stamp_double(s, j->tolerance);
	stamp_int(s, j->other_plan);
}

void
chart_stamp_judgements(
    struct stamp *s, const struct judgement *j, size_t ntargets)
{
	stamp_int(s, j != NULL ? (int64_t)ntargets : -1);
	for (size_t t = 0; j != NULL && t < ntargets; t++)
		stamp_judgement(s, &j[t]);
}

void
chart_stamp_obs(struct stamp *s, const struct obs_list *o)
{
	stamp_int(s, o != NULL ? (int64_t)o->n : -1);
	for (size_t i = 0; o != NULL && i < o->n; i++) {
		stamp_period(s, &o->v[i].period);
		stamp_double(s, o->v[i].value);
		stamp_int(s, o->v[i].mark);
	}
}

/* The plan name of the footer in locale (chart_plot_input's). */
static const char *
footer_plan(const struct chart_input *in, const char *locale)
{
	const struct config *c = in->conf;
	const struct indicator_conf *ic = in->ind;
	size_t k = evaluate_charted(ic, in->j);
	const struct target_conf *t = ic->ntargets > 0 ? &ic->targets[k] : NULL;

	if (t != NULL && t->plan < c->nplans)
		return config_plan_name(&c->plans[t->plan], locale);
	return plan_title(c, locale);
}

uint64_t
chart_stamp(const struct chart_input *in)
{
	const char *other = chart_other_lang(in->conf);
	struct stamp s;

	stamp_init(&s);
	stamp_int(&s, CHART_STAMP_VERSION);
	stamp_int(&s, in->conf->graph_width);
	stamp_int(&s, in->conf->graph_height);
	stamp_str(&s, in->conf->locale);
	stamp_str(&s, other);
	stamp_str(&s, footer_plan(in, in->conf->locale));
	stamp_str(&s, other != NULL ? footer_plan(in, other) : NULL);
	/* librrd draws the history's time axis in the process's zone. */
	stamp_str(&s, getenv("TZ"));
	chart_stamp_indicator(&s, in->ind);
	chart_stamp_judgements(&s, in->j, in->ind->ntargets);
	stamp_int(&s, in->have_data);
	chart_stamp_obs(&s, in->obs);
	chart_stamp_obs(&s, in->rates);
	stamp_int(&s, (int64_t)in->nnotes);
	for (size_t i = 0; i < in->nnotes; i++) {
		stamp_int(&s, in->notes[i].nid);
		stamp_period(&s, &in->notes[i].from);
		stamp_period(&s, &in->notes[i].to);
	}
	return s.h;
}

/* <graph_dir>/.stamps[/<id>]. */
static void
stamp_path(const struct config *c, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/.stamps%s%s", c->graph_dir, id ? "/" : "",
	    id ? id : "");
}

/* Whether every file of every view of in is there, in both languages. */
static bool
files_there(const struct chart_input *in)
{
	const char *langs[2] = {NULL, chart_other_lang(in->conf)};
	char path[4096];

	for (int l = 0; l < 2; l++) {
		if (l == 1 && langs[1] == NULL)
			break;
		for (int v = 0; v < GRAPH_VIEWS; v++) {
			enum graph_view view = (enum graph_view)v;

			chart_file_in(in->conf, in->ind->id, view, false,
			    langs[l], path, sizeof(path));
			if (access(path, F_OK) != 0)
				return false;
			chart_file_in(in->conf, in->ind->id, view, true,
			    langs[l], path, sizeof(path));
			if (chart_has_svg(view) && access(path, F_OK) != 0)
				return false;
		}
	}
	return true;
}

int
chart_draw_stale(const struct chart_input *in, uint64_t digest, bool force,
    bool *drawn, char *err, size_t errlen)
{
	char path[4096];

	*drawn = false;
	stamp_path(in->conf, in->ind->id, path, sizeof(path));
	if (!force && stamp_file_matches(path, digest) && files_there(in))
		return 0;
	if (stamp_file_remove(path, err, errlen) != 0)
		return -1;
	*drawn = true;
	if (chart_draw_all(in, err, errlen) != 0)
		return -1;
	return in->defer_sync ? 0
			      : chart_stamp_write(in->conf, in->ind->id, digest,
				    true, err, errlen);
}

int
chart_stamp_write(const struct config *c, const char *id, uint64_t digest,
    bool sync, char *err, size_t errlen)
{
	char path[4096];

	stamp_path(c, NULL, path, sizeof(path));
	if (fsutil_mkdirs(path, err, errlen) != 0)
		return -1;
	stamp_path(c, id, path, sizeof(path));
	return stamp_file_write(path, digest, sync, err, errlen);
}

/* The rate indicator's series when the drawn target is judged on it. */
static const struct obs_list *
stored_rates(const struct config *c, const struct stored *st, size_t i)
{
	const struct indicator_conf *ic = &c->indicators[i];
	const struct target_conf *t = ic->ntargets > 0
	    ? &ic->targets[evaluate_charted(ic, st->j[i])]
	    : NULL;

	if (!target_judged_on_growth(t) || t->rate_indicator == NULL ||
	    t->rate_indicator_index >= c->nindicators)
		return NULL;
	return &st->obs[t->rate_indicator_index];
}

/* Indicator i's chart input from st into in (rrd: its archive's path,
 * PATH_MAX); false when it has no data (nothing to draw). */
static bool
stored_input(const struct config *c, const struct stored *st, size_t i,
    struct chart_input *in, char *rrd, size_t rrdlen)
{
	const struct obs_list *o = &st->obs[i];

	*in = (struct chart_input){.conf = c,
	    .ind = &c->indicators[i],
	    .j = st->j[i],
	    .rrd_path = rrd,
	    .obs = o,
	    .rates = stored_rates(c, st, i),
	    .have_data = o->n > 0};
	in->nnotes = plot_notes_take(
	    st->notes ? &st->notes[i] : NULL, in->notes, PLOT_NOTES_MAX);
	if (o->n == 0)
		return false;
	store_path(c->data_dir, c->indicators[i].id, rrd, rrdlen);
	in->first = o->v[0];
	in->latest = o->v[o->n - 1];
	return true;
}

int
chart_stored_check(const struct config *c, const struct stored *st, size_t i,
    uint64_t *digest, char *err, size_t errlen)
{
	struct chart_input in;
	char rrd[4096], path[4096];

	*digest = 0;
	if (!stored_input(c, st, i, &in, rrd, sizeof(rrd)))
		return 1;
	*digest = chart_stamp(&in);
	stamp_path(c, c->indicators[i].id, path, sizeof(path));
	if (stamp_file_matches(path, *digest) && files_there(&in))
		return 1;
	return stamp_file_remove(path, err, errlen);
}

int
chart_draw_stored(const struct config *c, const struct stored *st, size_t i,
    unsigned how, bool *drawn, uint64_t *digest, char *err, size_t errlen)
{
	struct chart_input in;
	char rrd[4096];

	*drawn = false;
	*digest = 0;
	if (!stored_input(c, st, i, &in, rrd, sizeof(rrd)))
		return 0;
	in.defer_sync = (how & CHART_DEFER_SYNC) != 0;
	*digest = chart_stamp(&in);
	return chart_draw_stale(
	    &in, *digest, (how & CHART_FORCE) != 0, drawn, err, errlen);
}
