/*
 * html_periods: the indicator page's table of periods (html_indicator).
 */
#ifndef PLANWATCH_HTML_PERIODS_H
#define PLANWATCH_HTML_PERIODS_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/*
 * Writes indicator i's table of periods, newest first: actual, its mark
 * (revs: its revisions, or NULL), planned by the first target, the growth
 * a growth target is judged on beside its floor, and the annual targets
 * with each year's verdict, a year with an annual target and no value
 * yet in a row of its own.
 */
void html_periods(const struct report_input *in,
    const struct obs_revisions *revs, size_t i, bool zh, FILE *out);

#endif
