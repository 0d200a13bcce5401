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

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "evaldoc.h"

enum evaldoc_format {
	EVALDOC_FORMAT_PDF,
	EVALDOC_FORMAT_XLSX,
	EVALDOC_FORMAT_HTML,
};

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
};

/*
 * Checks ask against c's plan: a year only for annual, within the plan's
 * years.  0, or -1 with err naming what is wrong ("year 2030 is outside
 * the plan (2021–2025)").
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

#endif
