/*
 * html: the dashboard's pages as HTML text, written by the project (no
 * JavaScript, one small style sheet), readable on a phone and printable
 * on A4.  Pure: builds text from a report input and what the site adds
 * (feed health, revisions); the web server serves it and `planwatch
 * export` writes it to files.
 */
#ifndef PLANWATCH_HTML_H
#define PLANWATCH_HTML_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "obs.h"
#include "report.h"

/*
 * Filters of the dashboard: NULL shows everything.  html_filter.h reads
 * them from a request, refusing what names nothing in the plan.
 */
struct html_filter {
	const char *status; /* a status name */
	const char *owner; /* a bureau */
	bool overdue; /* only the targets whose data is overdue */
	const char *group; /* a chapter */
	const char *lang; /* ?lang=: "zh-CN" or "en" (html_lang.h) */
};

/* An indicator's feed, as the dashboard shows it. */
struct html_feed {
	time_t last_fetch; /* 0: never fetched */
	bool error; /* the last fetch or parse failed */
	const char *why; /* its reason, or NULL */
	/* The archive is behind the journal: why; else NULL. */
	const char *storage_err;
	const char *aside; /* a damaged archive moved aside here, or NULL */
	time_t aside_at;
	/* The journal is damaged (no new value until repaired): why. */
	const char *journal_err;
};

/* What the pages link to and show beyond the report. */
/* A plan document of the export (report/<stem>.html, evaldoc.h). */
struct html_document {
	char stem[96]; /* "final", "midterm", "annual-2023", "final-p14" */
	char title[256]; /* in the configured locale */
	char plan[256]; /* its plan's name with several plans, else "" */
};

struct html_site {
	/* Static files (planwatch export): relative links to .html and
	 * .png files; else the server's paths. */
	bool files;
	const struct html_feed *feeds; /* one per indicator, or NULL */
	const struct obs_revisions *revs; /* one per indicator, or NULL */
	/* When target t of indicator i is silenced, the end of its silence;
	 * else 0.  NULL: nothing is. */
	time_t (*silenced_until)(const void *arg, size_t i, size_t t);
	const void *arg;
	/* Static files: the page lies one folder below the site's root (an
	 * indicator's page, a chapter's or a bureau's). */
	bool down;
	/* The server: the language the reader asked for (?lang=), kept in
	 * every link; NULL: none asked (the configuration's). */
	const char *lang;
	/* Static files: the page is in the second language's tree
	 * (<dir>/en/ or <dir>/zh-CN/), a folder below the first, whose
	 * charts and downloads it shares. */
	bool alt;
	/* The language of the charts shown when not the configuration's
	 * ("en": <id>.en.svg, /graph/<id>.svg?lang=en); set by the pages. */
	const char *charts;
	/* Static files: the plan documents written beside the dashboard,
	 * the newest first, which it links. */
	const struct html_document *documents;
	size_t ndocuments;
};

/*
 * Writes the dashboard: the targets f shows, the worst first, under the
 * badge and counts of those targets and their chapters and bureaus.  In
 * files mode a page filtered to a chapter or a bureau is one folder down
 * (group/<n>.html, owner/<n>.html: html_filter.h).
 */
int html_dashboard(const struct report_input *in, const struct html_site *site,
    const struct html_filter *f, FILE *out);
/*
 * Writes the page of indicator i: charts (plan and history), targets and
 * their explanations, periods with actual and planned values, revisions.
 */
int html_indicator(const struct report_input *in, const struct html_site *site,
    size_t i, FILE *out);

#endif
