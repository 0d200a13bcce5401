/*
 * reload_cmd: the configuration was loaded and checked by main before
 * this runs, so a file with errors is never sent to the daemon.  The
 * request goes over the admin HTTP endpoint (POST /api/v1/admin/reload
 * with the token of admin_token_file), or as SIGHUP to the pid in
 * --pidfile.  Then the daemon's reload counters (GET /api/v1/status) say
 * whether it applied or refused the file: a reload waits for the
 * transfers under way, so this polls for up to a minute.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "clock.h"
#include "daemon_client.h"
#include "fsutil.h"
#include "lifecycle.h"
#include "reload_cmd.h"
#include "web.h"

#define RELOAD_WAIT_SECONDS 60

struct counts {
	json_int_t applied, refused;
};

static int
counts_get(const struct config *c, struct counts *n, char *err, size_t len)
{
	json_t *doc = daemon_client_status(c, err, len);
	json_t *rl;

	if (doc == NULL)
		return -1;
	rl = json_object_get(doc, "reload");
	n->applied = json_integer_value(json_object_get(rl, "applied"));
	n->refused = json_integer_value(json_object_get(rl, "refused"));
	json_decref(doc);
	return 0;
}

/* SIGHUP to the pid written in path (by `run --pidfile`). */
static int
signal_pidfile(const char *path, char *err, size_t errlen)
{
	char *text, *end;
	size_t len;
	long pid;

	if (fsutil_read_capped(path, 32, &text, &len, err, errlen) != 0)
		return -1;
	errno = 0;
	pid = strtol(text, &end, 10);
	if (errno != 0 || end == text || (*end != '\n' && *end != '\0') ||
	    pid <= 1) {
		snprintf(err, errlen, "%s: not a process id", path);
		free(text);
		return -1;
	}
	free(text);
	if (kill((pid_t)pid, SIGHUP) != 0) {
		snprintf(err, errlen, "%s: process %ld: %s", path, pid,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* POST /api/v1/admin/reload with the admin token. */
static int
ask_http(const struct config *c, char *err, size_t errlen)
{
	char url[600], *token, *body = NULL;
	long code;

	if (c->admin_token_file == NULL) {
		snprintf(err, errlen,
		    "the daemon's admin endpoints are off (no "
		    "admin_token_file in %s): use --pidfile PATH, `systemctl "
		    "reload planwatch` or `kill -HUP`",
		    c->path);
		return -1;
	}
	if (daemon_client_url(c, "/api/v1/admin/reload", url, sizeof(url)) !=
	    0) {
		snprintf(err, errlen,
		    "the daemon has no HTTP server (listen: off): use "
		    "--pidfile PATH, `systemctl reload planwatch` or `kill "
		    "-HUP`");
		return -1;
	}
	if ((token = web_token_read(c->admin_token_file,
		 lifecycle_run_uid(c->user), err, errlen)) == NULL)
		return -1;
	code = daemon_client_request(url, true, token, &body, err, errlen);
	memset(token, 0, strlen(token));
	free(token);
	if (code >= 0 && code != 202)
		snprintf(err, errlen, "%s: HTTP %ld: %.200s", url, code, body);
	free(body);
	return code == 202 ? 0 : -1;
}

int
reload_command(const struct config *c, int argc, char **argv)
{
	const char *pidfile = NULL;
	struct counts before, after;
	bool can_watch;
	char err[800];
	double end;

	if (argc == 2 && strcmp(argv[0], "--pidfile") == 0) {
		pidfile = argv[1];
	} else if (argc != 0) {
		fprintf(stderr, "usage: planwatch reload [--pidfile PATH]\n");
		return 2;
	}
	can_watch = counts_get(c, &before, err, sizeof(err)) == 0;
	if (!can_watch && pidfile == NULL) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	if ((pidfile != NULL ? signal_pidfile(pidfile, err, sizeof(err))
			     : ask_http(c, err, sizeof(err))) != 0) {
		fprintf(stderr, "planwatch: reload: %s\n", err);
		return 1;
	}
	if (!can_watch) {
		printf("planwatch: reload requested (SIGHUP); the daemon's log "
		       "says whether it was applied\n");
		return 0;
	}
	end = clock_now_mono() + RELOAD_WAIT_SECONDS;
	while (clock_now_mono() < end) {
		struct timespec pause = {0, 200000000};

		nanosleep(&pause, NULL);
		if (counts_get(c, &after, err, sizeof(err)) != 0)
			continue; /* a moment without an answer */
		if (after.refused > before.refused) {
			fprintf(stderr,
			    "planwatch: the daemon refused its configuration "
			    "(its log lists the errors) and keeps the running "
			    "one\n");
			return 1;
		}
		if (after.applied > before.applied) {
			printf("planwatch: configuration reloaded\n");
			return 0;
		}
	}
	fprintf(stderr,
	    "planwatch: reload requested, not applied after %d s: the "
	    "daemon waits for its transfers under way; its log will say\n",
	    RELOAD_WAIT_SECONDS);
	return 1;
}
