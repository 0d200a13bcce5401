/*
 * evaldoc: the plan office's own documents (issue 20): the annual
 * monitoring analysis (年度监测分析), the mid-term evaluation (中期评估)
 * and the final evaluation (总结评估), as one model of rows, columns,
 * counts and words that every format lays out the same way: the PDF
 * (graphs/evaldoc_pdf.c), the workbook (cmd/report_xlsx.c) and the page
 * (evaldoc_html.c).  Pure: built from eval's report input (judgements as
 * of the document's date); every status in words comes from explain*.c.
 */
#ifndef PLANWATCH_EVALDOC_H
#define PLANWATCH_EVALDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "evaluate.h"
#include "report.h"

enum evaldoc_kind {
	EVALDOC_ANNUAL, /* one year, as of its figures' publication */
	EVALDOC_MIDTERM, /* as of the plan's middle */
	EVALDOC_FINAL, /* the plan's whole period, as of now */
};

/*
 * The indicator table's columns, in order.  Issue 20 items 1 and 2 add
 * their columns here (binding or anticipatory after the unit, each
 * year's annual target beside its actual): one entry in the column
 * list that evaldoc_build makes, and its text and number below, and
 * every format shows them.
 */
enum evaldoc_col {
	EVALDOC_COL_INDICATOR,
	EVALDOC_COL_UNIT,
	EVALDOC_COL_BASELINE,
	EVALDOC_COL_TARGET,
	EVALDOC_COL_ACTUAL, /* one per year (its year) */
	EVALDOC_COL_GROWTH, /* average growth since the baseline, % */
	EVALDOC_COL_VERDICT,
	EVALDOC_COL_OWNER,
	EVALDOC_COL_NOTE,
	/* 约束性 / 预期性: only when some indicator says which (nature:) */
	EVALDOC_COL_NATURE,
	/* the year's annual target (年度目标) and whether it was met, one
	 * per year beside its actual: only when some target has annual: */
	EVALDOC_COL_ANNUAL,
};

/* A cell's verdict mark: an annual target met or not (✓ / ✗). */
enum evaldoc_mark {
	EVALDOC_MARK_NONE, /* no mark: not an annual target, or no value */
	EVALDOC_MARK_MET,
	EVALDOC_MARK_NOT_MET,
};

struct evaldoc_column {
	enum evaldoc_col what;
	int year; /* EVALDOC_COL_ACTUAL, EVALDOC_COL_ANNUAL */
};

/* One target of one indicator: a row of its chapter's table. */
struct evaldoc_row {
	size_t ind, tgt;
	size_t chapter; /* index into chapters */
};

/* A category of the verdict counts: its words and how many pairs. */
struct evaldoc_count {
	const char *label;
	enum status status;
	bool final;
	int n;
};

#define EVALDOC_COLS_MAX 32
#define EVALDOC_COUNTS_MAX (2 * STATUS_COUNT)

struct evaldoc {
	enum evaldoc_kind kind;
	int year; /* annual: the year analysed */
	const struct report_input *in; /* borrowed */
	const char *locale;
	bool zh;
	int first_year, last_year; /* the plan's years */
	/* plans: the plan documented (in->plan, else the one shown at the
	 * document's date), its targets the rows; NULL without plans:. */
	const struct plan_conf *documented;
	time_t at; /* the date judged as of */
	struct evaldoc_column cols[EVALDOC_COLS_MAX];
	size_t ncols;
	const char **chapters; /* borrowed names; "" for no chapter */
	size_t nchapters;
	struct evaldoc_row *rows; /* by chapter, then configuration order */
	size_t nrows;
	size_t *behind; /* rows whose status is a problem, worst first */
	size_t nbehind;
	struct evaldoc_count counts[EVALDOC_COUNTS_MAX];
	size_t ncounts;
	struct rollup_row plan; /* every row's status */
	enum status overall;
	bool overall_final;
};

/* "annual", "midterm", "final" into *k; -1 for anything else. */
int evaldoc_kind_parse(const char *s, enum evaldoc_kind *k);
/* The kind as written on the command line and in file names. */
const char *evaldoc_kind_name(enum evaldoc_kind k);
/*
 * The plan's years: from the year after the earliest baseline to the
 * latest deadline ("to") of any target.  -1 when no target has both.
 */
int evaldoc_plan_years(const struct config *c, int *first, int *last);
/* The years of plan p (plans:), or evaldoc_plan_years when p is NULL. */
int evaldoc_years(
    const struct config *c, const struct plan_conf *p, int *first, int *last);
