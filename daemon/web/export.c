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
 *
 * What did not change is not made again (export_stamp.h, chart_stamp.h):
 * an indicator's charts, its pages and its CSV are skipped when their
 * stamps hold the digest of what they show and their files are there;
 * the dashboard's pages when the digest of all their rows is unchanged.
 * A stamp is removed before its files are written and written after
 * all of them are in place.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "chart_stamp.h"
#include "export.h"
#include "export_docs.h"
#include "export_feeds.h"
#include "export_stamp.h"
#include "fsutil.h"
#include "html.h"
#include "html_meta.h"
#include "html_filter.h"
#include "html_lang.h"
#include "idindex.h"
#include "log.h"
#include "store.h"
#include "stored.h"
#include "wall.h"

/* What this export skips and what failed, per indicator. */
struct export_run {
	const char *dir;
	const struct config *charts; /* graph_dir: <dir>/graph */
	uint64_t *chart; /* each indicator's charts' digest */
	bool *chart_fresh; /* its charts are as stamped: not drawn */
	bool *chart_failed; /* a chart of it could not be drawn */
	uint64_t *page; /* each indicator's page digest */
	bool *fresh; /* its page and CSV are as stamped: not written */
	bool *failed; /* a file of it could not be written */
	bool site_fresh; /* the dashboard's pages are as stamped */
	bool site_failed;
	size_t drawn, skipped, pages;
};

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
	/* Durable with the others (export_tree's syncfs). */
	rc = fsutil_write_replace(path, text, len, false, err, sizeof(err));
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
	if ((rc = fsutil_write_replace(
		 path, text, len, false, err, sizeof(err))) != 0)
		log_error("%s", err);
	free(text);
	return rc;
}

/* The most drawing threads: more cores than this are not waited for. */
#define EXPORT_MAX_THREADS 8

/* One drawing thread's share: the next indicator is taken in turn. */
struct export_drawer {
	const struct stored *st;
	struct export_run *run;
	atomic_size_t *next;
	size_t drawn, skipped;
};

/* A drawing thread: every indicator not as stamped that it takes. */
static void *
export_draw(void *arg)
{
	struct export_drawer *d = arg;
	const struct config *c = d->run->charts;
	size_t i;

	while ((i = atomic_fetch_add(d->next, 1)) < c->nindicators) {
		char err[512];
		bool drawn = false;
		uint64_t digest;

		if (d->run->chart_fresh[i]) {
			d->skipped += d->st->obs[i].n > 0;
			continue;
		}
		if (chart_draw_stored(c, d->st, i,
			CHART_FORCE | CHART_DEFER_SYNC, &drawn, &digest, err,
			sizeof(err)) != 0) {
			log_error("indicator %s: %s", c->indicators[i].id, err);
			d->run->chart_failed[i] = true;
		}
		d->drawn += drawn;
	}
	return NULL;
}

/* The threads to draw on: the CPUs this process may run on, capped. */
static size_t
export_threads(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) != 0 ||
	    (n = CPU_COUNT(&set)) < 1)
		return 1;
	return n < EXPORT_MAX_THREADS ? (size_t)n : EXPORT_MAX_THREADS;
}

/*
 * Every view of every indicator whose charts are not as stamped, into
 * <dir>/graph, without an fsync per file, on one thread per CPU: each
 * indicator's files are its own, chart_draw_all may run on any thread
 * (librrd's grapher holds rrdlock), and st and the configuration are only
 * read.  A thread that cannot start leaves its share to the others.
 */
static void
export_charts(const struct stored *st, struct export_run *run)
{
	struct export_drawer d[EXPORT_MAX_THREADS];
	pthread_t t[EXPORT_MAX_THREADS];
	bool started[EXPORT_MAX_THREADS] = {false};
	atomic_size_t next = 0;
	size_t n = export_threads();

	for (size_t k = 0; k < n; k++) {
		d[k] =
		    (struct export_drawer){.st = st, .run = run, .next = &next};
		started[k] = k > 0 &&
		    pthread_create(&t[k], NULL, export_draw, &d[k]) == 0;
	}
	export_draw(&d[0]);
	for (size_t k = 0; k < n; k++) {
		if (started[k])
			pthread_join(t[k], NULL);
		if (k == 0 || started[k]) {
			run->drawn += d[k].drawn;
			run->skipped += d[k].skipped;
		}
	}
}

