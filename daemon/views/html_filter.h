/*
 * html_filter: the dashboard's filters read from a request's parameters
 * (strictly: an unknown key or a name not in the plan is refused, with
 * the parameter and what it may be), which rows a filter shows, and the
 * links to a chapter's or a bureau's page: /?group=<name> and
 * /?owner=<name> on the server, group/<n>.html and owner/<n>.html in the
 * static export, n counting the distinct chapters (bureaus) from 1 in the
 * order the configuration first names them.
 */
#ifndef PLANWATCH_HTML_FILTER_H
#define PLANWATCH_HTML_FILTER_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "html.h"
#include "target.h"

/*
 * Sets the filter of key to value (borrowed, kept in f): 0, or -1 with
 * err saying which parameter is wrong and what it may be.
 */
int html_filter_set(struct html_filter *f, const struct config *c,
    const char *key, const char *value, char *err, size_t errlen);
/* The number (from 1) of chapter (owner: bureau) name; 0 when none. */
int html_filter_index(const struct config *c, bool owner, const char *name);
/* The first indicator (i or before) naming indicator i's chapter/bureau. */
size_t html_filter_index_at(const struct config *c, bool owner, size_t i);
/* True when f narrows the page to a chapter or a bureau. */
bool html_filter_scoped(const struct html_filter *f);
/* True when f filters anything at all. */
bool html_filter_any(const struct html_filter *f);
/* True when f shows target j of ic (j NULL: ic has no target). */
bool html_filter_shows(const struct html_filter *f,
    const struct indicator_conf *ic, const struct judgement *j);
/*
 * The href of a chapter's (owner: a bureau's) page; files: the export's,
 * down: from a page one folder below its root.
 */
void html_filter_href(FILE *out, const struct config *c,
    const struct html_site *site, bool owner, const char *name);
/* name as a link to its page, named in in's language (escaped); nothing
 * when NULL. */
void html_filter_link(FILE *out, const struct report_input *in,
    const struct html_site *site, bool owner, const char *name);
/* The server's href of f's page narrowed further to key=value. */
void html_filter_status_href(
    FILE *out, const struct html_filter *f, const char *key, const char *value);
/* f's filters (not its language) as a query, each "key=value&amp;". */
void html_filter_query(FILE *out, const struct html_filter *f);
/* "Showing: bureau 区统计局 · back to the whole plan", when f filters. */
void html_filter_scope(FILE *out, const struct report_input *in,
    const struct html_filter *f, const struct html_site *site, bool zh);
/* The page of a refused filter: why (escaped), a link to the whole plan. */
int html_filter_refusal(FILE *out, const struct config *c, const char *why);

#endif
