/*
 * export_docs: each plan document of the static export is judged as of
 * its own date (evaldoc_asof), as planwatch report judges it, so the
 * export's report/annual-2022.html says what the 2022 analysis said, not
 * what is known today.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaldoc.h"
#include "evaldoc_file.h"
#include "export_docs.h"
#include "fsutil.h"
#include "log.h"

/* The last second of year y, UTC. */
static time_t
year_end(int y)
{
	struct period p = {.freq = FREQ_ANNUAL, .year = y};

	return period_end(&p) - 1;
}

/*
 * Whether path holds exactly text: a document judged as of its own date
 * comes out the same export after export, and is then left as it is (its
 * time and inode too, which mirrors and tests see).
 */
static bool
same_bytes(const char *path, const char *text, size_t len)
{
	char *old = NULL, err[512];
	size_t n = 0;
	bool same =
	    fsutil_read_own(path, len, &old, &n, err, sizeof(err)) == 0 &&
	    n == len && memcmp(old, text, len) == 0;

	free(old);
	return same;
}

/* One document into dir/report/<stem>.html, its stem and title in d. */
static int
export_doc(const struct config *c, const struct plan_conf *plan,
    const char *dir, enum evaldoc_kind k, int year, time_t now,
    struct html_document *d)
{
	struct evaldoc_source src;
	struct evaldoc doc;
	char path[4096], err[512], *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	if (evaldoc_source_load(c, plan, k, year, NULL, now, true, &src) < 0) {
		evaldoc_source_free(&src);
		return -1;
	}
	if (evaldoc_build(&src.in, k, year, &doc) == 0) {
		char title[sizeof(d->title)];

		evaldoc_stem(&doc, d->stem, sizeof(d->stem));
		evaldoc_title(&doc, title, sizeof(title));
		snprintf(d->title, sizeof(d->title), "%s", title);
		/* Several plans: the dashboard lists each plan's apart. */
		snprintf(d->plan, sizeof(d->plan), "%s",
		    plan != NULL && c->nplans > 1 ? evaldoc_plan_name(&doc)
						  : "");
		snprintf(path, sizeof(path), "%s/report/%s.html", dir, d->stem);
		if ((mem = open_memstream(&text, &len)) != NULL &&
		    (evaldoc_html(&doc, mem) | fclose(mem)) == 0)
			rc = same_bytes(path, text, len)
			    ? 0
			    : fsutil_write_atomic(
				  path, text, len, err, sizeof(err));
		else
			snprintf(err, sizeof(err), "%s: out of memory", path);
		if (rc != 0)
			log_error("export: %s", err);
		free(text);
		evaldoc_free(&doc);
	}
	evaldoc_source_free(&src);
	return rc;
}

/* The documents of one plan (NULL: the one plan of plan:) due by now. */
static int
plan_docs(const struct config *c, const struct plan_conf *plan, const char *dir,
    time_t now, struct html_document *docs, size_t *ndocs)
{
	char path[4096], err[512];
	int first, last, rc = 0;

	if (evaldoc_years(c, plan, &first, &last) != 0)
		return 0;
	snprintf(path, sizeof(path), "%s/report", dir);
	if (fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return -1;
	}
	for (int y = last + 2; y >= first && *ndocs < EXPORT_DOCS_MAX; y--) {
		/* last + 2: the final evaluation, last + 1: the mid-term,
		 * then each year's analysis, the newest first. */
		enum evaldoc_kind k = y == last + 2 ? EVALDOC_FINAL
		    : y == last + 1                 ? EVALDOC_MIDTERM
						    : EVALDOC_ANNUAL;
		bool due = k == EVALDOC_FINAL
		    ? now > year_end(last)
		    : evaldoc_plan_asof(c, plan, k, y, now) < now;

		if (!due)
			continue;
		if (export_doc(c, plan, dir, k, k == EVALDOC_ANNUAL ? y : 0,
			now, &docs[*ndocs]) == 0)
			(*ndocs)++;
		else
			rc = -1;
	}
	return rc;
}

int
export_docs(const struct config *c, const char *dir, time_t now,
    struct html_document *docs, size_t *ndocs)
{
	int rc = 0;

	*ndocs = 0;
	if (c->nplans == 0)
		return plan_docs(c, NULL, dir, now, docs, ndocs);
	/* The latest plan's first: its documents are the newest. */
	for (size_t p = c->nplans; p-- > 0;)
		if (plan_docs(c, &c->plans[p], dir, now, docs, ndocs) != 0)
			rc = -1;
	return rc;
}
