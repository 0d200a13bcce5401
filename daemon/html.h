/*
 * html: the dashboard's pages as HTML text, written by the project (no
 * JavaScript, one small style sheet), readable on a phone and printable
 * on A4.  Pure: builds text from a report input; the web server serves it
 * and `planwatch export` (later) writes it to files.
 */
#ifndef PLANWATCH_HTML_H
#define PLANWATCH_HTML_H

#include <stdio.h>

#include "report.h"

/* Filters of the dashboard: NULL or "" shows everything. */
struct html_filter {
	const char *status; /* a status name */
	const char *owner;
};

/* Writes the dashboard: every target, the worst first. */
int html_dashboard(
    const struct report_input *in, const struct html_filter *f, FILE *out);
/* Writes the page of indicator i: chart, targets, table of periods. */
int html_indicator(const struct report_input *in, size_t i, FILE *out);

#endif
