/*
 * alert_report: the scheduled "state of the plan" report of the routes
 * that ask for one (route.report).  The reports book,
 * state_dir/reports.json, remembers per route (keyed by its recipients,
 * which outlive a reordering of the routes) the slot last reported and
 * the status of every pair then, so that the next report says what
 * changed:
 *   {"leadership@cangshan.example": {"slot": 1793581200,
 *     "statuses": {"gdp/reach": "off_track", ...},
 *     "documents": ["annual-2025", "final"]}}
 * "documents" are the plan office's documents mailed to the route
 * (alert_doc.c), each once; a route of documents alone has no slot.
 * It is written in the same worker job as the alert book, after the
 * messages; its Message-ID comes from the route and the slot, so a report
 * composed again after a crash is recognised in the outbox.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alert.h"
#include "alert_impl.h"
#include "chart.h"
#include "fsutil.h"
#include "log.h"
#include "plan_report.h"
#include "core.h"
#include "schedule.h"

/* The reports book read back: one entry per route, far below this. */
#define REPORTS_MAX_BYTES (16u << 20)

/*
 * A route's record: the slot and statuses of its scheduled report, and
 * the documents mailed to it ("documents": ["annual-2025", "final"]); a
 * route of documents alone has no slot yet.
 */
static bool
book_entry_ok(json_t *v)
{
	json_t *slot = json_object_get(v, "slot");
	json_t *statuses = json_object_get(v, "statuses");
	json_t *docs = json_object_get(v, "documents");
	const char *key;
	size_t i;
	json_t *s;

	if (docs != NULL) {
		if (!json_is_array(docs))
			return false;
		json_array_foreach(docs, i, s)
		{
			if (!json_is_string(s))
				return false;
		}
		if (slot == NULL && statuses == NULL)
			return true;
	}
	if (!json_is_integer(slot) || json_integer_value(slot) < 0 ||
	    !json_is_object(statuses))
		return false;
	json_object_foreach(statuses, key, s)
	{
		if (!json_is_string(s))
			return false;
	}
	return true;
}

json_t *
alert_reports_load(const char *path, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *book, *v;
	const char *key;
	char *text;
	size_t len;

	/* Read as planwatch's own file: a link planted there is refused. */
	if (fsutil_read_own(
		path, REPORTS_MAX_BYTES, &text, &len, err, errlen) != 0)
		return errno == ENOENT ? json_object() : NULL;
	book = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (!json_is_object(book)) {
		snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line,
		    jerr.column, book ? "not a JSON object" : jerr.text);
		json_decref(book);
		return NULL;
	}
	json_object_foreach(book, key, v)
	{
		if (!book_entry_ok(v)) {
			snprintf(err, errlen,
			    "%s: route %s: expected {\"slot\": seconds, "
			    "\"statuses\": {pair: status}, \"documents\": "
			    "[name]}",
			    path, key);
			json_decref(book);
			return NULL;
		}
	}
	return book;
}

void
alert_route_key(const struct route_conf *rt, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < rt->nto && off < len; i++)
		off += (size_t)snprintf(
		    buf + off, len - off, "%s%s", i ? "," : "", rt->to[i]);
}

static enum status
status_parse(const char *name)
{
	for (int s = 0; s < STATUS_COUNT; s++)
		if (name != NULL &&
		    strcmp(status_name((enum status)s), name) == 0)
			return (enum status)s;
	return STATUS_COUNT;
}

struct report_ctx {
	struct core *core;
	json_t *before; /* pair -> status name at the last report */
};

static enum status
before_of(const char *pair, void *arg)
{
	struct report_ctx *x = arg;

	return status_parse(
	    json_string_value(json_object_get(x->before, pair)));
}

static bool
has_spark(size_t i, void *arg)
{
	struct report_ctx *x = arg;

	return x->core->conf->graphs && x->core->inds[i].obs.n > 0;
}

/*
 * The judgements as the report shows them: for a route that receives
 * operations a pair whose feed failed is feed_error, as in the alerts;
 * for the others (leadership) it keeps its last judgement, since a
 * failing server is not theirs to act on.  One block; free the pointer
 * array's first element, then the array.
 */
static const struct judgement **
judgements(struct core *core, bool ops)
{
	const struct config *c = core->conf;
	const struct judgement **j = calloc(c->nindicators + 1, sizeof(*j));
	struct judgement *all;
	size_t total = 0, k = 0;

	for (size_t i = 0; i < c->nindicators; i++)
		total += c->indicators[i].ntargets;
	if (j == NULL || (all = calloc(total + 1, sizeof(*all))) == NULL) {
		free(j);
		return NULL;
	}
	for (size_t i = 0; i < c->nindicators; i++) {
		j[i] = &all[k];
		for (size_t t = 0; t < c->indicators[i].ntargets; t++) {
			all[k] = core->inds[i].j[t];
			if (ops && core->inds[i].feed_error)
				all[k].status = STATUS_FEED_ERROR;
			k++;
		}
	}
	return j;
}

static void
judgements_free(const struct judgement **j)
{
	if (j != NULL)
		free((void *)j[0]);
	free(j);
}

