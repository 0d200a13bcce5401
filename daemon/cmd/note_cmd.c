/*
 * note_cmd: planwatch note add | list | remove.  As planwatch set does
 * (entered_cmd.c), a change is written by the notes file's one writer:
 * this command when it takes the data directory's lock (no daemon runs),
 * else the running daemon, asked over its admin API (POST
 * /api/v1/admin/notes and /api/v1/admin/notes/remove with the token).
 * list only reads the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "admin_post.h"
#include "fsutil.h"
#include "note_cmd.h"
#include "notes.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: planwatch note add <indicator> <period>[..<period>] TEXT "
	    "--by NAME\n"
	    "       planwatch note list <indicator> [--all]\n"
	    "       planwatch note remove <indicator> <nid> --by NAME\n");
	return 2;
}

/* The daemon writes it: POST body (JSON) to path; 0 on 200 or 201. */
static int
through_daemon(const struct config *c, const char *path, json_t *body,
    char *err, size_t errlen)
{
	char *text, *answer = NULL;
	long code;

	if ((text = json_dumps(body, JSON_COMPACT)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	code = admin_post(c, path, text, strlen(text), "application/json",
	    &answer, err, errlen);
	free(text);
	if (code >= 0 && code != 200 && code != 201)
		snprintf(err, errlen, "%s: HTTP %ld: %.300s", path, code,
		    answer != NULL ? answer : "");
	/* Said as when written here, the daemon named. */
	if (code == 200 || code == 201) {
		json_t *a = answer ? json_loads(answer, 0, NULL) : NULL;

		printf("%s: note %lld %s by the running daemon\n",
		    json_string_value(json_object_get(body, "indicator")),
		    (long long)json_integer_value(json_object_get(a, "nid")),
		    code == 201 ? "added" : "removed");
		json_decref(a);
	}
	free(answer);
	return code == 200 || code == 201 ? 0 : -1;
}

/* The --by NAME of argv[from..]: NULL when missing or anything else. */
static const char *
by_option(int argc, char **argv, int from)
{
	if (argc != from + 2 || strcmp(argv[from], "--by") != 0)
		return NULL;
	return argv[from + 1];
}

/* Loads id's notes (ic its indicator); -1 with err. */
static int
load(const struct config *c, const struct indicator_conf *ic,
    struct note_list *l, char *path, size_t pathlen, char *err, size_t errlen)
{
	notes_path(c->data_dir, ic->id, path, pathlen);
	return notes_load(path, ic->freq, l, err, errlen);
}

static int
add_here(const struct config *c, const struct indicator_conf *ic,
    const struct period *from, const struct period *to, const char *text,
    const char *by, char *err, size_t errlen)
{
	struct note_list l = {0};
	char path[4096];
	unsigned nid;
	int rc = -1;

	if (fsutil_mkdirs(c->data_dir, err, errlen) == 0 &&
	    load(c, ic, &l, path, sizeof(path), err, errlen) == 0 &&
	    notes_add(path, &l, from, to, text, by, time(NULL), &nid, err,
		errlen) == 0) {
		printf("%s: note %u added\n", ic->id, nid);
		rc = 0;
	}
	note_list_clear(&l);
	return rc;
}

static int
remove_here(const struct config *c, const struct indicator_conf *ic,
    unsigned nid, const char *by, char *err, size_t errlen)
{
	struct note_list l = {0};
	char path[4096];
	int rc = -1;

	if (load(c, ic, &l, path, sizeof(path), err, errlen) == 0 &&
	    notes_remove(path, &l, nid, by, time(NULL), err, errlen) == 0) {
		printf("%s: note %u removed\n", ic->id, nid);
		rc = 0;
	}
	note_list_clear(&l);
	return rc;
}

/* Here when the lock is free, else through the daemon. */
static int
write_one(const struct config *c, const struct indicator_conf *ic, json_t *ask,
    const char *route, char *err, size_t errlen)
{
	int lock, rc;

	if ((lock = fsutil_lock_dir(c->data_dir, c->instance, err, errlen)) < 0)
		return through_daemon(c, route, ask, err, errlen);
	if (json_object_get(ask, "nid") != NULL)
		rc = remove_here(c, ic,
		    (unsigned)json_integer_value(json_object_get(ask, "nid")),
		    json_string_value(json_object_get(ask, "by")), err, errlen);
	else {
		struct period from, to;

		rc = notes_span_parse(
			 json_string_value(json_object_get(ask, "span")),
			 ic->freq, &from, &to, err, errlen) != 0
		    ? -1
		    : add_here(c, ic, &from, &to,
			  json_string_value(json_object_get(ask, "text")),
			  json_string_value(json_object_get(ask, "by")), err,
			  errlen);
	}
	close(lock);
	return rc;
}

static int
cmd_add(const struct config *c, const struct indicator_conf *ic, int argc,
    char **argv, char *err, size_t errlen)
{
	const char *by = by_option(argc, argv, 2);
	struct period from, to;
	char f[PERIOD_TEXT_MAX], t[PERIOD_TEXT_MAX], why[80];
	json_t *ask;
	int rc;

	if (by == NULL)
		return 2;
	/* Checked here first: a refusal needs no daemon. */
	if (notes_span_parse(argv[0], ic->freq, &from, &to, err, errlen) != 0)
		return 1;
	if (note_check_text(argv[1], NOTE_TEXT_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "text: %s", why);
		return 1;
	}
	if (note_check_text(by, NOTE_BY_MAX, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "by: %s", why);
		return 1;
	}
	period_format(&from, f, sizeof(f));
	period_format(&to, t, sizeof(t));
	ask = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "indicator", ic->id,
	    "span", argv[0], "from", f, "to", t, "text", argv[1], "by", by);
	if (ask == NULL) {
		snprintf(err, errlen, "text or by: not UTF-8");
		return 1;
	}
	rc = write_one(c, ic, ask, "/api/v1/admin/notes", err, errlen);
	json_decref(ask);
	return rc == 0 ? 0 : 1;
}

static int
cmd_remove(const struct config *c, const struct indicator_conf *ic, int argc,
    char **argv, char *err, size_t errlen)
{
	const char *by = by_option(argc, argv, 1);
	char *end;
	unsigned long nid;
	json_t *ask;
	int rc;

	if (by == NULL)
		return 2;
	nid = strtoul(argv[0], &end, 10);
	if (*argv[0] < '1' || *argv[0] > '9' || *end != '\0' ||
	    nid > 1000000000) {
		snprintf(err, errlen, "not a note number: '%.40s'", argv[0]);
		return 1;
	}
	ask = json_pack("{s:s,s:I,s:s}", "indicator", ic->id, "nid",
	    (json_int_t)nid, "by", by);
	if (ask == NULL) {
		snprintf(err, errlen, "by: not UTF-8");
		return 1;
	}
	rc = write_one(c, ic, ask, "/api/v1/admin/notes/remove", err, errlen);
	json_decref(ask);
	return rc == 0 ? 0 : 1;
}

/* One note's line of list: "3  2022  text  (by NAME, AT)". */
static void
print_note(const struct note *n)
{
	char span[2 * PERIOD_TEXT_MAX + 2], at[32], gone[32];

	note_span(n, span, sizeof(span));
	notes_time_format(n->at, at, sizeof(at));
	printf(
	    "%u\t%s\t%s\t(added by %s, %s", n->nid, span, n->text, n->by, at);
	if (n->removed) {
		notes_time_format(n->removed_at, gone, sizeof(gone));
		printf("; removed by %s, %s", n->removed_by, gone);
	}
	printf(")\n");
}

static int
cmd_list(const struct config *c, const struct indicator_conf *ic, int argc,
    char **argv, char *err, size_t errlen)
{
	bool all = argc == 1 && strcmp(argv[0], "--all") == 0;
	struct note_list l = {0};
	char path[4096];

	if (argc != 0 && !all)
		return 2;
	if (load(c, ic, &l, path, sizeof(path), err, errlen) != 0)
		return 1;
	for (size_t i = 0; i < l.n; i++)
		if (all || !l.v[i].removed)
			print_note(&l.v[i]);
	note_list_clear(&l);
	return 0;
}

int
note_command(const struct config *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int args; /* after the indicator, at least */
		int (*fn)(const struct config *, const struct indicator_conf *,
		    int, char **, char *, size_t);
	} ops[] = {
	    {"add", 4, cmd_add},
	    {"list", 0, cmd_list},
	    {"remove", 3, cmd_remove},
	};
	const struct indicator_conf *ic;
	char err[1200] = "";
	int rc;

	if (argc < 2)
		return usage();
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		if (strcmp(argv[0], ops[k].name) != 0)
			continue;
		if (argc - 2 < ops[k].args)
			return usage();
		if ((ic = config_indicator(c, argv[1])) == NULL) {
			fprintf(stderr,
			    "planwatch: note %s: no indicator "
			    "'%.64s'\n",
			    argv[0], argv[1]);
			return 1;
		}
		rc = ops[k].fn(c, ic, argc - 2, argv + 2, err, sizeof(err));
		if (rc == 2)
			return usage();
		if (rc != 0)
			fprintf(
			    stderr, "planwatch: note %s: %s\n", argv[0], err);
		return rc;
	}
	return usage();
}
