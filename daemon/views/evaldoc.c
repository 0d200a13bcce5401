/*
 * evaldoc: the model of the plan office's documents (evaldoc.h): which
 * years, chapters, rows and columns they show, the verdict counts in the
 * plan's words, the targets behind schedule, and every cell as text and,
 * where it is one, as a number.  The layouts (PDF, workbook, page) only
 * place what this decides, so the three say the same.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asof.h"
#include "config_plans.h"
#include "config_text.h"
#include "evaldoc.h"
#include "explain.h"
#include "marks.h"
#include "status_style.h"

static const char *const kind_names[] = {"annual", "midterm", "final"};

int
evaldoc_kind_parse(const char *s, enum evaldoc_kind *k)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum evaldoc_kind)i;
			return 0;
		}
	return -1;
}

const char *
evaldoc_kind_name(enum evaldoc_kind k)
{
	return kind_names[k];
}

/* The first year a target counts and its last, or 0 where it has none. */
static void
target_years(const struct target_conf *t, int *first, int *last)
{
	bool based = t->kind == TARGET_REACH ||
	    (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR);

	*first = based ? t->baseline_period.year + 1
		       : (t->has_from ? t->from.year : 0);
	*last = based ? t->target_period.year : (t->has_to ? t->to.year : 0);
}

int
evaldoc_plan_years(const struct config *c, int *first, int *last)
{
	int lo = INT32_MAX, hi = 0, based_lo = INT32_MAX;

	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		for (size_t t = 0; t < ic->ntargets; t++) {
			const struct target_conf *tc = &ic->targets[t];
			int f, l;

			target_years(tc, &f, &l);
			if (f <= 0 || l <= 0)
				continue;
			lo = f < lo ? f : lo;
			hi = l > hi ? l : hi;
			if (tc->kind != TARGET_FLOOR &&
			    tc->kind != TARGET_CEILING && f < based_lo)
				based_lo = f;
		}
	}
	/* A bound may be planned from before the plan (a rank kept since
	 * 2015): the plan starts where its paths do, when it has any. */
	if (based_lo != INT32_MAX)
		lo = based_lo;
	if (hi == 0 || lo > hi)
		return -1;
	*first = lo;
	*last = hi;
	return 0;
}

/* The last second of t's UTC day. */
static time_t
day_end(time_t t)
{
	char day[16];
	time_t end = t;

	asof_day_text(t, day, sizeof(day));
	(void)asof_parse_day(day, &end);
	return end;
}

static time_t
year_end(int year)
{
	struct period p = {.freq = FREQ_ANNUAL, .year = year};

	return period_end(&p) - 1;
}

int
evaldoc_years(
    const struct config *c, const struct plan_conf *p, int *first, int *last)
{
	if (p == NULL)
		return evaldoc_plan_years(c, first, last);
	*first = (int)p->from;
	*last = (int)p->to;
	return 0;
}

time_t
evaldoc_asof(const struct config *c, enum evaldoc_kind k, int year, time_t now)
{
	return evaldoc_plan_asof(c, NULL, k, year, now);
}

time_t
evaldoc_plan_date(const struct config *c, const struct plan_conf *p,
    enum evaldoc_kind k, int year)
{
	int first = 0, last = 0;

	if (k == EVALDOC_ANNUAL) {
		double lag = 0;

		for (size_t i = 0; i < c->nindicators; i++)
			if (c->indicators[i].stale_after > lag)
				lag = c->indicators[i].stale_after;
		return day_end(year_end(year) + (time_t)lag);
	}
	if (evaldoc_years(c, p, &first, &last) != 0)
		return 0;
	if (k == EVALDOC_MIDTERM) {
		time_t a = year_end(first - 1) + 1, b = year_end(last);

		return day_end(a + (b - a) / 2);
	}
	return year_end(last) + 1;
}

time_t
evaldoc_plan_asof(const struct config *c, const struct plan_conf *p,
    enum evaldoc_kind k, int year, time_t now)
{
	time_t today = day_end(now), at = today;

	/* The final evaluation is of the whole period as it stands now. */
	if (k != EVALDOC_FINAL && evaldoc_plan_date(c, p, k, year) != 0)
		at = evaldoc_plan_date(c, p, k, year);
	return at < today ? at : today;
}

/* The value of ind's series (or a row's) in year y: its last period. */
static bool
year_value(const struct obs_list *l, int y, double *v)
{
	bool found = false;

	for (size_t i = 0; l != NULL && i < l->n; i++)
		if (l->v[i].period.year == y && !isnan(l->v[i].value)) {
			*v = l->v[i].value;
			found = true;
		}
	return found;
}

