/*
 * export: the same HTML as the server's (html.c and wall.c in file mode)
 * and the same charts (chart.c, drawn into <dir>/graph instead of
 * graph_dir).  Feed health is the daemon's as it last saved it
 * (export_feeds.c).  The dashboard filtered to each chapter and each
 * bureau is a page of its own (group/<n>.html, owner/<n>.html;
 * html_filter.h numbers them).  The pages are written again in the
 * other language under <dir>/en/ (or <dir>/zh-CN/ when the configuration's
 * is English), sharing the root's charts and downloads (html_lang.h).
 * Each file is written whole and renamed into place.  The plan
 * documents' pages are in report/ (export_docs.c), in the
 * configuration's language, linked from both trees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chart.h"
#include "export.h"
#include "export_docs.h"
#include "export_feeds.h"
#include "fsutil.h"
#include "html.h"
#include "html_meta.h"
#include "html_filter.h"
#include "html_lang.h"
#include "log.h"
#include "store.h"
#include "stored.h"
#include "wall.h"

/* write_page's page: the dashboard, the wall, or an indicator (>= 0). */
#define PAGE_DASHBOARD (-1)
#define PAGE_WALL (-2)

/* Writes what a page function made of in to path; 0 or -1 (logged). */
static int
write_page(const char *path, const struct report_input *in,
    const struct html_site *site, long indicator, const struct html_filter *f)
{
	char *text = NULL, err[512];
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc;

	if (mem == NULL) {
		log_error("%s: out of memory", path);
		return -1;
	}
	if (indicator == PAGE_WALL)
		rc = wall_page(in, site, mem);
	else if (indicator == PAGE_DASHBOARD)
		rc = html_dashboard(in, site, f, mem);
	else
		rc = html_indicator(in, site, (size_t)indicator, mem);
	if ((fclose(mem) != 0) | (rc != 0)) {
		log_error("%s: out of memory", path);
		free(text);
		return -1;
	}
	rc = fsutil_write_atomic(path, text, len, err, sizeof(err));
	if (rc != 0)
		log_error("%s", err);
	free(text);
	return rc;
}

/* An indicator's series as CSV, the download its page links. */
static int
write_csv(const char *path, const struct indicator_conf *ic,
    const struct obs_list *obs, const struct obs_revisions *revs)
{
	char *text = NULL, err[512];
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc;

	if (mem == NULL ||
	    (html_series_csv(ic, obs, revs, mem) | fclose(mem)) != 0) {
		log_error("%s: out of memory", path);
		free(text);
		return -1;
	}
	if ((rc = fsutil_write_atomic(path, text, len, err, sizeof(err))) != 0)
		log_error("%s", err);
	free(text);
	return rc;
}

/* Every view of every indicator with data, into graph_dir. */
static int
export_charts(const struct config *c, const struct stored *st)
{
	int rc = 0;

	for (size_t i = 0; i < c->nindicators; i++) {
		char err[512];

		if (chart_draw_stored(c, st, i, err, sizeof(err)) != 0) {
			log_error("indicator %s: %s", c->indicators[i].id, err);
			rc = -1;
		}
	}
	return rc;
}

/* The page of each chapter (owner: each bureau): <dir>/<kind>/<n>.html. */
static int
export_scopes(const struct report_input *in, const struct html_site *site,
    const char *dir, bool owner)
{
	const struct config *c = in->conf;
	const char *kind = owner ? "owner" : "group";
	char path[4096], err[512];
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, kind);
	if (fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return -1;
	}
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		struct html_filter f = {0};

		if ((owner ? ic->owner : ic->group) == NULL ||
		    html_filter_index_at(c, owner, i) != i)
			continue;
		*(owner ? &f.owner : &f.group) = owner ? ic->owner : ic->group;
		snprintf(path, sizeof(path), "%s/%s/%d.html", dir, kind,
		    html_filter_index(c, owner, owner ? ic->owner : ic->group));
		if (write_page(path, in, site, PAGE_DASHBOARD, &f) != 0)
			rc = -1;
	}
	return rc;
}

/* Every page of one language's tree, rooted at dir. */
static int
export_pages(const struct report_input *in, const struct html_site *site,
    const char *dir)
{
	const struct config *c = in->conf;
	struct html_filter none = {0};
	char path[4096], err[512];
	int rc = 0;

	snprintf(path, sizeof(path), "%s/indicator", dir);
	if (fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/index.html", dir);
	if (write_page(path, in, site, PAGE_DASHBOARD, &none) != 0 ||
	    export_scopes(in, site, dir, false) != 0 ||
	    export_scopes(in, site, dir, true) != 0)
		rc = -1;
	snprintf(path, sizeof(path), "%s/wall.html", dir);
	if (write_page(path, in, site, PAGE_WALL, NULL) != 0)
		rc = -1;
	for (size_t i = 0; i < c->nindicators; i++) {
		snprintf(path, sizeof(path), "%s/indicator/%s.html", dir,
		    c->indicators[i].id);
		if (write_page(path, in, site, (long)i, NULL) != 0)
			rc = -1;
	}
	return rc;
}

/* The pages in the other language, under <dir>/<its locale>/. */
static int
export_other(const struct report_input *in, const struct html_site *site,
    const char *dir)
{
	struct report_input other = *in;
	struct html_site alt = *site;
	char path[4096];

	other.locale = html_lang_other(in->conf->locale);
	alt.alt = true;
	snprintf(path, sizeof(path), "%s/%s", dir, other.locale);
	return export_pages(&other, &alt, path);
}

int
export_site(const struct config *c, const char *dir)
{
	struct config copy = *c; /* shallow: only graph_dir differs */
	struct stored st = {0};
	struct report_input in;
	struct html_site site = {.files = true};
	struct export_feeds ef = {0};
	struct html_document docs[EXPORT_DOCS_MAX];
	char path[4096], graphs[4096], err[512];
	int rc = 0;

	snprintf(graphs, sizeof(graphs), "%s/graph", dir);
	snprintf(path, sizeof(path), "%s/indicator", dir);
	copy.graph_dir = graphs;
	if (fsutil_mkdirs(graphs, err, sizeof(err)) != 0 ||
	    fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return 1;
	}
	if (stored_load(c, time(NULL), &st) != 0)
		rc = 1;
	if (st.obs == NULL) {
		stored_free(&st);
		return 1;
	}
	site.revs = st.revs;
	if (export_feeds_load(c, &ef) != 0) {
		log_error("export: out of memory");
		rc = 1;
	}
	site.feeds = ef.feeds;
	in = (struct report_input){.conf = c,
	    .obs = st.obs,
	    .j = (const struct judgement *const *)st.j,
	    .at = time(NULL),
	    .revs = st.revs,
	    .notes = st.notes};
	if (export_charts(&copy, &st) != 0)
		rc = 1;
	if (export_docs(c, dir, time(NULL), docs, &site.ndocuments) != 0)
		rc = 1;
	site.documents = docs;
	if (export_pages(&in, &site, dir) != 0 ||
	    export_other(&in, &site, dir) != 0)
		rc = 1;
	for (size_t i = 0; i < c->nindicators; i++) {
		snprintf(path, sizeof(path), "%s/indicator/%s.csv", dir,
		    c->indicators[i].id);
		if (write_csv(
			path, &c->indicators[i], &st.obs[i], &st.revs[i]) != 0)
			rc = 1;
	}
	stored_free(&st);
	export_feeds_free(&ef);
	if (rc == 0)
		log_info("export: %zu indicators written to %s", c->nindicators,
		    dir);
	return rc;
}
