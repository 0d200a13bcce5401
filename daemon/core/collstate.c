/*
 * collstate: one JSON object, collector id -> its state, kept as a
 * snapshot and a log of changed collectors (statelog.h): a cycle writes
 * the collectors whose state changed, not all of them.  The times of the
 * last fetch and success and the last outcome (200 or 304) alone are
 * written at most once an hour per collector (COLLSTATE_TIME_SLACK): a steady
 * cycle of 304s writes nothing, and after a crash the saved times are at most
 * that old. Read like any outside input: every field is checked and capped; a
 * collector that is no longer configured is dropped.  The validators are
 * written back into requests, so one that could end a header line is
 * ignored, and said.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "collstate.h"
#include "curlev.h"
#include "fnv.h"
#include "fsutil.h"
#include "buf.h"
#include "log.h"
#include "statelog.h"
#include "outbox.h"
#include "core.h"
#include "worker.h"

#define COLLSTATE_TIME_SLACK 3600

void
collstate_path(const char *state_dir, char *buf, size_t len)
{
	snprintf(buf, len, "%s/collectors.json", state_dir);
}

static json_t *
collector_json(const struct collector_state *cs)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:s, s:s}", "outcome",
	    fetch_outcome_name(cs->rt.last_outcome), "etag",
	    state_text(cs->rt.etag), "last_modified",
	    state_text(cs->rt.last_modified), "failures", (int)cs->rt.failures,
	    "last_fetch", (json_int_t)cs->rt.last_fetch, "last_success",
	    (json_int_t)cs->rt.last_success, "last_error",
	    state_text(cs->rt.last_error), "status",
	    cs->rt.failed ? "error" : "ok");
}

/* FNV-1a, 64 bits: a change detector, not a defence. */
static uint64_t
sum_bytes(uint64_t h, const void *p, size_t n)
{
	return fnv1a64_more(h, p, n);
}

static uint64_t
sum_text(uint64_t h, const char *s)
{
	return sum_bytes(h, s != NULL ? s : "", s != NULL ? strlen(s) + 1 : 1);
}

/*
 * A digest of what is saved of cs but its times and its last outcome:
 * an answer of 304 after one of 200 (or back) is no news to keep, and
 * would otherwise write every collector at every such turn.
 */
static uint64_t
collector_sum(const struct collector_state *cs)
{
	uint64_t h = FNV1A64_BASIS;
	int failed = cs->rt.failed;

	h = sum_bytes(h, &cs->rt.failures, sizeof(cs->rt.failures));
	h = sum_bytes(h, &failed, sizeof(failed));
	h = sum_text(h, cs->rt.etag);
	h = sum_text(h, cs->rt.last_modified);
	return sum_text(h, cs->rt.last_error);
}

static void
mark_saved(struct collector_state *cs, uint64_t sum)
{
	cs->rt.saved_sum = sum;
	cs->rt.saved_fetch = cs->rt.last_fetch;
	cs->rt.saved_success = cs->rt.last_success;
}