/* The statuses of the pairs route rt covers, for the book. */
static json_t *
statuses_json(struct core *core, const struct route_conf *rt,
    const struct judgement *const *j)
{
	json_t *o = json_object();

	for (size_t i = 0; o != NULL && i < core->conf->nindicators; i++) {
		const struct indicator_conf *ic = &core->conf->indicators[i];
		bool mine = rt->nowners == 0;

		for (size_t k = 0; k < rt->nowners; k++)
			mine |=
			    ic->owner && strcmp(ic->owner, rt->owners[k]) == 0;
		for (size_t t = 0; mine && t < ic->ntargets; t++) {
			char key[256];

			snprintf(key, sizeof(key), "%s/%s", ic->id,
			    ic->targets[t].id);
			json_object_set_new(
			    o, key, json_string(status_name(j[i][t].status)));
		}
	}
	return o;
}

static struct mail_parts *
report_parts(struct core *core, struct plan_report *pr)
{
	struct mail_parts *p = calloc(1, sizeof(*p));
	char path[4096], cid[256], name[256];

	if (p == NULL ||
	    (p->images = calloc(pr->nsparks + 1, sizeof(*p->images))) == NULL) {
		free(p);
		return NULL;
	}
	p->html = pr->html;
	pr->html = NULL;
	for (size_t k = 0; k < pr->nsparks; k++) {
		const char *id = core->conf->indicators[pr->sparks[k]].id;

		chart_path(
		    core->conf->graph_dir, id, GRAPH_SPARK, path, sizeof(path));
		plan_report_spark_cid(id, cid, sizeof(cid));
		snprintf(name, sizeof(name), "%s.spark.png", id);
		if (alert_image_add(p, cid, name, path) != 0) {
			mail_parts_free(p);
			return NULL;
		}
	}
	return p;
}

static char *
report_webhook_json(const struct message *m, const struct plan_report *pr)
{
	json_t *doc = json_pack("{s:s, s:s, s:s, s:s}", "message_id", m->msgid,
	    "kind", "report", "subject", pr->subject, "text", pr->text);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;

	json_decref(doc);
	return text;
}

/* Composes route rt's report into m; 0, or -1 (logged). */
static int
report_message(struct core *core, const struct route_conf *rt, const char *key,
    time_t slot, json_t *entry, const struct judgement *const *j,
    struct message *m)
{
	struct report_ctx x = {core, json_object_get(entry, "statuses")};
	struct plan_report pr;
	struct plan_report_in in = {.conf = core->conf,
	    .route = rt,
	    .j = j,
	    .slot = slot,
	    .since = (time_t)json_integer_value(json_object_get(entry, "slot")),
	    .before = before_of,
	    .has_spark = has_spark,
	    .arg = &x};
	enum mail_transport tr = core->conf->smtp.transport;
	char ident[512];
	int rc;

	if (plan_report_compose(&in, &pr) != 0)
		return -1;
	/* The route and the slot are the report's identity: composed again
	 * after a crash (other numbers perhaps), it is the same message. */
	snprintf(ident, sizeof(ident), "report %s %lld", key, (long long)slot);
	alert_message_id(core, ident, strlen(ident), m);
	rc = alert_message_fill(core, rt, pr.subject, pr.text,
	    tr != MAIL_WEBHOOK ? report_parts(core, &pr) : NULL,
	    tr == MAIL_WEBHOOK ? report_webhook_json(m, &pr) : NULL, m);
	plan_report_free(&pr);
	return rc;
}

void
alert_reports_due(struct core *core, time_t now, json_t *book,
    struct message *msgs, size_t *n)
{
	/* Built when first needed: [1] for routes receiving operations. */
	const struct judgement **views[2] = {NULL, NULL};

	for (size_t i = 0; i < core->conf->nroutes; i++) {
		const struct route_conf *rt = &core->conf->routes[i];
		time_t slot = schedule_last(&rt->report, now);
		bool ops = rt->receives & RECEIVES_OPERATIONS;
		const struct judgement **j;
		char key[1024];
		json_t *entry;

		if (slot == 0)
			continue;
		alert_route_key(rt, key, sizeof(key));
		/* A route of documents alone until now has no slot. */
		entry = json_object_get(book, key);
		if (entry != NULL && json_object_get(entry, "slot") == NULL)
			entry = NULL;
		if (entry != NULL &&
		    json_integer_value(json_object_get(entry, "slot")) >= slot)
			continue;
		if (views[ops] == NULL &&
		    (views[ops] = judgements(core, ops)) == NULL)
			break;
		j = views[ops];
		if (entry != NULL && core->conf->smtp.transport != MAIL_NONE) {
			if (report_message(
				core, rt, key, slot, entry, j, &msgs[*n]) == 0)
				(*n)++;
			else
				log_error(
				    "alerts: cannot compose the report of "
				    "the route at line %d",
				    rt->where.line);
		}
		log_info("alerts: %s report of %s for slot %lld",
		    entry != NULL ? "queued the" : "first slot recorded, no",
		    key, (long long)slot);
		/* Into the record as it is: its documents stay. */
		if ((entry = json_object_get(book, key)) == NULL) {
			entry = json_object();
			json_object_set_new(book, key, entry);
		}
		json_object_set_new(entry, "slot", json_integer(slot));
		json_object_set_new(
		    entry, "statuses", statuses_json(core, rt, j));
	}
	judgements_free(views[0]);
	judgements_free(views[1]);
}
