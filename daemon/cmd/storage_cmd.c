/*
 * storage_cmd: rebuild shows its progress on a terminal ("rebuild 12/41")
 * and stays quiet in a pipe; both commands name the journal line of any
 * error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "explain.h"
#include "feed.h"
#include "formats.h"
#include "fsutil.h"
#include "journal.h"
#include "log.h"
#include "storage_cmd.h"
#include "store.h"

/*
 * The one indicator named by argv[0] and its journal (with revisions when
 * revs is not NULL): 0, or the exit status after saying why.
 */
static int
one_indicator(const struct config *c, int argc, char **argv, const char *usage,
    const struct indicator_conf **ic, struct obs_list *obs,
    struct obs_revisions *revs, char *path, size_t pathlen)
{
	char err[512];

	if (argc != 1) {
		fprintf(stderr, "usage: planwatch %s <indicator>\n", usage);
		return 2;
	}
	if ((*ic = config_indicator(c, argv[0])) == NULL) {
		fprintf(stderr, "planwatch: no indicator '%s' in %s\n", argv[0],
		    c->path);
		return 1;
	}
	journal_path(c->data_dir, (*ic)->id, path, pathlen);
	if (journal_load_revisions(
		path, (*ic)->freq, obs, revs, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		obs_list_clear(obs);
		if (revs != NULL)
			obs_revisions_clear(revs);
		return 1;
	}
	return 0;
}

int
revisions_command(const struct config *c, int argc, char **argv)
{
	const struct indicator_conf *ic;
	struct obs_list obs = {0};
	struct obs_revisions revs = {0};
	char path[4096];
	int rc = one_indicator(
	    c, argc, argv, "revisions", &ic, &obs, &revs, path, sizeof(path));

	if (rc != 0)
		return rc;
	for (size_t i = 0; i < revs.n; i++) {
		const struct obs_revision *v = &revs.v[i];
		char period[PERIOD_TEXT_MAX], old[32], new[32], when[64];
		char marks[64] = "";

		period_format(&v->period, period, sizeof(period));
		explain_value(v->old_value, old, sizeof(old));
		explain_value(v->new_value, new, sizeof(new));
		tz_datetime(c->tz, v->fetched, when, sizeof(when));
		/* A change of mark (alone, or with the value) says so. */
		if (v->old_mark != v->new_mark)
			snprintf(marks, sizeof(marks), "  [%s -> %s]",
			    obs_mark_name(v->old_mark),
			    obs_mark_name(v->new_mark));
		printf("%s  %s -> %s %s  %s  %s%s\n", period, old, new,
		    ic->unit, v->collector, when, marks);
	}
	if (revs.n == 0)
		printf("%s: no revision in %s\n", ic->id, path);
	obs_list_clear(&obs);
	obs_revisions_clear(&revs);
	return 0;
}

/* Rebuilds one archive from its journal; 0, or -1 after logging why. */
static int
rebuild_one(const struct config *c, const struct indicator_conf *ic)
{
	struct obs_list obs = {0};
	char journal[4096], rrd[4096], err[512];
	size_t written = 0;
	int rc = 0;

	journal_path(c->data_dir, ic->id, journal, sizeof(journal));
	store_path(c->data_dir, ic->id, rrd, sizeof(rrd));
	if (journal_load(journal, ic->freq, &obs, NULL, err, sizeof(err)) < 0 ||
	    store_rebuild(rrd, ic->freq, &obs, &written, err, sizeof(err)) !=
		0) {
		log_error("indicator %s: %s", ic->id, err);
		rc = -1;
	}
	obs_list_clear(&obs);
	return rc;
}

int
rebuild_command(const struct config *c, int argc, char **argv)
{
	bool tty = isatty(STDERR_FILENO);
	size_t n = argc > 0 ? (size_t)argc : c->nindicators, done = 0;
	char err[512];
	int lock, rc = 0;

	for (int i = 0; i < argc; i++)
		if (config_indicator(c, argv[i]) == NULL) {
			fprintf(stderr, "planwatch: no indicator '%s' in %s\n",
			    argv[i], c->path);
			return 1;
		}
	/* Not beside a running daemon: both would build the same files. */
	if ((lock = fsutil_lock_dir(
		 c->data_dir, c->instance, err, sizeof(err))) < 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct indicator_conf *ic =
		    argc > 0 ? config_indicator(c, argv[i]) : &c->indicators[i];

		/* Derived indicators are journaled too: the same way. */
		if (rebuild_one(c, ic) != 0)
			rc = 1;
		done++;
		if (tty)
			fprintf(stderr, "\rrebuild %zu/%zu", done, n);
	}
	if (tty)
		fputc('\n', stderr);
	log_info("rebuild: %zu archive(s) built from their journals", done);
	close(lock);
	return rc;
}

/* One line of `storage where`: id's archive and the daemon it is on. */
static void
where_one(const struct config *c, const char *id)
{
	char rrd[4096], name[4096];
	const char *shard = "-", *addr = store_daemon();

	store_path(c->data_dir, id, rrd, sizeof(rrd));
	if (store_shard_of(id, &shard, &addr) != 0 && addr == NULL)
		addr = "local";
	printf("%s %s %s %s\n", id, shard, addr,
	    store_daemon_name(rrd, name, sizeof(name)));
}

int
storage_command(const struct config *c, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[0], "where") != 0) {
		fprintf(
		    stderr, "usage: planwatch storage where <indicator>...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (config_indicator(c, argv[i]) == NULL) {
			fprintf(stderr, "planwatch: no indicator '%s' in %s\n",
			    argv[i], c->path);
			return 1;
		}
	for (int i = 1; i < argc; i++)
		where_one(c, argv[i]);
	return 0;
}

