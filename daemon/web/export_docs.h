/*
 * export_docs: the plan documents in the static export: the page of each
 * one whose date has come (planwatch report's HTML), in report/, for the
 * dashboard to link.
 */
#ifndef PLANWATCH_EXPORT_DOCS_H
#define PLANWATCH_EXPORT_DOCS_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "html.h"

#define EXPORT_DOCS_MAX 16

/*
 * Writes <dir>/report/<stem>.html for the final evaluation once the
 * plan's last year is over, the mid-term evaluation once the plan's
 * middle has passed, and each year's analysis once its figures are due,
 * each judged as of its own date; fills docs (newest first, at most
 * EXPORT_DOCS_MAX) with those written; with plans:, each plan's
 * (report/final-p14.html: evaldoc_stem).  0, or -1 (logged).
 */
int export_docs(const struct config *c, const char *dir, time_t now,
    struct html_document *docs, size_t *ndocs);

#endif
