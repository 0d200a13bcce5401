/*
 * evaldoc_file: a plan office's document (views/evaldoc.h) as the bytes
 * of one file, PDF, XLSX or HTML, for those that send it rather than
 * write it: the admin API's reply and a route's mail.  Made from the
 * journals as of the document's date, as planwatch report makes it, so
 * the daemon's document is the command's.  Slow (seconds for a PDF):
 * called off the loop.
 */
#ifndef PLANWATCH_EVALDOC_FILE_H
#define PLANWATCH_EVALDOC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "evaldoc.h"
#include "stored.h"

enum evaldoc_format {
	EVALDOC_FORMAT_PDF,
	EVALDOC_FORMAT_XLSX,
	EVALDOC_FORMAT_HTML,
};

/*
 * What a document is built from: the journals as of its date, and the
 * report input over them (src->in, which evaldoc_build borrows).
 */
struct evaldoc_source {
	struct stored st;
	struct asof as;
	struct report_input in;
};

/*
 * Loads src for plan p's document of kind k (and year) in locale (NULL:
 * the configuration's): the journals as of its date (evaldoc_plan_asof of
 * now), the targets of other plans marked (report_plans_mark).  quiet: a
 * journal that does not load is not logged.  0; 1 when a journal could
 * not be read (the others, and a damaged one's good records, are in);
 * -1 when nothing was read.  evaldoc_source_free either way.
 */
int evaldoc_source_load(const struct config *c, const struct plan_conf *p,
    enum evaldoc_kind k, int year, const char *locale, time_t now, bool quiet,
    struct evaldoc_source *src);
void evaldoc_source_free(struct evaldoc_source *src);

/* The largest file made: a PDF with a thousand charts stays far under. */
#define EVALDOC_FILE_MAX (64u << 20)

/* "pdf", "xlsx", "html" into *f; -1 for anything else. */
int evaldoc_format_parse(const char *s, enum evaldoc_format *f);
/* The file name's extension: "pdf". */
const char *evaldoc_format_ext(enum evaldoc_format f);
/* The media type: "application/pdf". */
const char *evaldoc_format_type(enum evaldoc_format f);

/* What to make: which document, in which language and format. */
struct evaldoc_ask {
	enum evaldoc_kind kind;
	int year; /* annual: the year; else 0 */
	const char *locale; /* NULL: the configuration's */
	enum evaldoc_format format;
	const char *plan; /* plans:' id, or NULL: the plan in force now */
};

/*
 * The plan ask documents (plans:): its plan, else the one shown at now;
 * NULL without plans:.  -1 when ask->plan names none.
 */
int evaldoc_ask_plan(const struct config *c, const struct evaldoc_ask *ask,
    time_t now, const struct plan_conf **p);
/*
 * Checks ask against c's plan: a known plan, a year only for annual,
 * within the plan's years.  0, or -1 with err naming what is wrong ("year 2030
 * is outside the plan (2021–2025)").
 */
int evaldoc_ask_check(const struct config *c, const struct evaldoc_ask *ask,
    char *err, size_t errlen);
/* doc as one file's bytes into out (emptied first).  0, or -1 with err. */
int evaldoc_render(const struct evaldoc *doc, enum evaldoc_format f,
    struct buf *out, char *err, size_t errlen);
/*
 * Reads c's journals as of ask's document's date (evaldoc_asof of now),
 * builds the document and renders it into out (emptied first); its file
 * name ("annual-2023.pdf") into name.  0, or -1 with err.
 */
int evaldoc_make(const struct config *c, const struct evaldoc_ask *ask,
    time_t now, struct buf *out, char *name, size_t namelen, char *err,
    size_t errlen);

/* What a message says of a document it carries (evaldoc_make_told). */
struct evaldoc_told {
	char title[128]; /* "2025 年度监测分析", "Final evaluation" */
	char plan[256]; /* the plan's name in the document's language, or "" */
	char verdict[512]; /* "总体评价：基本完成（完成 2、未完成 1）" */
	char asof[16]; /* the date judged as of, "2026-01-15" */
	bool zh;
};

/* evaldoc_make, and what a message says of the document into *told. */
int evaldoc_make_told(const struct config *c, const struct evaldoc_ask *ask,
    time_t now, struct buf *out, char *name, size_t namelen,
    struct evaldoc_told *told, char *err, size_t errlen);

#endif
