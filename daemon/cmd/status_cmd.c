/*
 * status_cmd: prints what the daemon's GET /api/v1/status says
 * (daemon_client asks it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "daemon_client.h"
#include "status_cmd.h"

/* "2026-11-27 08:01 UTC+8" (the configuration's zone), or "-": never. */
static const char *
when(const struct tz *tz, json_int_t t, char *buf, size_t len)
{
	if (t <= 0)
		return "-";
	tz_datetime(tz, (time_t)t, buf, len);
	return buf;
}

static json_int_t
num(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);

	return json_integer_value(b != NULL ? json_object_get(v, b) : v);
}

/* One line per damaged journal, with what to do. */
static void
print_journals_damaged(json_t *doc)
{
	const char *id;
	json_t *why;

	json_object_foreach(json_object_get(doc, "journals_damaged"), id, why)
	{
		printf("journal damaged: %s (%s); no new value is taken until "
		       "planwatch journal repair %s\n",
		    id, json_is_string(why) ? json_string_value(why) : "?", id);
	}
}

static void
print_status(json_t *doc, const struct tz *tz)
{
	json_int_t up = num(doc, "now", NULL) - num(doc, "started", NULL);
	char t1[64], t2[64], t3[64];
	const char *id;
	json_t *c;

	printf("planwatch: up %lldh%02lldm (since %s)\n", (long long)up / 3600,
	    (long long)(up % 3600) / 60,
	    when(tz, num(doc, "started", NULL), t1, sizeof(t1)));
	printf("queues: %lld transfers, %lld worker jobs, %lld charts "
	       "drawing, %lld archives catching up; archives behind: %lld\n",
	    (long long)num(doc, "queues", "transfers"),
	    (long long)num(doc, "queues", "worker_jobs"),
	    (long long)num(doc, "queues", "charts_drawing"),
	    (long long)num(doc, "queues", "catching_up"),
	    (long long)num(doc, "archives_behind", NULL));
	printf("outbox: %lld queued, %lld sending, %lld failed deliveries "
	       "since the start\n",
	    (long long)num(doc, "outbox", "queued"),
	    (long long)num(doc, "outbox", "sending"),
	    (long long)num(doc, "outbox", "failures"));
	printf("reloads: %lld applied, %lld refused since the start%s\n",
	    (long long)num(doc, "reload", "applied"),
	    (long long)num(doc, "reload", "refused"),
	    json_is_true(
		json_object_get(json_object_get(doc, "reload"), "wanted"))
		? "; one waits for the transfers under way"
		: "");
	print_journals_damaged(doc);
	printf("%-24s %-6s %-21s %-21s %8s %-21s %s\n", "collector", "status",
	    "last fetch", "last success", "failures", "next due", "error");
	json_object_foreach(json_object_get(doc, "collectors"), id, c)
	{
		printf("%-24s %-6s %-21s %-21s %8lld %-21s %s\n", id,
		    json_is_true(json_object_get(c, "busy"))
			? "busy"
			: json_string_value(json_object_get(c, "status")),
		    when(tz, num(c, "last_fetch", NULL), t1, sizeof(t1)),
		    when(tz, num(c, "last_success", NULL), t2, sizeof(t2)),
		    (long long)num(c, "failures", NULL),
		    when(tz, num(c, "next_due", NULL), t3, sizeof(t3)),
		    json_string_value(json_object_get(c, "last_error")));
	}
}

int
status_command(const struct config *c, int argc, char **argv)
{
	char err[800];
	json_t *doc;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: planwatch status\n");
		return 2;
	}
	if ((doc = daemon_client_status(c, err, sizeof(err))) == NULL) {
		fprintf(stderr, "planwatch: %s\n", err);
		return 1;
	}
	print_status(doc, c->tz);
	json_decref(doc);
	return 0;
}