/* Every collector's record, dumped with flags. */
static char *
collectors_text(const struct core *core, size_t flags)
{
	json_t *o = json_object();
	char *text;

	for (size_t i = 0; i < core->conf->ncollectors; i++)
		json_object_set_new(o, core->conf->collectors[i].id,
		    collector_json(&core->colls[i]));
	text = json_dumps(o, flags | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

char *
collstate_text(const struct core *core)
{
	return collectors_text(core, JSON_INDENT(1));
}

char *
collstate_dump(struct core *core)
{
	char *text = collectors_text(core, JSON_COMPACT);

	for (size_t i = 0; text != NULL && i < core->conf->ncollectors; i++)
		mark_saved(&core->colls[i], collector_sum(&core->colls[i]));
	return text;
}

/* Whether cs must be written: a field changed, or a time moved far. */
static bool
collector_due(const struct collector_state *cs, uint64_t sum)
{
	return sum != cs->rt.saved_sum ||
	    cs->rt.last_fetch - cs->rt.saved_fetch >= COLLSTATE_TIME_SLACK ||
	    cs->rt.last_success - cs->rt.saved_success >= COLLSTATE_TIME_SLACK;
}

void
collstate_note(struct core *core, struct collector_state *cs)
{
	uint64_t sum = collector_sum(cs);
	json_t *rec;
	int rc;

	if (!collector_due(cs, sum))
		return;
	if ((rec = collector_json(cs)) == NULL) {
		core->state_full = true;
		return;
	}
	rc = statelog_line(&core->state_lines, cs->conf->id, rec);
	json_decref(rec);
	if (rc != 0) /* without memory: written whole later */
		core->state_full = true;
	else
		mark_saved(cs, sum);
}

/* Each indicator whose journal is damaged, and why: {"id": "why"}. */
static json_t *
journals_damaged(const struct core *core)
{
	json_t *o = json_object();

	for (size_t i = 0; o != NULL && i < core->conf->nindicators; i++)
		if (core->inds[i].journal_err != NULL)
			json_object_set_new(o, core->conf->indicators[i].id,
			    json_string(core->inds[i].journal_err));
	return o;
}

struct json_t *
collstate_status(const struct core *core)
{
	json_t *colls = json_object();
	size_t behind = 0;

	for (size_t i = 0; colls != NULL && i < core->conf->ncollectors; i++) {
		json_t *c = collector_json(&core->colls[i]);

		json_object_set_new(
		    c, "busy", json_boolean(core->colls[i].busy));
		json_object_set_new(c, "next_due",
		    json_integer((json_int_t)core->colls[i].rt.next_due));
		json_object_set_new(colls, core->conf->collectors[i].id, c);
	}
	for (size_t i = 0; i < core->conf->nindicators; i++)
		behind += core->inds[i].rrd_behind;
	return json_pack("{s:I, s:I, s:o, s:{s:I, s:I, s:I, s:I, s:I}, "
			 "s:{s:I, s:I, s:I}, s:I, s:o, s:{s:b, s:I, s:I}}",
	    "started", (json_int_t)core->started_at, "now",
	    (json_int_t)time(NULL), "collectors", colls, "queues", "transfers",
	    (json_int_t)curlev_active(core->cev), "worker_jobs",
	    (json_int_t)worker_pending(core->worker), "charts_drawing",
	    (json_int_t)core->rendering, "refreshing",
	    (json_int_t)core->refreshing, "catching_up",
	    (json_int_t)core->catching_up, "outbox", "queued",
	    (json_int_t)outbox_queued(core->outbox), "sending",
	    (json_int_t)outbox_busy(core->outbox), "failures",
	    (json_int_t)outbox_failures(core->outbox), "archives_behind",
	    (json_int_t)behind, "journals_damaged", journals_damaged(core),
	    "reload", "wanted", (int)core->reload_wanted, "applied",
	    (json_int_t)core->reloads_applied, "refused",
	    (json_int_t)core->reloads_refused);
}

/* Sets text *dst from string field key of o when it fits. */
static void
field(json_t *o, const char *key, char **dst, size_t max)
{
	const char *v = json_string_value(json_object_get(o, key));

	if (v != NULL && strlen(v) < max && strpbrk(v, "\r\n") == NULL)
		state_text_set(dst, v, max);
}

/*
 * Sets validator *dst from string field key of o unless it may not be
 * sent back (fetch_validator_check): a planted or damaged file must not
 * add a header to a request.  What is ignored is logged with the file
 * and the collector; the fetch is then unconditional.
 */
static void
validator(const char *path, const char *id, json_t *o, const char *key,
    char **dst, size_t max)
{
	const char *v = json_string_value(json_object_get(o, key));
	char why[64];

	if (v == NULL || *v == '\0')
		return;
	if (fetch_validator_check(v, max, why, sizeof(why)) != 0) {
		log_warn(
		    "%s: collector %s: %s ignored: %s", path, id, key, why);
		return;
	}
	state_text_set(dst, v, max);
}

static void
restore(const char *path, struct collector_state *cs, json_t *o)
{
	json_t *f = json_object_get(o, "failures");
	json_t *t = json_object_get(o, "last_success");
	const char *id = cs->conf->id;

	validator(path, id, o, "etag", &cs->rt.etag, STATE_ETAG_MAX);
	validator(path, id, o, "last_modified", &cs->rt.last_modified,
	    STATE_LAST_MODIFIED_MAX);
	field(o, "last_error", &cs->rt.last_error, STATE_ERROR_MAX);
	if (json_is_integer(f) && json_integer_value(f) >= 0 &&
	    json_integer_value(f) < 100000)
		cs->rt.failures = (unsigned)json_integer_value(f);
	if (json_is_integer(t) && json_integer_value(t) >= 0)
		cs->rt.last_success = (time_t)json_integer_value(t);
	/* What the file holds is saved: not written again unchanged. */
	mark_saved(cs, collector_sum(cs));
	if (json_is_integer(json_object_get(o, "last_fetch")))
		cs->rt.saved_fetch = (time_t)json_integer_value(
		    json_object_get(o, "last_fetch"));
}

void
collstate_load(struct core *core)
{
	char path[4096], err[4200];
	json_t *o;

	core->state_fold = true;
	buf_free(&core->state_lines);
	buf_init(&core->state_lines, COLLSTATE_LINES_MAX);
	collstate_path(core->conf->state_dir, path, sizeof(path));
	/* Read as planwatch's own files: a link planted there is refused
	 * (and the next write of the file says so again). */
	if (statelog_read(path, statelog_cap(core->conf->ncollectors), &o, err,
		sizeof(err)) != 0) {
		log_warn("%s; collector state ignored", err);
		return;
	}
	for (size_t i = 0; i < core->conf->ncollectors; i++) {
		json_t *c = json_object_get(o, core->conf->collectors[i].id);

		if (json_is_object(c))
			restore(path, &core->colls[i], c);
	}
	json_decref(o);
}