/*
 * The page of each chapter (owner: each bureau): <dir>/<kind>/<n>.html,
 * n numbered as html_filter_index does (the names in the order they first
 * appear, from 1), found in one pass with an index of the names seen.
 */
static int
export_scopes(const struct report_input *in, const struct html_site *site,
    const char *dir, bool owner)
{
	const struct config *c = in->conf;
	const char *kind = owner ? "owner" : "group";
	char path[4096], err[512];
	struct idindex *seen = idindex_new();
	size_t n = 0, k;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, kind);
	if (seen == NULL || fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", seen ? err : "out of memory");
		idindex_free(seen);
		return -1;
	}
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		const char *name = owner ? ic->owner : ic->group;
		struct html_filter f = {0};

		if (name == NULL || idindex_get(seen, name, &k))
			continue;
		if (idindex_put(seen, name, ++n) != 0) {
			log_error("export: out of memory");
			rc = -1;
			break;
		}
		*(owner ? &f.owner : &f.group) = name;
		snprintf(path, sizeof(path), "%s/%s/%zu.html", dir, kind, n);
		if (write_page(path, in, site, PAGE_DASHBOARD, &f) != 0)
			rc = -1;
	}
	idindex_free(seen);
	return rc;
}

/* The dashboard's pages of one language's tree, rooted at dir. */
static int
export_site_pages(const struct report_input *in, const struct html_site *site,
    const char *dir)
{
	struct html_filter none = {0};
	char path[4096];
	int rc = 0;

	snprintf(path, sizeof(path), "%s/index.html", dir);
	if (write_page(path, in, site, PAGE_DASHBOARD, &none) != 0 ||
	    export_scopes(in, site, dir, false) != 0 ||
	    export_scopes(in, site, dir, true) != 0)
		rc = -1;
	snprintf(path, sizeof(path), "%s/wall.html", dir);
	if (write_page(path, in, site, PAGE_WALL, NULL) != 0)
		rc = -1;
	return rc;
}

/* Every page of one language's tree that is not as stamped, rooted at
 * dir. */
static void
export_pages(const struct report_input *in, const struct html_site *site,
    const char *dir, struct export_run *run)
{
	const struct config *c = in->conf;
	char path[4096], err[512];

	snprintf(path, sizeof(path), "%s/indicator", dir);
	if (fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		run->site_failed = true;
		for (size_t i = 0; i < c->nindicators; i++)
			run->failed[i] = true;
		return;
	}
	if (!run->site_fresh && export_site_pages(in, site, dir) != 0)
		run->site_failed = true;
	for (size_t i = 0; i < c->nindicators; i++) {
		if (run->fresh[i])
			continue;
		snprintf(path, sizeof(path), "%s/indicator/%s.html", dir,
		    c->indicators[i].id);
		if (write_page(path, in, site, (long)i, NULL) != 0)
			run->failed[i] = true;
		else
			run->pages++;
	}
}

/* The pages in the other language, under <dir>/<its locale>/. */
static void
export_other(const struct report_input *in, const struct html_site *site,
    const char *dir, struct export_run *run)
{
	struct report_input other = *in;
	struct html_site alt = *site;
	char path[4096];

	other.locale = html_lang_other(in->conf->locale);
	alt.alt = true;
	snprintf(path, sizeof(path), "%s/%s", dir, other.locale);
	export_pages(&other, &alt, path, run);
}

/* Whether dir/<name> (in the other language's tree too) exists. */
static bool
both_there(const struct config *c, const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (access(path, F_OK) != 0)
		return false;
	snprintf(path, sizeof(path), "%s/%s/%s", dir,
	    html_lang_other(c->locale), name);
	return access(path, F_OK) == 0;
}

