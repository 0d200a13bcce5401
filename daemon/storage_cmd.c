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
#include "fsutil.h"
#include "journal.h"
#include "log.h"
#include "storage_cmd.h"
#include "store.h"

int
revisions_command(const struct config *c, int argc, char **argv)
{
	const struct indicator_conf *ic;
	struct obs_list obs = {0};
	struct obs_revisions revs = {0};
	char path[4096], err[512];

	if (argc != 1) {
		fprintf(stderr, "usage: planwatch revisions <indicator>\n");
		return 2;
	}
	if ((ic = config_indicator(c, argv[0])) == NULL) {
		fprintf(stderr, "planwatch: no indicator '%s' in %s\n", argv[0],
		    c->path);
		return 1;
	}
	journal_path(c->data_dir, ic->id, path, sizeof(path));
	if (journal_load_revisions(
		path, ic->freq, &obs, &revs, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		obs_list_clear(&obs);
		obs_revisions_clear(&revs);
		return 1;
	}
	for (size_t i = 0; i < revs.n; i++) {
		const struct obs_revision *v = &revs.v[i];
		char period[PERIOD_TEXT_MAX], old[32], new[32], when[32];
		struct tm tm;

		period_format(&v->period, period, sizeof(period));
		explain_value(v->old_value, old, sizeof(old));
		explain_value(v->new_value, new, sizeof(new));
		gmtime_r(&v->fetched, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
		printf("%s  %s -> %s %s  %s  %s\n", period, old, new, ic->unit,
		    v->collector, when);
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
	if ((lock = fsutil_lock_dir(c->data_dir, err, sizeof(err))) < 0) {
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