static const struct judgement *
row_j(const struct evaldoc *doc, const struct evaldoc_row *r)
{
	return &doc->in->j[r->ind][r->tgt];
}

static const struct target_conf *
row_t(const struct evaldoc *doc, const struct evaldoc_row *r)
{
	return &doc->in->conf->indicators[r->ind].targets[r->tgt];
}

/* Whether row a goes after row b: a later chapter, or in one chapter an
 * indicator that is not binding after one that is. */
static bool
row_after(const struct evaldoc *doc, size_t a, size_t b)
{
	const struct evaldoc_row *ra = &doc->rows[a], *rb = &doc->rows[b];
	const struct indicator_conf *ind = doc->in->conf->indicators;

	if (ra->chapter != rb->chapter)
		return ra->chapter > rb->chapter;
	return ind[ra->ind].nature != NATURE_BINDING &&
	    ind[rb->ind].nature == NATURE_BINDING;
}

static int
add_chapter(struct evaldoc *doc, const char *name, size_t *at)
{
	const char **v;

	for (size_t i = 0; i < doc->nchapters; i++)
		if (strcmp(doc->chapters[i], name) == 0) {
			*at = i;
			return 0;
		}
	v = realloc(doc->chapters, (doc->nchapters + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	doc->chapters = v;
	v[doc->nchapters] = name;
	*at = doc->nchapters++;
	return 0;
}

/* Whether target t is of the plan documented (any, without plans:). */
static bool
in_document(const struct evaldoc *doc, const struct target_conf *t)
{
	const struct config *c = doc->in->conf;

	return doc->documented == NULL ||
	    t->plan == (size_t)(doc->documented - c->plans);
}

bool
evaldoc_has_indicator(const struct evaldoc *doc, size_t i)
{
	const struct indicator_conf *ic = &doc->in->conf->indicators[i];

	for (size_t t = 0; t < ic->ntargets; t++)
		if (in_document(doc, &ic->targets[t]))
			return true;
	return false;
}

const char *
evaldoc_plan_name(const struct evaldoc *doc)
{
	if (doc->documented != NULL)
		return config_plan_name(doc->documented, doc->locale);
	return plan_title(doc->in->conf, doc->locale);
}

/* Every target of the plan documented a row, grouped by chapter in their
 * order of appearance. */
static int
build_rows(struct evaldoc *doc)
{
	const struct config *c = doc->in->conf;
	size_t n = 0;

	for (size_t i = 0; i < c->nindicators; i++)
		n += c->indicators[i].ntargets;
	if (n > 0 && (doc->rows = calloc(n, sizeof(*doc->rows))) == NULL)
		return -1;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		size_t ch;

		if (!evaldoc_has_indicator(doc, i))
			continue;
		/* Chapters by their name in the document's language. */
		if (add_chapter(doc,
			ic->group != NULL
			    ? chapter_name(c, ic->group, doc->locale)
			    : "",
			&ch) != 0)
			return -1;
		for (size_t t = 0; t < ic->ntargets; t++)
			if (in_document(doc, &ic->targets[t]))
				doc->rows[doc->nrows++] = (struct evaldoc_row){
				    .ind = i, .tgt = t, .chapter = ch};
	}
	/* Stable: by chapter, binding targets first inside one (the plan
	 * lists them first), else the configuration's order. */
	for (size_t a = 1; a < doc->nrows; a++)
		for (size_t b = a; b > 0 && row_after(doc, b - 1, b); b--) {
			struct evaldoc_row tmp = doc->rows[b];

			doc->rows[b] = doc->rows[b - 1];
			doc->rows[b - 1] = tmp;
		}
	return 0;
}

/* The verdict counts, best first, one category per distinct label. */
static void
count_categories(struct evaldoc *doc)
{
	for (int s = STATUS_COUNT - 1; s >= 0; s--) {
		for (size_t r = 0; r < doc->nrows; r++) {
			const struct judgement *j = row_j(doc, &doc->rows[r]);
			const char *label;
			size_t k;

			if ((int)j->status != s)
				continue;
			label = explain_status_of(
			    row_t(doc, &doc->rows[r]), j, doc->locale);
			for (k = 0; k < doc->ncounts; k++)
				if (strcmp(doc->counts[k].label, label) == 0)
					break;
			if (k == doc->ncounts && k < EVALDOC_COUNTS_MAX)
				doc->counts[doc->ncounts++] =
				    (struct evaldoc_count){.label = label,
					.status = j->status,
					.final = j->final};
			if (k < doc->ncounts)
				doc->counts[k].n++;
		}
	}
}

/* Rows worse than on track (nearly met too), worst first. */
static int
find_behind(struct evaldoc *doc)
{
	if (doc->nrows > 0 &&
	    (doc->behind = calloc(doc->nrows, sizeof(*doc->behind))) == NULL)
		return -1;
	for (int s = 0; s < STATUS_ON_TRACK; s++)
		for (size_t r = 0; r < doc->nrows; r++)
			if ((int)row_j(doc, &doc->rows[r])->status == s)
				doc->behind[doc->nbehind++] = r;
	return 0;
}

/* Whether any row has a value in year y. */
static bool
year_has_data(const struct evaldoc *doc, int y)
{
	double v;

	for (size_t r = 0; r < doc->nrows; r++)
		if (year_value(&doc->in->obs[doc->rows[r].ind], y, &v))
			return true;
	return false;
}

/* Whether an indicator of the document says binding or anticipatory. */
static bool
any_nature(const struct evaldoc *doc)
{
	for (size_t r = 0; r < doc->nrows; r++)
		if (doc->in->conf->indicators[doc->rows[r].ind].nature !=
		    NATURE_UNSTATED)
			return true;
	return false;
}

static void
build_columns(struct evaldoc *doc)
{
	static const enum evaldoc_col head[] = {EVALDOC_COL_INDICATOR,
	    EVALDOC_COL_UNIT, EVALDOC_COL_BASELINE, EVALDOC_COL_TARGET};
	static const enum evaldoc_col tail[] = {EVALDOC_COL_GROWTH,
	    EVALDOC_COL_VERDICT, EVALDOC_COL_OWNER, EVALDOC_COL_NOTE};
	int last = doc->last_year, at_year = last;
	struct period now;
	bool annual;

	if (period_at(doc->at, FREQ_ANNUAL, &now) == 0)
		at_year = now.year;
	if (doc->kind == EVALDOC_ANNUAL)
		last = doc->year;
	else if (at_year < last)
		last = at_year;
	while (last >= doc->first_year && doc->kind != EVALDOC_ANNUAL &&
	    !year_has_data(doc, last))
		last--;
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
		doc->cols[doc->ncols++] = (struct evaldoc_column){head[i], 0};
		if (head[i] == EVALDOC_COL_UNIT && any_nature(doc))
			doc->cols[doc->ncols++] =
			    (struct evaldoc_column){EVALDOC_COL_NATURE, 0};
	}
	annual = evaldoc_any_annual(doc);
	/* Room for the tail and each year's one or two columns. */
	for (int y = doc->first_year;
	     y <= last && doc->ncols + 2 + 4 <= EVALDOC_COLS_MAX; y++) {
		doc->cols[doc->ncols++] =
		    (struct evaldoc_column){EVALDOC_COL_ACTUAL, y};
		if (annual)
			doc->cols[doc->ncols++] =
			    (struct evaldoc_column){EVALDOC_COL_ANNUAL, y};
	}
	for (size_t i = 0; i < sizeof(tail) / sizeof(tail[0]); i++)
		doc->cols[doc->ncols++] = (struct evaldoc_column){tail[i], 0};
}

