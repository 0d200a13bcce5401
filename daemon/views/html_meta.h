/*
 * html_meta: what an indicator page tells about the indicator besides its
 * numbers — its definition, unit, chapter and bureau, source (linked),
 * whether its figures are published, its method, the plan's words and
 * line — and its series as CSV for download.
 */
#ifndef PLANWATCH_HTML_META_H
#define PLANWATCH_HTML_META_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "obs.h"

/* Writes the page's "about" section for ic; csv_href: the download link. */
void html_meta(
    FILE *out, const struct indicator_conf *ic, const char *csv_href, bool zh);
/*
 * Writes obs as CSV: the header "period,value,mark,revised" and one row
 * per observation, the period canonical (period_format), the value with
 * the fewest digits that read back the same, its mark as shown
 * (marks_shown, obs_mark_name) and "yes" when revs (may be NULL) holds a
 * new value of its period, else "no".  None needs quoting.  -1 on a
 * write error.
 */
int html_series_csv(const struct indicator_conf *ic, const struct obs_list *obs,
    const struct obs_revisions *revs, FILE *out);

#endif