/* <dir>/.stamps[/<name>]. */
static void
page_stamp_path(const char *dir, const char *name, char *buf, size_t len)
{
	snprintf(
	    buf, len, "%s/.stamps%s%s", dir, name ? "/" : "", name ? name : "");
}

/*
 * Each indicator's page digest, and whether its files are as stamped
 * (those that are not lose their stamps now); the same for the site's
 * pages, whose digest folds every row.  -1 on a stamp not removable.
 */
static int
export_judge_stamps(const struct config *c, const struct stored *st,
    const struct export_feeds *ef, uint64_t site, struct export_run *run)
{
	char path[4096], name[512], err[512];
	struct stamp rows;

	stamp_init(&rows);
	stamp_fold(&rows, site);
	for (size_t i = 0; i < c->nindicators; i++) {
		const char *id = c->indicators[i].id;
		int fresh = chart_stored_check(
		    run->charts, st, i, &run->chart[i], err, sizeof(err));

		if (fresh < 0) {
			log_error("export: %s", err);
			return -1;
		}
		run->chart_fresh[i] = fresh == 1;
		run->page[i] = export_stamp_page(c, st, i, site);
		export_stamp_row(&rows, run->page[i], &ef->feeds[i]);
		page_stamp_path(run->dir, id, path, sizeof(path));
		snprintf(name, sizeof(name), "indicator/%s.html", id);
		run->fresh[i] = stamp_file_matches(path, run->page[i]) &&
		    both_there(c, run->dir, name);
		snprintf(
		    name, sizeof(name), "%s/indicator/%s.csv", run->dir, id);
		run->fresh[i] = run->fresh[i] && access(name, F_OK) == 0;
		if (!run->fresh[i] &&
		    stamp_file_remove(path, err, sizeof(err)) != 0) {
			log_error("export: %s", err);
			return -1;
		}
	}
	page_stamp_path(run->dir, ".site", path, sizeof(path));
	run->site_fresh = stamp_file_matches(path, rows.h) &&
	    both_there(c, run->dir, "index.html") &&
	    both_there(c, run->dir, "wall.html");
	if (!run->site_fresh &&
	    stamp_file_remove(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return -1;
	}
	run->page[c->nindicators] = rows.h;
	return 0;
}

/* The stamps of what was written whole, now that it is in place. */
static int
export_write_stamps(const struct config *c, struct export_run *run)
{
	char path[4096], err[512];
	int rc = 0;

	page_stamp_path(run->dir, NULL, path, sizeof(path));
	if (fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return -1;
	}
	for (size_t i = 0; i < c->nindicators; i++) {
		if (!run->chart_fresh[i] && !run->chart_failed[i] &&
		    run->chart[i] != 0 &&
		    chart_stamp_write(run->charts, c->indicators[i].id,
			run->chart[i], false, err, sizeof(err)) != 0) {
			log_error("export: %s", err);
			rc = -1;
		}
		if (run->fresh[i] || run->failed[i])
			continue;
		page_stamp_path(
		    run->dir, c->indicators[i].id, path, sizeof(path));
		if (stamp_file_write(
			path, run->page[i], false, err, sizeof(err)) != 0) {
			log_error("export: %s", err);
			rc = -1;
		}
	}
	page_stamp_path(run->dir, ".site", path, sizeof(path));
	if (!run->site_fresh && !run->site_failed &&
	    stamp_file_write(path, run->page[c->nindicators], false, err,
		sizeof(err)) != 0) {
		log_error("export: %s", err);
		rc = -1;
	}
	return rc;
}

/* The CSV of each indicator not as stamped. */
static void
export_csvs(
    const struct config *c, const struct stored *st, struct export_run *run)
{
	char path[4096];

	for (size_t i = 0; i < c->nindicators; i++) {
		if (run->fresh[i])
			continue;
		snprintf(path, sizeof(path), "%s/indicator/%s.csv", run->dir,
		    c->indicators[i].id);
		if (write_csv(path, &c->indicators[i], &st->obs[i],
			&st->revs[i]) != 0)
			run->failed[i] = true;
	}
}

/* syncfs of the export's file system; 0 or -1 (logged). */
static int
export_sync(const char *dir)
{
	char err[512];

	if (fsutil_syncfs(dir, err, sizeof(err)) == 0)
		return 0;
	log_error("export: %s", err);
	return -1;
}

/*
 * Everything but the documents.  The files are written without an fsync
 * each (thousands of them: one fsync each cost more than drawing, see
 * docs/scaling.md); the order keeps the stamps true across a crash: the
 * stale stamps removed and that made durable, the files written, all of
 * them made durable, then the new stamps (a stamp lost in a crash means
 * drawing again).
 */
static int
export_tree(const struct report_input *in, const struct html_site *site,
    const struct stored *st, const struct export_feeds *ef,
    struct export_run *run)
{
	const struct config *c = in->conf;
	uint64_t digest =
	    export_stamp_site(c, site->documents, site->ndocuments, in->at);
	int rc = 0;

	if (export_judge_stamps(c, st, ef, digest, run) != 0 ||
	    export_sync(run->dir) != 0)
		return -1;
	export_charts(st, run);
	export_pages(in, site, run->dir, run);
	export_other(in, site, run->dir, run);
	export_csvs(c, st, run);
	for (size_t i = 0; i < c->nindicators; i++)
		if (run->failed[i] || run->chart_failed[i])
			rc = -1;
	if (run->site_failed || export_sync(run->dir) != 0 ||
	    export_write_stamps(c, run) != 0 || export_sync(run->dir) != 0)
		rc = -1;
	return rc;
}

/* run's arrays, one entry per indicator and one more (the site's). */
static int
export_run_alloc(struct export_run *run, size_t n)
{
	run->chart = calloc(n + 1, sizeof(*run->chart));
	run->chart_fresh = calloc(n + 1, sizeof(*run->chart_fresh));
	run->chart_failed = calloc(n + 1, sizeof(*run->chart_failed));
	run->page = calloc(n + 1, sizeof(*run->page));
	run->fresh = calloc(n + 1, sizeof(*run->fresh));
	run->failed = calloc(n + 1, sizeof(*run->failed));
	if (run->chart && run->chart_fresh && run->chart_failed && run->page &&
	    run->fresh && run->failed)
		return 0;
	log_error("export: out of memory");
	return -1;
}

static void
export_run_free(struct export_run *run)
{
	free(run->chart);
	free(run->chart_fresh);
	free(run->chart_failed);
	free(run->page);
	free(run->fresh);
	free(run->failed);
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
	struct export_run run = {.dir = dir, .charts = &copy};
	char path[4096], graphs[4096], err[512];
	time_t now = time(NULL);
	int rc = 0;

	snprintf(graphs, sizeof(graphs), "%s/graph", dir);
	snprintf(path, sizeof(path), "%s/indicator", dir);
	copy.graph_dir = graphs;
	if (fsutil_mkdirs(graphs, err, sizeof(err)) != 0 ||
	    fsutil_mkdirs(path, err, sizeof(err)) != 0) {
		log_error("export: %s", err);
		return 1;
	}
	if (stored_load(c, now, &st) != 0)
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
	    .at = now,
	    .revs = st.revs,
	    .notes = st.notes};
	if (export_docs(c, dir, now, docs, &site.ndocuments) != 0)
		rc = 1;
	site.documents = docs;
	if (ef.feeds == NULL || export_run_alloc(&run, c->nindicators) != 0 ||
	    export_tree(&in, &site, &st, &ef, &run) != 0)
		rc = 1;
	export_run_free(&run);
	log_info("export: charts of %zu indicators drawn, %zu as stamped",
	    run.drawn, run.skipped);
	log_info("export: %zu indicator pages written, %zu as stamped; the "
		 "dashboard's pages %s",
	    run.pages, 2 * c->nindicators - run.pages,
	    run.site_fresh ? "as stamped" : "written");
	stored_free(&st);
	export_feeds_free(&ef);
	if (rc == 0)
		log_info("export: %zu indicators written to %s", c->nindicators,
		    dir);
	return rc;
}
