/*
 * journal_cmd: check reads beside a running daemon (a load never changes
 * a journal); repair writes the journal, so it takes the data_dir lock
 * like rebuild and import, and refuses while the daemon holds it.  Both
 * print what they found line by line, numbered as the load numbers them
 * (the header is line 1), so that the report and the daemon's log name
 * the same line.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "journal.h"
#include "journal_cmd.h"

/* The damaged lines listed in d, and how many more there are. */
static void
print_bad_lines(const struct journal_damage *d)
{
	for (size_t i = 0; i < d->nlisted; i++)
		printf("  line %zu: %s\n", d->listed[i].line, d->listed[i].why);
	if (d->bad > d->nlisted)
		printf("  and %zu more\n", d->bad - d->nlisted);
}

/* The torn last line, when there is one: not damage. */
static void
print_torn(const struct journal_damage *d, const char *verb)
{
	if (d->torn_line > 0)
		printf("  line %zu, the last: cut short by a crash during a "
		       "write; %s\n",
		    d->torn_line, verb);
}

/* planwatch journal check <id>: 0 sound, 1 damaged or unreadable. */
static int
journal_check_cmd(
    const struct config *c, const struct indicator_conf *ic, const char *path)
{
	struct obs_list obs = {0};
	struct journal_damage d;
	char err[512];
	long n =
	    journal_salvage(path, ic->freq, &obs, NULL, &d, err, sizeof(err));

	(void)c;
	obs_list_clear(&obs);
	if (n < 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	if (d.lines == 0) {
		printf("%s: no journal yet\n", path);
		return 0;
	}
	if (d.bad == 0) {
		printf("%s: sound, %zu record(s)\n", path, d.good);
		print_torn(&d, "the next append cuts it off");
		return 0;
	}
	printf("%s: damaged: %zu good record(s), %zu damaged line(s)\n", path,
	    d.good, d.bad);
	print_bad_lines(&d);
	print_torn(&d, "dropped");
	printf("to keep the good records (those before and after the damage) "
	       "in a new journal: planwatch journal repair %s\n",
	    ic->id);
	return 1;
}

/* planwatch journal repair <id>, under the data_dir lock. */
static int
journal_repair_cmd(
    const struct config *c, const struct indicator_conf *ic, const char *path)
{
	struct journal_damage d;
	char err[512], aside[4200];
	int lock, rc;

	/* Not beside a running daemon: it appends to the journals. */
	if ((lock = fsutil_lock_dir(
		 c->data_dir, c->instance, err, sizeof(err))) < 0) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	rc = journal_repair(path, ic->freq, time(NULL), &d, aside,
	    sizeof(aside), err, sizeof(err));
	close(lock);
	if (rc != 0) {
		fprintf(stderr, "planwatch: %s (nothing changed)\n", err);
		return 1;
	}
	if (d.bad == 0) {
		printf("%s: no damaged record, nothing to repair\n", path);
		return 0;
	}
	printf("%s: repaired: kept %zu good record(s), dropped %zu damaged "
	       "line(s):\n",
	    path, d.good, d.bad);
	print_bad_lines(&d);
	print_torn(&d, "dropped");
	printf("the damaged journal is kept as %s\n", aside);
	printf("at its next start planwatch checks the archive of %s against "
	       "the repaired journal\n",
	    ic->id);
	return 0;
}

int
journal_command(const struct config *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(const struct config *, const struct indicator_conf *,
		    const char *);
	} table[] = {
	    {"check", journal_check_cmd},
	    {"repair", journal_repair_cmd},
	};
	const struct indicator_conf *ic;
	char path[4096];

	for (size_t i = 0; argc == 2 && i < sizeof(table) / sizeof(table[0]);
	     i++) {
		if (strcmp(argv[0], table[i].name) != 0)
			continue;
		if ((ic = config_indicator(c, argv[1])) == NULL) {
			fprintf(stderr, "planwatch: no indicator '%s' in %s\n",
			    argv[1], c->path);
			return 1;
		}
		journal_path(c->data_dir, ic->id, path, sizeof(path));
		return table[i].fn(c, ic, path);
	}
	fprintf(stderr, "usage: planwatch journal check|repair <indicator>\n");
	return 2;
}
