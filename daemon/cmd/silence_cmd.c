/*
 * silence_cmd:
 *   silence add <indicator>[/<target>] --until YYYY-MM-DD --reason TEXT
 *               --by NAME      silent through the whole day given (UTC)
 *   silence list               every silence, ended ones marked
 *   silence remove <id>
 * Checks and the locked read-change-write are silence.c's, shared with
 * the daemon's admin endpoint.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

struct add_args {
	const struct config *conf;
	const char *pair, *until, *reason, *by;
	char id[17];
};

static int
add_change(struct silences *s, void *arg, char *err, size_t errlen)
{
	struct add_args *a = arg;

	return silences_add_checked(s, a->conf, a->pair, a->until, a->reason,
	    a->by, time(NULL), a->id, err, errlen);
}

static int
remove_change(struct silences *s, void *arg, char *err, size_t errlen)
{
	if (silences_remove(s, arg) == 0)
		return 0;
	snprintf(err, errlen, "no silence %s", (const char *)arg);
	return -1;
}

static int
cmd_add(const struct config *c, int argc, char **argv, char *err, size_t errlen)
{
	struct add_args a = {.conf = c};

	if (argc < 1)
		return usage();
	a.pair = argv[0];
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "--until") == 0)
			a.until = argv[i + 1];
		else if (strcmp(argv[i], "--reason") == 0)
			a.reason = argv[i + 1];
		else if (strcmp(argv[i], "--by") == 0)
			a.by = argv[i + 1];
		else
			return usage();
	}
	if (a.until == NULL || a.reason == NULL || a.by == NULL)
		return usage();
	if (silences_update(c->state_dir, add_change, &a, err, errlen) != 0)
		return 1;
	printf("%s\n", a.id);
	return 0;
}

static int
cmd_list(const struct config *c, char *err, size_t errlen)
{
	struct silences s;
	time_t now = time(NULL);
	char path[4096], until[32];
	struct tm tm;

	silences_path(c->state_dir, path, sizeof(path));
	if (silences_load(path, &s, err, errlen) != 0)
		return 1;
	for (size_t i = 0; i < s.n; i++) {
		const struct silence *x = &s.v[i];
		time_t last = x->until - 1;

		gmtime_r(&last, &tm);
		strftime(until, sizeof(until), "%Y-%m-%d", &tm);
		printf("%s  %s%s%s  until %s%s  by %s: %s\n", x->id,
		    x->indicator, x->target ? "/" : "",
		    x->target ? x->target : "", until,
		    now >= x->until ? " (ended)" : "", x->by, x->reason);
	}
	silences_clear(&s);
	return 0;
}

int
silence_command(const struct config *c, int argc, char **argv)
{
	char err[512] = "";
	int rc;

	if (argc < 1)
		return usage();
	if (strcmp(argv[0], "add") == 0)
		rc = cmd_add(c, argc - 1, argv + 1, err, sizeof(err));
	else if (strcmp(argv[0], "list") == 0 && argc == 1)
		rc = cmd_list(c, err, sizeof(err));
	else if (strcmp(argv[0], "remove") == 0 && argc == 2)
		rc = silences_update(
			 c->state_dir, remove_change, argv[1], err, sizeof(err))
		    ? 1
		    : 0;
	else
		return usage();
	if (rc == 1)
		fprintf(stderr, "planwatch: silence: %s\n", err);
	return rc;
}
