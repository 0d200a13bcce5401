/*
 * html_rollup: the dashboard's roll-up of the pairs it shows (the badge
 * and counts of a filtered page are of its own targets, not the plan's)
 * and its tables per chapter and per bureau, each name a link to its
 * page.
 */
#ifndef PLANWATCH_HTML_ROLLUP_H
#define PLANWATCH_HTML_ROLLUP_H

#include <stdio.h>

#include "evaluate.h"
#include "html.h"
#include "report.h"

/* Rolls up into r the pairs f shows; -1 on ENOMEM (r to be cleared). */
int html_rollup_shown(const struct report_input *in,
    const struct html_filter *f, struct rollup *r);
/*
 * The tables of r per chapter and per bureau (the one f narrows the page
 * to left out): name (a link to its page), badge, targets, counts.
 */
void html_rollup_tables(const struct report_input *in,
    const struct html_site *site, const struct html_filter *f,
    const struct rollup *r, FILE *out);

#endif