int
export_data_command(const struct config *c, int argc, char **argv)
{
	const struct indicator_conf *ic;
	struct obs_list obs = {0};
	char path[4096];
	int rc = one_indicator(
	    c, argc, argv, "export-data", &ic, &obs, NULL, path, sizeof(path));

	if (rc != 0)
		return rc;
	printf("period,value\n");
	for (size_t i = 0; i < obs.n; i++) {
		char period[PERIOD_TEXT_MAX];

		period_format(&obs.v[i].period, period, sizeof(period));
		printf("%s,%.*g\n", period,
		    obs_shortest_precision(obs.v[i].value), obs.v[i].value);
	}
	obs_list_clear(&obs);
	return 0;
}

static void
import_reject(void *arg, const char *msg)
{
	fprintf(stderr, "planwatch: %s: %s\n", (const char *)arg, msg);
}

/* The entries an import adds to stored: new periods and revisions. */
static int
import_entries(const struct obs_list *stored, const struct obs_list *in,
    double tolerance, time_t now, struct journal_entry **out, size_t *n,
    size_t *revised)
{
	*out = calloc(in->n + 1, sizeof(**out));
	*n = *revised = 0;
	if (*out == NULL)
		return -1;
	for (size_t i = 0; i < in->n; i++) {
		long k = obs_list_find(stored, &in->v[i].period);
		struct journal_entry *e = &(*out)[*n];

		if (k >= 0 &&
		    obs_same_value(
			stored->v[k].value, in->v[i].value, tolerance))
			continue;
		*e = (struct journal_entry){.period = in->v[i].period,
		    .value = in->v[i].value,
		    .fetched = now,
		    .collector = "import",
		    .has_replaced = k >= 0,
		    .replaced = k >= 0 ? stored->v[k].value : 0};
		*revised += k >= 0;
		(*n)++;
	}
	return 0;
}

int
import_command(const struct config *c, int argc, char **argv)
{
	const struct indicator_conf *ic;
	struct feed_selector sel = {
	    .period = "period", .value = "value", .delimiter = ','};
	struct obs_list in = {0}, stored = {0};
	struct journal_entry *entries = NULL;
	char journal[4096], rrd[4096], err[512], *buf = NULL;
	size_t len, n = 0, revised = 0, written;
	int lock = -1, rc = 1;

	if (argc != 2) {
		fprintf(
		    stderr, "usage: planwatch import <indicator> <file.csv>\n");
		return 2;
	}
	if ((ic = config_indicator(c, argv[0])) == NULL) {
		fprintf(stderr, "planwatch: no indicator '%s' in %s\n", argv[0],
		    c->path);
		return 1;
	}
	if (fsutil_read_capped(
		argv[1], 64u << 20, &buf, &len, err, sizeof(err)) != 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	/* Every row is checked before anything is written. */
	if (feed_parse(formats_find("csv"), buf, len, &sel, ic->freq, &in,
		import_reject, argv[1], err, sizeof(err)) != 0) {
		fprintf(stderr, "planwatch: %s: %s\n", argv[1],
		    *err ? err : "rows rejected, nothing imported");
		goto out;
	}
	obs_list_drop_future(&in, time(NULL), NULL);
	if ((lock = fsutil_lock_dir(
		 c->data_dir, c->instance, err, sizeof(err))) < 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		goto out;
	}
	journal_path(c->data_dir, ic->id, journal, sizeof(journal));
	store_path(c->data_dir, ic->id, rrd, sizeof(rrd));
	if (journal_load(journal, ic->freq, &stored, NULL, err, sizeof(err)) <
		0 ||
	    import_entries(&stored, &in, c->revision_tolerance, time(NULL),
		&entries, &n, &revised) != 0 ||
	    (n > 0 &&
		journal_append(journal, entries, n, err, sizeof(err)) != 0)) {
		fprintf(
		    stderr, "planwatch: %s\n", *err ? err : "out of memory");
		goto out;
	}
	/* The journal holds it now; the archive follows from the journal. */
	obs_list_clear(&stored);
	if (n > 0 &&
	    (journal_load(journal, ic->freq, &stored, NULL, err, sizeof(err)) <
		    0 ||
		store_rebuild(
		    rrd, ic->freq, &stored, &written, err, sizeof(err)) != 0)) {
		fprintf(stderr,
		    "planwatch: %s (the journal has the data: "
		    "run planwatch rebuild %s)\n",
		    err, ic->id);
		goto out;
	}
	printf("%s: %zu new, %zu revised, %zu unchanged\n", ic->id, n - revised,
	    revised, in.n - n);
	rc = 0;
out:
	if (lock >= 0)
		close(lock);
	free(entries);
	free(buf);
	obs_list_clear(&in);
	obs_list_clear(&stored);
	return rc;
}
