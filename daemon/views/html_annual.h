/*
 * html_annual: what the indicator page says of annual targets and of the
 * plan's mark: the value table's 年度目标 and 年度结论 columns, and the
 * line "约束性指标" / "预期性指标".
 */
#ifndef PLANWATCH_HTML_ANNUAL_H
#define PLANWATCH_HTML_ANNUAL_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/* The annual columns of indicator i's table: its first target's annual
 * targets judged (none when t is NULL). */
struct annual_column {
	const struct target_conf *t;
	const char *unit; /* of the values judged */
	struct annual_result r[ANNUAL_MAX];
	size_t n;
};

/* Judges the annual targets of indicator i's first target that has any. */
void annual_column_init(
    const struct report_input *in, size_t i, struct annual_column *a);
/* The two header cells, when a has a target. */
void annual_column_head(const struct annual_column *a, bool zh, FILE *out);
/* The two cells of period p's row, when a has a target: the year's
 * target, and met ✓ / not met ✗ with the gap (empty for other years). */
void annual_column_cells(
    const struct annual_column *a, const struct period *p, bool zh, FILE *out);
/*
 * Rows for the years of a's annual targets after year after and before
 * year before that have no value in o (newest first): the year, empty
 * cells others cells wide, then the year's target (no verdict yet).
 */
void annual_column_blank_rows(const struct annual_column *a,
    const struct obs_list *o, int after, int before, int others, bool zh,
    FILE *out);
/* "<p class="nature">约束性指标</p>", nothing when unstated. */
void html_nature(FILE *out, enum nature nature, bool zh);

#endif
