/*
 * entered_cmd: planwatch set <id> <period> <value> --source TEXT --by
 * NAME [--note TEXT].  The value is checked here (entered.c, as the admin
 * API checks a batch), then written by the journal's one writer: this
 * command itself when it can take the data directory's lock (no daemon
 * runs), else the running daemon, asked over its admin API (POST
 * /api/v1/admin/values with the token of admin_token_file), whose worker
 * journals it.  Never both: the lock decides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin_post.h"
#include "entered.h"
#include "entered_cmd.h"
#include "fsutil.h"
#include "store.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: planwatch set <indicator> <period> <value> "
	    "--source TEXT --by NAME [--note TEXT]\n");
	return 2;
}

/* Appends one CSV field, quoted (texts hold no control character). */
static void
csv_field(FILE *f, const char *text, const char *end)
{
	fputc('"', f);
	for (const char *p = text ? text : ""; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fprintf(f, "\"%s", end);
}

/* The one-row batch as the admin API takes it; NULL when out of memory. */
static char *
batch_csv(const char *const cell[6], size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	if (f == NULL)
		return NULL;
	fprintf(f, "indicator,period,value,source,by,note\n");
	for (size_t k = 0; k < 6; k++)
		csv_field(f, cell[k], k == 5 ? "\n" : ",");
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The daemon journals it: POST /api/v1/admin/values. */
static int
set_through_daemon(
    const struct config *c, const char *const cell[6], char *err, size_t errlen)
{
	char *body = NULL, *csv;
	size_t len;
	long code;

	if ((csv = batch_csv(cell, &len)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	code = admin_post(c, "/api/v1/admin/values", csv, len, "text/csv",
	    &body, err, errlen);
	free(csv);
	if (code >= 0 && code != 202)
		snprintf(err, errlen, "/api/v1/admin/values: HTTP %ld: %.300s",
		    code, body != NULL ? body : "");
	free(body);
	return code == 202 ? 0 : -1;
}

/* No daemon runs (this command holds the lock): it journals itself. */
static int
set_here(const struct config *c, const struct entered_value *v, char *err,
    size_t errlen)
{
	const struct indicator_conf *ic = &c->indicators[v->indicator];
	struct obs_list stored = {0};
	struct journal_entry e;
	char journal[4096], rrd[4096], period[PERIOD_TEXT_MAX];
	size_t written;
	int rc = -1;

	journal_path(c->data_dir, ic->id, journal, sizeof(journal));
	store_path(c->data_dir, ic->id, rrd, sizeof(rrd));
	if (fsutil_mkdirs(c->data_dir, err, errlen) != 0 ||
	    journal_load(journal, ic->freq, &stored, NULL, err, errlen) < 0)
		goto out;
	entered_entry(v, &stored, c->revision_tolerance, time(NULL), &e);
	if (journal_append(journal, &e, 1, err, errlen) != 0)
		goto out;
	period_format(&v->period, period, sizeof(period));
	printf("%s %s: entered%s\n", ic->id, period,
	    e.has_replaced ? " (a revision)" : "");
	/* The journal holds it; the archive follows from the journal. */
	obs_list_clear(&stored);
	if (journal_load(journal, ic->freq, &stored, NULL, err, errlen) < 0 ||
	    store_rebuild(rrd, ic->freq, &stored, &written, err, errlen) != 0) {
		fprintf(stderr,
		    "planwatch: %s (the journal has the value: run "
		    "planwatch rebuild %s)\n",
		    err, ic->id);
		rc = 0;
		goto out;
	}
	rc = 0;
out:
	obs_list_clear(&stored);
	return rc;
}

int
set_command(const struct config *c, int argc, char **argv)
{
	/* indicator, period, value, source, by, note: the batch's columns */
	const char *cell[6] = {NULL};
	struct entered_batch b = {0};
	char err[1200] = "";
	int lock, rc = 1;

	if (argc < 3)
		return usage();
	memcpy(cell, argv, 3 * sizeof(*cell));
	for (int i = 3; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "--source") == 0)
			cell[3] = argv[i + 1];
		else if (strcmp(argv[i], "--by") == 0)
			cell[4] = argv[i + 1];
		else if (strcmp(argv[i], "--note") == 0)
			cell[5] = argv[i + 1];
		else
			return usage();
	}
	if (entered_add(&b, c, cell[0], cell[1], cell[2], cell[3], cell[4],
		cell[5], time(NULL), err, sizeof(err)) != 0) {
		fprintf(stderr, "planwatch: set: %s\n", err);
		return 1;
	}
	if ((lock = fsutil_lock_dir(
		 c->data_dir, c->instance, err, sizeof(err))) >= 0) {
		rc = set_here(c, &b.v[0], err, sizeof(err)) == 0 ? 0 : 1;
		close(lock);
	} else if (set_through_daemon(c, cell, err, sizeof(err)) == 0) {
		printf("%s %s: sent to the running daemon, which journals "
		       "it\n",
		    cell[0], cell[1]);
		rc = 0;
	}
	if (rc != 0)
		fprintf(stderr, "planwatch: set: %s\n", err);
	entered_batch_clear(&b);
	return rc;
}
