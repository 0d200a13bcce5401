/*
 * evaldoc_cells: the words of the plan office's documents (evaldoc.h):
 * their titles, section headings and column headings in the configured
 * locale, and every cell of the indicator table as text and as a number.
 * Statuses are named only by explain*.c.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "asof.h"
#include "config_text.h"
#include "evaldoc.h"
#include "notes_view.h"
#include "explain.h"
#include "marks.h"
#include "status_style.h"

void
evaldoc_title(const struct evaldoc *doc, char *buf, size_t len)
{
	switch (doc->kind) {
	case EVALDOC_ANNUAL:
		snprintf(buf, len,
		    doc->zh ? "%d 年度监测分析报告"
			    : "Annual monitoring analysis %d",
		    doc->year);
		break;
	case EVALDOC_MIDTERM:
		snprintf(buf, len, "%s",
		    doc->zh ? "中期评估报告" : "Mid-term evaluation");
		break;
	default:
		snprintf(buf, len, "%s",
		    doc->zh ? "总结评估报告" : "Final evaluation");
		break;
	}
}

void
evaldoc_stem(const struct evaldoc *doc, char *buf, size_t len)
{
	const char *id = doc->documented != NULL && doc->in->conf->nplans > 1
	    ? doc->documented->id
	    : NULL;

	if (doc->kind == EVALDOC_ANNUAL)
		snprintf(buf, len, "annual-%d%s%s", doc->year, id ? "-" : "",
		    id ? id : "");
	else
		snprintf(buf, len, "%s%s%s", evaldoc_kind_name(doc->kind),
		    id ? "-" : "", id ? id : "");
}

const char *
evaldoc_section_name(const struct evaldoc *doc, int s)
{
	static const char *const zh[] = {"一、总体评价", "二、主要指标完成情况",
	    "三、滞后指标及原因", "四、数据说明"};
	static const char *const en[] = {"1. Overall verdict",
	    "2. The indicators by chapter", "3. Indicators behind schedule",
	    "4. Notes on the data"};

	return s >= 0 && s < EVALDOC_SECTIONS ? (doc->zh ? zh : en)[s] : "";
}

/* Fixed words by key, zh and en. */
static const struct {
	const char *key, *zh, *en;
} words[] = {
    {"contents", "目录", "Contents"},
    {"asof", "评估时点", "As of"},
    {"overall", "总体评价", "Overall"},
    {"category", "类别", "Category"},
    {"count", "指标数", "Targets"},
    {"total", "合计", "Total"},
    {"none_behind", "无滞后指标。", "No indicator is behind schedule."},
    {"no_chapter", "其他", "Other"},
    {"source", "来源", "Source"},
    {"summary", "汇总", "Summary"},
    {"plan", "规划", "Plan"},
    {"kind", "报告类型", "Document"},
    {"years", "规划期", "Plan period"},
    {"chapter", "篇章", "Chapter"},
    {"generated", "由 planwatch 根据监测数据生成",
	"Made by planwatch from the monitored data"},
};

const char *
evaldoc_word(const struct evaldoc *doc, const char *key)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].key, key) == 0)
			return doc->zh ? words[i].zh : words[i].en;
	return key;
}

void
evaldoc_head(const struct evaldoc *doc, size_t col, char *buf, size_t len)
{
	static const char *const zh[] = {"指标", "单位", "基期值", "目标", "",
	    "年均增速（%）", "评价", "责任单位", "备注", "属性", ""};
	static const char *const en[] = {"Indicator", "Unit", "Baseline",
	    "Target", "", "Average growth (%)", "Verdict", "Responsible",
	    "Note", "Binding?", ""};
	const struct evaldoc_column *c = &doc->cols[col];

	if (c->what == EVALDOC_COL_ACTUAL)
		snprintf(
		    buf, len, doc->zh ? "%d 年实际" : "%d actual", c->year);
	else if (c->what == EVALDOC_COL_ANNUAL)
		snprintf(
		    buf, len, doc->zh ? "%d 年目标" : "%d target", c->year);
	else
		snprintf(buf, len, "%s", (doc->zh ? zh : en)[c->what]);
}

static const struct indicator_conf *
row_ind(const struct evaldoc *doc, size_t row)
{
	return &doc->in->conf->indicators[doc->rows[row].ind];
}

static const struct target_conf *
row_target(const struct evaldoc *doc, size_t row)
{
	return &row_ind(doc, row)->targets[doc->rows[row].tgt];
}

