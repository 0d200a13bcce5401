/*
 * html_lang: the language of the dashboard's pages.  On the server a page
 * is in the language its ?lang= asks (zh-CN or en; none: the
 * configuration's), every link inside it keeps that parameter, and a
 * switch at its top leads to the same page in the other language.  The
 * static export writes the configuration's language at its root and the
 * other under <dir>/en/ (or <dir>/zh-CN/), the same files in the same
 * folders, sharing the root's charts and downloads; the switch links the
 * two trees.
 */
#ifndef PLANWATCH_HTML_LANG_H
#define PLANWATCH_HTML_LANG_H

#include <stdbool.h>
#include <stdio.h>

#include "html.h"
#include "report.h"

/* "en" for zh-CN, "zh-CN" for en. */
const char *html_lang_other(const char *locale);
/*
 * Writes the switch to the same page in the other language than in's.
 * On the server path is the page's ("/", "/indicator/gdp", "/wall") and
 * query the parameters it keeps, escaped for an attribute, each followed
 * by "&amp;" ("" for none); in files mode path is the page's file from
 * the tree's root ("index.html", "group/2.html").
 */
void html_lang_switch(FILE *out, const struct report_input *in,
    const struct html_site *site, const char *path, const char *query);
/*
 * The switch of a dashboard page filtered by f: the same filters (the
 * export's chapter and bureau pages by their numbers).
 */
void html_lang_switch_dashboard(FILE *out, const struct report_input *in,
    const struct html_site *site, const struct html_filter *f);
/* The language of in's charts when it is not the configuration's (drawn
 * so only when the configuration translates anything: graphs/chart.h);
 * else NULL. */
const char *html_lang_charts(const struct report_input *in);
/* Appends the language asked to a server link: "?lang=en" when first
 * (no query yet), "&amp;lang=en" otherwise; nothing in files mode or
 * when none was asked. */
void html_lang_keep(FILE *out, const struct html_site *site, bool first);
/* From a page of the second tree, the way up to the first tree's shared
 * files (its graph/ and downloads): "../"; "" anywhere else. */
const char *html_lang_shared(const struct html_site *site);
/*
 * Reads ?lang=: 0 with *lang the locale's name (static), or -1 with err
 * naming the parameter and the values it takes.
 */
int html_lang_parse(
    const char *value, const char **lang, char *err, size_t errlen);

#endif