/*
 * The date a document is judged as of (the last second of a UTC day):
 * annual, the end of year plus the longest publication lag of the
 * indicators (stale_after), or now when that is later than now; midterm,
 * the plan's middle day; final, now.
 */
time_t evaldoc_asof(
    const struct config *c, enum evaldoc_kind k, int year, time_t now);
/*
 * The date document k (of year, for annual) of plan p (NULL: the one
 * plan) has come, unlike evaldoc_asof not moved back to now: annual, as
 * evaldoc_asof; midterm, the plan's middle day; final, the first second
 * after the plan's last year.  0 when the plan has no years.
 */
time_t evaldoc_plan_date(const struct config *c, const struct plan_conf *p,
    enum evaldoc_kind k, int year);
/* evaldoc_asof of the documents of plan p (NULL: as evaldoc_asof). */
time_t evaldoc_plan_asof(const struct config *c, const struct plan_conf *p,
    enum evaldoc_kind k, int year, time_t now);
/* The name of the plan documented in the document's language, or NULL. */
const char *evaldoc_plan_name(const struct evaldoc *doc);
/* True when indicator i has a row in the document (a target of its
 * plan). */
bool evaldoc_has_indicator(const struct evaldoc *doc, size_t i);
/* Builds the model of in (judged as of its asof); -1 on ENOMEM. */
int evaldoc_build(const struct report_input *in, enum evaldoc_kind k, int year,
    struct evaldoc *doc);
void evaldoc_free(struct evaldoc *doc);
/* The document's title ("2023 年度监测分析", "Final evaluation"). */
void evaldoc_title(const struct evaldoc *doc, char *buf, size_t len);
/* The file name stem: "annual-2023", "midterm", "final"; with several
 * plans, the plan's id after a dash ("final-p14"). */
void evaldoc_stem(const struct evaldoc *doc, char *buf, size_t len);

/* The document's sections, in order (the contents page lists them). */
enum evaldoc_section {
	EVALDOC_SEC_VERDICT,
	EVALDOC_SEC_TABLE,
	EVALDOC_SEC_BEHIND,
	EVALDOC_SEC_NOTES,
	EVALDOC_SECTIONS,
};
/* A section's heading in the document's locale. */
const char *evaldoc_section_name(const struct evaldoc *doc, int s);
/* Fixed words: "contents", "as of", "page", "overall", "rule". */
const char *evaldoc_word(const struct evaldoc *doc, const char *key);
/* A column's heading ("2023 实际", "平均增速 (%)"). */
void evaldoc_head(const struct evaldoc *doc, size_t col, char *buf, size_t len);
/* True, with *v, when a cell is a number (the workbook's numbers). */
bool evaldoc_number(
    const struct evaldoc *doc, size_t row, size_t col, double *v);
/* The cell as text (numbers as explain_value writes them). */
void evaldoc_text(
    const struct evaldoc *doc, size_t row, size_t col, char *buf, size_t len);
/* The explanation of a row's judgement (explain_judgement). */
void evaldoc_explain(
    const struct evaldoc *doc, size_t row, char *buf, size_t len);
/*
 * The notes on the record of row's indicator within the document's
 * years ("[1] 2022: text; [2] 2021..2023: text"), "" when none.
 */
void evaldoc_row_notes(
    const struct evaldoc *doc, size_t row, char *buf, size_t len);
/*
 * The data note of indicator i: its source, its values by mark within
 * the plan's years ("公布 5、示例 2"), and the revisions journaled after
 * since (the previous document's date; 0: all).
 */
void evaldoc_note(
    const struct evaldoc *doc, size_t i, time_t since, char *buf, size_t len);
/* The date of the document of the same plan before this one, or 0. */
time_t evaldoc_previous(const struct evaldoc *doc);
/* Whether some row's target has annual targets (evaldoc_annual.c). */
bool evaldoc_any_annual(const struct evaldoc *doc);
/* True, with *r, when row's target has an annual target for year. */
bool evaldoc_annual(
    const struct evaldoc *doc, size_t row, int year, struct annual_result *r);
/* The mark of a cell: met or not for an annual target's cell. */
enum evaldoc_mark evaldoc_mark(
    const struct evaldoc *doc, size_t row, size_t col);
/* The whole document as one HTML page (evaldoc_html.c); -1 on ENOMEM. */
int evaldoc_html(const struct evaldoc *doc, FILE *out);

#endif