static const struct judgement *
row_judgement(const struct evaldoc *doc, size_t row)
{
	return &doc->in->j[doc->rows[row].ind][doc->rows[row].tgt];
}

/* The last value of year y in l. */
static bool
year_value(const struct obs_list *l, int y, double *v)
{
	bool found = false;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].period.year == y && !isnan(l->v[i].value)) {
			*v = l->v[i].value;
			found = true;
		}
	return found;
}

/*
 * The value of year y of the series the row's target is judged on (its
 * last period in that year): a year-on-year growth target's growth, in
 * %, as its sentence and chart give it; else the indicator's value.
 */
static bool
actual(const struct evaldoc *doc, size_t row, int y, double *v)
{
	const struct target_conf *t = row_target(doc, row);
	const struct obs_list *l = &doc->in->obs[doc->rows[row].ind];
	struct obs_list growth = {0};
	bool found;

	if (target_judged_series(t, row_judgement(doc, row)) != JUDGED_GROWTH)
		return year_value(l, y, v);
	found = target_growth_series(l,
		    t->rate_indicator != NULL
			? &doc->in->obs[t->rate_indicator_index]
			: NULL,
		    &growth) == 0 &&
	    year_value(&growth, y, v);
	obs_list_clear(&growth);
	return found;
}

bool
evaldoc_number(const struct evaldoc *doc, size_t row, size_t col, double *v)
{
	const struct judgement *j = row_judgement(doc, row);
	const struct target_conf *t = row_target(doc, row);
	struct annual_result r;

	switch (doc->cols[col].what) {
	case EVALDOC_COL_BASELINE:
		*v = j->baseline_value;
		return !isnan(*v) &&
		    !(t->kind == TARGET_GROWTH && t->basis == BASIS_YOY);
	case EVALDOC_COL_ACTUAL:
		return actual(doc, row, doc->cols[col].year, v);
	case EVALDOC_COL_GROWTH:
		*v = j->observed_growth * 100;
		return !isnan(*v) && !isinf(*v);
	case EVALDOC_COL_ANNUAL:
		if (!evaldoc_annual(doc, row, doc->cols[col].year, &r))
			return false;
		*v = r.target;
		return true;
	default:
		return false;
	}
}

/*
 * Appends the notes on the record of row's indicator within the
 * document's years, numbered as the indicator page and the charts number
 * them.
 */
static void
notes_in_years(const struct evaldoc *doc, size_t row, char *buf, size_t len)
{
	const struct indicator_conf *ic = row_ind(doc, row);
	size_t i = (size_t)(ic - doc->in->conf->indicators);

	if (doc->in->notes != NULL)
		notes_view_cell(&doc->in->notes[i],
		    doc->kind == EVALDOC_ANNUAL ? doc->year : doc->first_year,
		    doc->kind == EVALDOC_ANNUAL ? doc->year : doc->last_year,
		    buf, len);
}

/* The note of a row: figures not published, data overdue, notes. */
static void
row_note(const struct evaldoc *doc, size_t row, char *buf, size_t len)
{
	const struct indicator_conf *ic = row_ind(doc, row);
	const char *figures = ic->figures == FIGURES_PUBLISHED
	    ? NULL
	    : explain_figures(ic->figures, doc->locale);
	char overdue[256];

	explain_overdue(
	    row_judgement(doc, row), doc->locale, overdue, sizeof(overdue));
	snprintf(buf, len, "%s%s%s", figures != NULL ? figures : "",
	    figures != NULL && overdue[0] != '\0' ? (doc->zh ? "；" : "; ")
						  : "",
	    overdue);
	notes_in_years(doc, row, buf, len);
}

void
evaldoc_row_notes(const struct evaldoc *doc, size_t row, char *buf, size_t len)
{
	buf[0] = '\0';
	notes_in_years(doc, row, buf, len);
}