int
evaldoc_build(const struct report_input *in, enum evaldoc_kind k, int year,
    struct evaldoc *doc)
{
	*doc = (struct evaldoc){.kind = k,
	    .year = year,
	    .in = in,
	    .locale = report_locale(in),
	    .at = in->at};
	doc->zh = doc->locale != NULL && strncmp(doc->locale, "zh", 2) == 0;
	if (in->plan != NULL)
		doc->documented = in->plan;
	else if (in->conf->nplans > 0)
		doc->documented =
		    &in->conf->plans[config_plan_at(in->conf, in->at, NULL)];
	if (evaldoc_years(in->conf, doc->documented, &doc->first_year,
		&doc->last_year) != 0) {
		doc->first_year = doc->last_year = year;
	}
	if (build_rows(doc) != 0 || find_behind(doc) != 0)
		goto fail;
	doc->plan = (struct rollup_row){0};
	for (size_t r = 0; r < doc->nrows; r++) {
		const struct judgement *j = row_j(doc, &doc->rows[r]);

		doc->plan.counts[j->status]++;
		doc->plan.total++;
		doc->plan.overdue += j->stale;
		doc->plan.finals += j->final;
		doc->plan.met_final += j->final && j->status == STATUS_MET;
	}
	doc->overall = rollup_status(&doc->plan);
	doc->overall_final = rollup_final(&doc->plan);
	count_categories(doc);
	build_columns(doc);
	return 0;
fail:
	evaldoc_free(doc);
	return -1;
}

void
evaldoc_free(struct evaldoc *doc)
{
	free(doc->chapters);
	free(doc->rows);
	free(doc->behind);
	doc->chapters = NULL;
	doc->rows = NULL;
	doc->behind = NULL;
	doc->nrows = doc->nchapters = doc->nbehind = 0;
}
