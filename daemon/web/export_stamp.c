/*
 * export_stamp: the fields fed are those the page functions read
 * (html*.c, wall.c, html_series_csv); the chart's part is chart_stamp's
 * (chart_stamp_indicator and the series), so that a setting the chart
 * reads is read by the page's stamp too.  "Now" enters as the day: the
 * pages show dates, the plan in force and the phase of a plan at day's
 * resolution, and whatever else moves with the clock (overdue, stale) is
 * in the judgements fed.  The "as of" time on the dashboard is the time of
 * the export that last wrote it.
 */
#include "chart_stamp.h"
#include "export_stamp.h"
#include "tz.h"

/* A new field fails to compile here until someone decides whether the
 * pages show it (and feeds it below). */
#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(struct config) == 632,
    "a field of config: do the pages show it? (export_stamp.c)");
_Static_assert(sizeof(struct plan_conf) == 64,
    "a field of plan_conf: do the pages show it? (export_stamp.c)");
_Static_assert(sizeof(struct config_alias) == 40,
    "a field of config_alias: feed it (export_stamp.c)");
_Static_assert(sizeof(struct judgement_conf) == 32,
    "a field of judgement_conf: feed it (export_stamp.c)");
_Static_assert(sizeof(struct html_feed) == 56,
    "a field of html_feed: feed it (export_stamp.c)");
_Static_assert(sizeof(struct obs_revision) == 112,
    "a field of obs_revision: feed it (export_stamp.c)");
_Static_assert(sizeof(struct obs_entered) == 48,
    "a field of obs_entered: feed it (export_stamp.c)");
_Static_assert(
    sizeof(struct note) == 80, "a field of note: feed it (export_stamp.c)");
_Static_assert(sizeof(struct html_document) == 608,
    "a field of html_document: feed it (export_stamp.c)");
#endif

static void
stamp_names(struct stamp *s, char *const names[LOCALE_COUNT])
{
	for (int l = 0; l < LOCALE_COUNT; l++)
		stamp_str(s, names[l]);
}

static void
stamp_aliases(struct stamp *s, const struct config_alias *a, size_t n)
{
	stamp_int(s, (int64_t)n);
	for (size_t i = 0; i < n; i++) {
		stamp_str(s, a[i].key);
		stamp_names(s, a[i].names);
	}
}

uint64_t
export_stamp_site(const struct config *c, const struct html_document *docs,
    size_t ndocs, time_t at)
{
	struct stamp s;
	char day[32];

	stamp_init(&s);
	stamp_int(&s, EXPORT_STAMP_VERSION);
	stamp_int(&s, CHART_STAMP_VERSION);
	stamp_str(&s, c->locale);
	stamp_str(&s, chart_other_lang(c));
	stamp_int(&s, c->graph_width);
	stamp_int(&s, c->graph_height);
	stamp_int(&s, c->wall_refresh);
	stamp_int(&s, c->dashboard_refresh);
	stamp_double(&s, c->revision_tolerance);
	stamp_str(&s, c->dashboard_url);
	stamp_str(&s, c->plan_name);
	stamp_names(&s, c->plan_names);
	stamp_int(&s, (int64_t)c->nplans);
	for (size_t p = 0; p < c->nplans; p++) {
		stamp_str(&s, c->plans[p].id);
		stamp_str(&s, c->plans[p].name);
		stamp_names(&s, c->plans[p].names);
		stamp_int(&s, c->plans[p].from);
		stamp_int(&s, c->plans[p].to);
	}
	stamp_aliases(&s, c->chapters, c->nchapters);
	stamp_aliases(&s, c->bureaus, c->nbureaus);
	stamp_str(&s, c->timezone);
	stamp_int(&s, c->judgement.vocabulary);
	stamp_double(&s, c->judgement.nearly_reach);
	stamp_double(&s, c->judgement.nearly_growth);
	stamp_double(&s, c->judgement.nearly_rule);
	stamp_int(&s, (int64_t)c->nindicators);
	stamp_int(&s, (int64_t)ndocs);
	for (size_t d = 0; d < ndocs; d++) {
		stamp_str(&s, docs[d].stem);
		stamp_str(&s, docs[d].title);
		stamp_str(&s, docs[d].plan);
	}
	tz_date(c->tz, at, day, sizeof(day));
	stamp_str(&s, day);
	return s.h;
}

static void
stamp_revisions(struct stamp *s, const struct obs_revisions *r)
{
	stamp_int(s, (int64_t)r->n);
	for (size_t k = 0; k < r->n; k++) {
		const struct obs_revision *v = &r->v[k];

		stamp_int(s, v->period.freq);
		stamp_int(s, v->period.year);
		stamp_int(s, v->period.sub);
		stamp_double(s, v->old_value);
		stamp_double(s, v->new_value);
		stamp_int(s, v->old_mark);
		stamp_int(s, v->new_mark);
		stamp_int(s, v->fetched);
		stamp_str(s, v->collector);
	}
	stamp_int(s, (int64_t)r->nentered);
	for (size_t k = 0; k < r->nentered; k++) {
		const struct obs_entered *e = &r->entered[k];

		stamp_int(s, e->period.freq);
		stamp_int(s, e->period.year);
		stamp_int(s, e->period.sub);
		stamp_int(s, e->at);
		stamp_str(s, e->by);
		stamp_str(s, e->source);
		stamp_str(s, e->note);
	}
}

static void
stamp_notes(struct stamp *s, const struct note_list *l)
{
	stamp_int(s, l != NULL ? (int64_t)l->n : -1);
	for (size_t k = 0; l != NULL && k < l->n; k++) {
		const struct note *n = &l->v[k];

		stamp_int(s, n->nid);
		stamp_int(s, n->from.freq);
		stamp_int(s, n->from.year);
		stamp_int(s, n->from.sub);
		stamp_int(s, n->to.freq);
		stamp_int(s, n->to.year);
		stamp_int(s, n->to.sub);
		stamp_str(s, n->text);
		stamp_str(s, n->by);
		stamp_int(s, n->at);
		stamp_int(s, n->removed);
		stamp_str(s, n->removed_by);
		stamp_int(s, n->removed_at);
	}
}

static void
stamp_feed(struct stamp *s, const struct html_feed *f)
{
	stamp_int(s, f != NULL);
	if (f == NULL)
		return;
	stamp_int(s, f->last_fetch);
	stamp_int(s, f->error);
	stamp_str(s, f->why);
	stamp_str(s, f->storage_err);
	stamp_str(s, f->aside);
	stamp_int(s, f->aside_at);
	stamp_str(s, f->journal_err);
}

uint64_t
export_stamp_page(
    const struct config *c, const struct stored *st, size_t i, uint64_t site)
{
	const struct indicator_conf *ic = &c->indicators[i];
	struct stamp s;

	stamp_init(&s);
	stamp_fold(&s, site);
	chart_stamp_indicator(&s, ic);
	chart_stamp_judgements(&s, st->j[i], ic->ntargets);
	chart_stamp_obs(&s, &st->obs[i]);
	for (size_t t = 0; t < ic->ntargets; t++) {
		size_t r = ic->targets[t].rate_indicator_index;

		chart_stamp_obs(&s,
		    ic->targets[t].rate_indicator != NULL && r < c->nindicators
			? &st->obs[r]
			: NULL);
	}
	stamp_revisions(&s, &st->revs[i]);
	stamp_notes(&s, st->notes != NULL ? &st->notes[i] : NULL);
	return s.h;
}

void
export_stamp_row(struct stamp *s, uint64_t page, const struct html_feed *f)
{
	stamp_fold(s, page);
	stamp_feed(s, f);
}