void
evaldoc_text(
    const struct evaldoc *doc, size_t row, size_t col, char *buf, size_t len)
{
	const struct indicator_conf *ic = row_ind(doc, row);
	const struct target_conf *t = row_target(doc, row);
	const struct judgement *j = row_judgement(doc, row);
	double v;

	buf[0] = '\0';
	switch (doc->cols[col].what) {
	case EVALDOC_COL_INDICATOR:
		snprintf(buf, len, "%s", indicator_name(ic, doc->locale));
		break;
	case EVALDOC_COL_UNIT:
		/* The unit of the values shown: growth in %, as actual()
		 * gives it, else the indicator's. */
		snprintf(buf, len, "%s",
		    target_judged_series(t, j) == JUDGED_GROWTH
			? "%"
			: indicator_unit(ic, doc->locale));
		break;
	case EVALDOC_COL_TARGET:
		explain_target(ic, t, j, doc->locale, buf, len);
		break;
	case EVALDOC_COL_VERDICT:
		snprintf(buf, len, "%s %s", status_symbol(j->status),
		    explain_status_of(t, j, doc->locale));
		break;
	case EVALDOC_COL_OWNER:
		snprintf(buf, len, "%s",
		    indicator_owner(ic, doc->locale) != NULL
			? indicator_owner(ic, doc->locale)
			: "");
		break;
	case EVALDOC_COL_NOTE:
		row_note(doc, row, buf, len);
		break;
	case EVALDOC_COL_NATURE:
		snprintf(buf, len, "%s",
		    ic->nature == NATURE_BINDING
			? (doc->zh ? "约束性" : "binding")
			: ic->nature == NATURE_ANTICIPATORY
			? (doc->zh ? "预期性" : "anticipatory")
			: "");
		break;
	case EVALDOC_COL_ANNUAL:
		/* The year's target and, once its value is in, met or not:
		 * "6 ✓", "6 ✗" (the workbook keeps the number a number and
		 * shows the mark by its format). */
		if (evaldoc_number(doc, row, col, &v)) {
			enum evaldoc_mark m = evaldoc_mark(doc, row, col);
			char value[32];

			explain_value(v, value, sizeof(value));
			snprintf(buf, len, "%s%s", value,
			    m == EVALDOC_MARK_MET           ? " ✓"
				: m == EVALDOC_MARK_NOT_MET ? " ✗"
							    : "");
		}
		break;
	default:
		if (evaldoc_number(doc, row, col, &v))
			explain_value(v, buf, len);
		break;
	}
}

void
evaldoc_explain(const struct evaldoc *doc, size_t row, char *buf, size_t len)
{
	explain_judgement(row_ind(doc, row), row_target(doc, row),
	    row_judgement(doc, row), doc->locale, buf, len);
}

/* Appends printf output at *off, never past len. */
static void addf(char *buf, size_t len, size_t *off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
addf(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*off >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off = *off + (size_t)n < len ? *off + (size_t)n : len - 1;
}

void
evaldoc_note(
    const struct evaldoc *doc, size_t i, time_t since, char *buf, size_t len)
{
	const struct indicator_conf *ic = &doc->in->conf->indicators[i];
	const struct obs_list *l = &doc->in->obs[i];
	const struct obs_revisions *revs =
	    doc->in->revs != NULL ? &doc->in->revs[i] : NULL;
	int n[OBS_MARK_COUNT] = {0}, revised = 0;
	size_t off = 0;
	const char *sep = "";

	addf(buf, len, &off, "%s%s%s", evaldoc_word(doc, "source"),
	    doc->zh ? "：" : ": ",
	    ic->source != NULL ? ic->source
			       : (doc->zh ? "未注明" : "not said"));
	for (size_t k = 0; k < l->n; k++)
		if (l->v[k].period.year >= doc->first_year - 1)
			n[marks_shown(ic, &l->v[k])]++;
	addf(buf, len, &off, "%s", doc->zh ? "；数值：" : "; values: ");
	for (int m = 0; m < OBS_MARK_COUNT; m++) {
		const char *w = marks_word((enum obs_mark)m, doc->zh);

		if (n[m] == 0)
			continue;
		addf(buf, len, &off, "%s%s %d", sep, w[0] != '\0' ? w : "?",
		    n[m]);
		sep = doc->zh ? "、" : ", ";
	}
	for (size_t k = 0; revs != NULL && k < revs->n; k++)
		revised += revs->v[k].fetched > since;
	addf(buf, len, &off,
	    doc->zh ? "；上次报告以来修订 %d 次"
		    : "; %d revision(s) since the last report",
	    revised);
}

time_t
evaldoc_previous(const struct evaldoc *doc)
{
	const struct config *c = doc->in->conf;

	switch (doc->kind) {
	case EVALDOC_ANNUAL:
		return doc->year > doc->first_year
		    ? evaldoc_plan_asof(c, doc->documented, EVALDOC_ANNUAL,
			  doc->year - 1, doc->at)
		    : 0;
	case EVALDOC_FINAL:
		return evaldoc_plan_asof(
		    c, doc->documented, EVALDOC_MIDTERM, 0, doc->at);
	default:
		return 0;
	}
}
