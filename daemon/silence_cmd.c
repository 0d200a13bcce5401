/*
 * silence_cmd:
 *   silence add <indicator>[/<target>] --until YYYY-MM-DD --reason TEXT
 *               --by NAME      silent through the whole day given (UTC)
 *   silence list               every silence, ended ones marked
 *   silence remove <id>
 * The indicator and target must exist in the configuration; the date
 * must be ahead.  The file is read, changed and written whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsutil.h"
#include "period.h"
#include "silence.h"
#include "silence_cmd.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: planwatch silence add <indicator>[/<target>] "
	    "--until YYYY-MM-DD --reason TEXT --by NAME\n"
	    "       planwatch silence list\n"
	    "       planwatch silence remove <id>\n");
	return 2;
}

/* The end of day YYYY-MM-DD (UTC), or -1. */
static time_t
day_end(const char *s)
{
	time_t t;

	return period_day_start(s, &t) == 0 ? t + 86400 : -1;
}

/* Checks "<indicator>[/<target>]" against c; splits it into ind, tgt. */
static int
pair_known(const struct config *c, char *pair, char **ind, char **tgt)
{
	const struct indicator_conf *ic;
	char *slash = strchr(pair, '/');

	*ind = pair;
	*tgt = NULL;
	if (slash != NULL) {
		*slash = '\0';
		*tgt = slash + 1;
	}
	if ((ic = config_indicator(c, *ind)) == NULL) {
		fprintf(stderr, "planwatch: no indicator '%s' in %s\n", *ind,
		    c->path);
		return -1;
	}
	for (size_t t = 0; *tgt != NULL && t < ic->ntargets; t++)
		if (strcmp(ic->targets[t].id, *tgt) == 0)
			return 0;
	if (*tgt != NULL) {
		fprintf(stderr, "planwatch: indicator %s has no target '%s'\n",
		    *ind, *tgt);
		return -1;
	}
	return 0;
}

static int
cmd_add(const struct config *c, struct silences *s, int argc, char **argv)
{
	const char *until = NULL, *reason = NULL, *by = NULL;
	char *ind, *tgt, id[17];
	time_t end, now = time(NULL);

	if (argc < 1)
		return usage();
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "--until") == 0)
			until = argv[i + 1];
		else if (strcmp(argv[i], "--reason") == 0)
			reason = argv[i + 1];
		else if (strcmp(argv[i], "--by") == 0)
			by = argv[i + 1];
		else
			return usage();
	}
	if (until == NULL || reason == NULL || by == NULL || !*reason || !*by)
		return usage();
	if ((end = day_end(until)) < 0 || end <= now) {
		fprintf(stderr,
		    "planwatch: --until %s: expected a date ahead, "
		    "YYYY-MM-DD\n",
		    until);
		return 1;
	}
	if (pair_known(c, argv[0], &ind, &tgt) != 0)
		return 1;
	if (silences_add(s, ind, tgt, end, reason, by, now, id) != 0) {
		fprintf(stderr,
		    "planwatch: silence: out of memory or text "
		    "too long\n");
		return 1;
	}
	printf("%s\n", id);
	return 0;
}

static void
cmd_list(const struct silences *s)
{
	time_t now = time(NULL);
	char until[32];
	struct tm tm;

	for (size_t i = 0; i < s->n; i++) {
		const struct silence *x = &s->v[i];
		time_t last = x->until - 1;

		gmtime_r(&last, &tm);
		strftime(until, sizeof(until), "%Y-%m-%d", &tm);
		printf("%s  %s%s%s  until %s%s  by %s: %s\n", x->id,
		    x->indicator, x->target ? "/" : "",
		    x->target ? x->target : "", until,
		    now >= x->until ? " (ended)" : "", x->by, x->reason);
	}
}

int
silence_command(const struct config *c, int argc, char **argv)
{
	struct silences s;
	char path[4096], err[512];
	int rc = 0;
	bool write = false;

	if (argc < 1)
		return usage();
	silences_path(c->state_dir, path, sizeof(path));
	if (silences_load(path, &s, err, sizeof(err)) != 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	if (strcmp(argv[0], "add") == 0) {
		rc = cmd_add(c, &s, argc - 1, argv + 1);
		write = rc == 0;
	} else if (strcmp(argv[0], "list") == 0 && argc == 1) {
		cmd_list(&s);
	} else if (strcmp(argv[0], "remove") == 0 && argc == 2) {
		if (silences_remove(&s, argv[1]) != 0) {
			fprintf(stderr, "planwatch: no silence %s\n", argv[1]);
			rc = 1;
		}
		write = rc == 0;
	} else {
		rc = usage();
	}
	if (write &&
	    (fsutil_mkdirs(c->state_dir, err, sizeof(err)) != 0 ||
		silences_save(path, &s, err, sizeof(err)) != 0)) {
		fprintf(stderr, "planwatch: %s\n", err);
		rc = 1;
	}
	silences_clear(&s);
	return rc;
}
