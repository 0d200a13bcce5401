/*
 * alert: evaluation.  For every pair the current status is feed_error when
 * its collector failed, otherwise the judgement's; alert_state.c decides,
 * from the pair's record in the book, whether that is news (flap control,
 * resolution, repeats, silences).  A route takes an event when the
 * event's severity is among its own and, if it lists owners, the
 * indicator's owner is one of them; repeats of what stays critical go
 * only into a route's message that has news anyway.
 *
 * The book (state_dir/alerts.json) holds per pair the status notified,
 * the status pending with its count, and when it was last sent; a book of
 * the first format (pair -> status name) is read as notified statuses.
 *
 * The book and reports.json are written only when they changed (and once
 * per start), so a cycle in which no pair moved writes neither.
 *
 * Ordering: the messages and the new book are written by one worker job,
 * messages first.  A crash between the two repeats a notice at the next
 * run rather than losing it; PRODUCT.md prefers that side.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "alert.h"
#include "alert_impl.h"
#include "alert_state.h"
#include "buf.h"
#include "chart.h"
#include "collstate.h"
#include "config_text.h"
#include "crashpoint.h"
#include "digest.h"
#include "evaluate.h"
#include "fnv.h"
#include "fsutil.h"
#include "log.h"
#include "mail_compose.h"
#include "outbox.h"
#include "core.h"
#include "statelog.h"
#include "worker.h"

/* The book's cap grows with the pairs it may hold. */
#define BOOK_BYTES_BASE (1u << 20)
#define BOOK_BYTES_PER_PAIR 1024u
/* The collectors' log is folded into its snapshot past this size. */
#define COLLSTATE_FOLD_OVER (1u << 20)

struct alert_book {
	json_t *pairs; /* key -> status name */
	bool dirty; /* changed since it was last written */
};

struct commit {
	struct core *core;
	char book_path[4096];
	char outbox_dir[4096];
	char *book_text;
	char reports_path[4096];
	char *reports_text; /* reports.json */
	char *coll_text; /* collectors.json whole, or NULL */
	struct buf coll_lines; /* or the changed collectors' log lines */
	size_t coll_max; /* its cap, for a fold of the log */
	bool coll_fold; /* fold the log into the snapshot now */
	char coll_path[4096];
	struct message *msgs;
	size_t nmsgs;
	int rc;
	char err[512];
};

/* The status name of an earlier version that data overdue was. */
#define LEGACY_STALE "stale"

/*
 * A status of the book: 0 with *s set (STATUS_COUNT for a status of
 * earlier versions that is a flag now, "stale"), -1 when unknown.
 */
static int
status_parse(const char *name, enum status *s, bool *stale)
{
	if (name != NULL && strcmp(name, LEGACY_STALE) == 0) {
		*s = STATUS_COUNT;
		*stale = true;
		return 0;
	}
	for (int k = 0; name != NULL && k < STATUS_COUNT; k++)
		if (strcmp(status_name((enum status)k), name) == 0) {
			*s = (enum status)k;
			return 0;
		}
	return -1;
}

/*
 * A pair's record, either format; -1 when it names an unknown status.  A
 * book of an earlier version may say "stale", which was a status: the
 * pair is read as never notified (its judged status is told afresh) and
 * its data as told overdue (not told again for the period overdue now).
 */
static int
book_pair(json_t *v, struct pair_state *st)
{
	json_t *count = json_object_get(v, "count");
	json_t *sent = json_object_get(v, "sent");
	json_t *notified = json_object_get(v, "notified");
	json_t *pending = json_object_get(v, "pending");
	json_t *overdue = json_object_get(v, "overdue");
	bool stale = false;

	pair_state_init(st);
	if (json_is_string(v)) {
		if (status_parse(json_string_value(v), &st->notified, &stale) !=
		    0)
			return -1;
		st->pending = st->notified;
	} else if (!json_is_object(v) ||
	    /* "notified": null is a pair still counting towards its first
	     * notice (alerts.for of 2 or more); both null, a pair whose
	     * data was told overdue and nothing else yet. */
	    (!json_is_null(notified) &&
		status_parse(
		    json_string_value(notified), &st->notified, &stale) != 0) ||
	    (!json_is_null(pending) &&
		status_parse(
		    json_string_value(pending), &st->pending, &stale) != 0)) {
		return -1;
	}
	if (json_is_integer(count) && json_integer_value(count) >= 0 &&
	    json_integer_value(count) < 1000000)
		st->count = (unsigned)json_integer_value(count);
	if (json_is_integer(sent) && json_integer_value(sent) >= 0)
		st->sent = (time_t)json_integer_value(sent);
	if (json_is_string(overdue))
		snprintf(st->overdue, sizeof(st->overdue), "%s",
		    json_string_value(overdue));
	else if (stale)
		snprintf(st->overdue, sizeof(st->overdue), "%s",
		    ALERT_OVERDUE_UNKNOWN);
	if (st->pending == STATUS_COUNT)
		st->count = 0;
	return 0;
}

static void
book_set(struct alert_book *b, const char *key, const struct pair_state *st)
{
	json_t *notified, *o;
	enum status pending;

	/* A pair never seen has nothing to keep.  A pair never notified but
	 * counting (pending) keeps its count, as "notified": null: without
	 * it an alerts.for of 2 or more started again at every evaluation
	 * and a fresh install never notified anything. */
	if (st->notified == STATUS_COUNT && st->pending == STATUS_COUNT &&
	    st->overdue[0] == '\0') {
		if (json_object_del(b->pairs, key) == 0)
			b->dirty = true;
		return;
	}
	notified = st->notified < STATUS_COUNT
	    ? json_string(status_name(st->notified))
	    : json_null();
	pending = st->pending < STATUS_COUNT ? st->pending : st->notified;
	o = json_pack("{s:o, s:o, s:i, s:I}", "notified", notified, "pending",
	    pending < STATUS_COUNT ? json_string(status_name(pending))
				   : json_null(),
	    "count", (int)st->count, "sent", (json_int_t)st->sent);
	/* The period last told overdue: told once per period. */
	if (st->overdue[0] != '\0')
		json_object_set_new(o, "overdue", json_string(st->overdue));
	if (json_equal(o, json_object_get(b->pairs, key))) {
		json_decref(o);
		return;
	}
	json_object_set_new(b->pairs, key, o);
	b->dirty = true;
}

size_t
alert_book_max_bytes(size_t npairs)
{
	return BOOK_BYTES_BASE + BOOK_BYTES_PER_PAIR * npairs;
}

struct alert_book *
alert_book_load(const char *path, size_t max, char *err, size_t errlen)
{
	struct alert_book *b = calloc(1, sizeof(*b));
	json_error_t jerr;
	const char *key;
	char *text;
	size_t len;
	json_t *v;

	if (b == NULL)
		return NULL;
	/* Read as planwatch's own file: a link planted there is refused. */
	/* Written whole at the first evaluation of each start. */
	b->dirty = true;
	if (fsutil_read_own(path, max, &text, &len, err, errlen) != 0) {
		if (errno != ENOENT) {
			alert_book_free(b);
			return NULL;
		}
		b->pairs = json_object();
		return b;
	}
	b->pairs = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (!json_is_object(b->pairs)) {
		snprintf(err, errlen, "%s:%d:%d: %s", path, jerr.line,
		    jerr.column, b->pairs ? "not a JSON object" : jerr.text);
		alert_book_free(b);
		return NULL;
	}
	json_object_foreach(b->pairs, key, v)
	{
		struct pair_state st;

		if (book_pair(v, &st) != 0) {
			snprintf(err, errlen, "%s: pair %s: unknown status",
			    path, key);
			alert_book_free(b);
			return NULL;
		}
	}
	return b;
}

void
alert_book_free(struct alert_book *b)
{
	if (b == NULL)
		return;
	json_decref(b->pairs);
	free(b);
}

enum status
alert_book_get(const struct alert_book *b, const char *key)
{
	struct pair_state st;
	json_t *v = json_object_get(b->pairs, key);

	return v != NULL && book_pair(v, &st) == 0 ? st.notified : STATUS_COUNT;
}

/*
 * Operational faults go only to routes that receive operations, the
 * targets' statuses only to those that receive decisions (issue 19):
 * leadership is not told that a server failed.
 */
static bool
route_takes(const struct route_conf *rt, const struct alert_event *e)
{
	if (!(rt->receives & digest_receives(e)))
		return false;
	if (!(rt->severities & (1u << e->severity)))
		return false;
	if (rt->nowners == 0)
		return true;
	for (size_t i = 0; i < rt->nowners; i++)
		if (e->ind->owner && strcmp(rt->owners[i], e->ind->owner) == 0)
			return true;
	return false;
}

static bool
silence_active(
    struct core *core, const char *ind, const char *target, time_t at)
{
	return silences_match(&core->silences, ind, target, at) != NULL;
}

/* The policy of the configuration's alerts section. */
static void
policy_of(const struct config *c, struct alert_policy *p)
{
	alert_policy_default(p);
	p->for_count = (unsigned)c->alerts.for_count;
	p->repeat_interval = c->alerts.repeat_interval;
	for (int s = 0; s < STATUS_COUNT; s++)
		if (c->alerts.severity[s] >= 0)
			p->severity[s] = p->binding[s] =
			    (enum severity)c->alerts.severity[s];
	if (c->alerts.overdue_severity >= 0)
		p->overdue = (enum severity)c->alerts.overdue_severity;
}

/* An evaluation's events as they are collected. */
struct events {
	struct alert_event *v;
	size_t n, cap;
};

/* Appends e; false when out of memory. */
static bool
event_add(struct events *ev, const struct alert_event *e)
{
	if (grow_array(&ev->v, &ev->cap, ev->n + 1, sizeof(*ev->v),
		SIZE_MAX / sizeof(*ev->v)) != 0)
		return false;
	ev->v[ev->n++] = *e;
	return true;
}

/* What failed, for an operator's message: the collector and its answers. */
static void
feed_error_detail(
    struct core *core, const struct indicator_state *is, struct alert_event *e)
{
	size_t c;

	e->journal_damaged = is->journal_err != NULL;
	if (is->conf->collector == NULL ||
	    !config_collector_index(core->conf, is->conf->collector, &c))
		return;
	e->coll = &core->conf->collectors[c];
	e->failures = core->colls[c].rt.failures;
	e->http_status = core->colls[c].rt.last_status;
}

/*
 * One pair's evaluation: its status through alert_state (a new problem,
 * a reminder, a recovery), then its data overdue, told once per overdue
 * period.  An overdue period is told inside the status event when there
 * is one (its sentence starts with it), as a notice of its own otherwise;
 * a pair whose feed fails is told that, not that its data is late.
 */
static bool
pair_events(struct core *core, struct indicator_state *is, size_t t,
    time_t now_t, struct alert_policy *pol, struct events *ev)
{
	const struct target_conf *tc = &is->conf->targets[t];
	const struct judgement *j = &is->j[t];
	enum status now = is->feed_error ? STATUS_FEED_ERROR : j->status;
	bool silenced = silence_active(core, is->conf->id, tc->id, now_t);
	char key[256], period[PERIOD_TEXT_MAX];
	struct alert_event e;
	struct pair_state st;
	enum alert_decision d;
	struct alert_policy bound;
	bool overdue_news;
	json_t *v;

	snprintf(key, sizeof(key), "%s/%s", is->conf->id, tc->id);
	v = json_object_get(core->alerts->pairs, key);
	if (v == NULL || book_pair(v, &st) != 0)
		pair_state_init(&st);
	e = (struct alert_event){.ind = is->conf,
	    .target = tc,
	    .charted = evaluate_charted(is->conf, is->j) == t,
	    .old_status = st.notified,
	    .new_status = now,
	    .j = *j,
	    .feed_err = is->feed_error ? is->feed_err : NULL};
	if (is->feed_error)
		feed_error_detail(core, is, &e);
	pol->for_count = is->conf->alert_for > 0
	    ? (unsigned)is->conf->alert_for
	    : (unsigned)core->conf->alerts.for_count;
	/* A binding indicator's problems are critical unless configured. */
	if (is->conf->nature == NATURE_BINDING) {
		alert_policy_binding(pol, &bound);
		pol = &bound;
	}
	d = alert_step(&st, now, now_t, silenced, pol);
	if (j->stale && !is->feed_error)
		period_format(&j->overdue, period, sizeof(period));
	overdue_news = alert_overdue_step(
	    &st, j->stale && !is->feed_error ? period : NULL, silenced);
	book_set(core->alerts, key, &st);
	e.prior_sent = st.sent;
	if (d != ALERT_NONE) {
		e.resolved = d == ALERT_RESOLVED;
		e.repeat = d == ALERT_REPEAT;
		e.severity = pol->severity[e.resolved ? e.old_status : now];
		/* A reminder carries no news: the overdue goes on its own. */
		if (!e.repeat && overdue_news)
			overdue_news = false;
		if (!event_add(ev, &e))
			return false;
		e.resolved = e.repeat = false;
	}
	if (!overdue_news)
		return true;
	e.overdue_notice = true;
	e.old_status = now;
	e.severity = pol->overdue;
	return event_add(ev, &e);
}

/*
 * Steps every pair through alert_state; appends its events and updates
 * the book (but not when each was sent: build_messages does that).
 */
static size_t
collect_events(struct core *core, time_t now_t, struct alert_event **out)
{
	struct events ev = {0};
	struct alert_policy pol;

	policy_of(core->conf, &pol);
	for (size_t i = 0; i < core->conf->nindicators; i++) {
		struct indicator_state *is = &core->inds[i];

		/* Another plan's targets (ended, or not begun) are not
		 * the plan's news: the digest is of the plan in force. */
		for (size_t t = 0; t < is->conf->ntargets; t++)
			if (!is->j[t].other_plan &&
			    !pair_events(core, is, t, now_t, &pol, &ev))
				goto out;
	}
out:
	*out = ev.v;
	return ev.n;
}

static void
commit_free(struct commit *c)
{
	for (size_t i = 0; i < c->nmsgs; i++) {
		free(c->msgs[i].text);
		free(c->msgs[i].rcpt);
		mail_parts_free(c->msgs[i].parts);
		free(c->msgs[i].json);
		free(c->msgs[i].doc);
	}
	free(c->msgs);
	free(c->book_text);
	free(c->reports_text);
	free(c->coll_text);
	buf_free(&c->coll_lines);
	free(c);
}

/*
 * The Message-ID from what the message is: recipients, subject, text, and
 * each event with when its pair was last sent (so a problem that comes
 * back a year later in the same words is another message).  The same
 * evaluation repeated after a crash composes the same id.
 */
static int
message_identity(struct core *core, const struct route_conf *rt,
    const struct alert_event *ev, size_t n, const char *subject,
    const char *body, struct message *m)
{
	char *id = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&id, &len);

	if (f == NULL)
		return -1;
	for (size_t i = 0; i < rt->nto; i++)
		fprintf(f, "to %s\n", rt->to[i]);
	for (size_t i = 0; i < rt->ncc; i++)
		fprintf(f, "cc %s\n", rt->cc[i]);
	fprintf(f, "%s\n%s\n", subject, body);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s/%s %s %s %d %d %d %lld\n", ev[i].ind->id,
		    ev[i].target->id, status_name(ev[i].old_status),
		    status_name(ev[i].new_status), ev[i].resolved, ev[i].repeat,
		    ev[i].overdue_notice, (long long)ev[i].prior_sent);
	if (fclose(f) != 0) {
		free(id);
		return -1;
	}
	alert_message_id(core, id, len, m);
	free(id);
	return 0;
}

/*
 * The HTML message with the charts of its indicators (the plan view, read
 * from graph_dir when the message is queued), for SMTP.  NULL when it
 * cannot be built: the plain message still goes.
 */
/* An indicator has a chart once it has data (renderq draws those). */
static bool
has_chart(const struct indicator_conf *ind, void *arg)
{
	struct indicator_state *is = core_indicator(arg, ind);

	return is != NULL && is->obs.n > 0;
}

/* The language of route rt's mail: its own, else the configuration's. */
static const char *
route_locale(const struct core *core, const struct route_conf *rt)
{
	return rt->locale != NULL ? rt->locale : core->conf->locale;
}

static struct mail_parts *
html_parts(struct core *core, const struct route_conf *rt,
    const struct alert_event *ev, size_t n, const struct digest_frame *fr)
{
	struct mail_parts *p = calloc(1, sizeof(*p));
	struct digest_charts charts = {.available = has_chart, .arg = core};
	char path[4096], cid[256], name[256];

	if (p == NULL ||
	    digest_compose_html(ev, n, fr, core->conf->dashboard_url,
		core->conf->graphs ? &charts : NULL, &p->html) != 0 ||
	    (p->images = calloc(DIGEST_CHARTS_MAX, sizeof(*p->images))) == NULL)
		goto fail;
	for (size_t i = 0; core->conf->graphs && i < charts.n; i++) {
		/* The narrow drawing: a mail column is 600 px at most, a
		 * phone's 360; the wide chart's words would shrink to 5 px. */
		chart_file_in(core->conf, charts.ids[i], GRAPH_NARROW, false,
		    route_locale(core, rt), path, sizeof(path));
		digest_chart_cid(charts.ids[i], cid, sizeof(cid));
		snprintf(name, sizeof(name), "%s.png", charts.ids[i]);
		if (alert_image_add(p, cid, name, path) != 0)
			goto fail;
	}
	return p;
fail:
	mail_parts_free(p);
	return NULL;
}

/* Builds the message of one route from the events it takes. */
static int
route_message(struct core *core, const struct route_conf *rt,
    const struct alert_event *ev, size_t n, time_t at, struct message *m,
    bool *sent)
{
	struct digest_frame fr = {.locale = route_locale(core, rt),
	    .plan = plan_title(core->conf, route_locale(core, rt)),
	    .tz = core->conf->tz,
	    .dashboard_url = core->conf->dashboard_url};
	char *dated = NULL;
	struct alert_event *mine = calloc(n ? n : 1, sizeof(*mine));
	const struct smtp_conf *s = &core->conf->smtp;
	size_t k = 0;
	char *subject = NULL, *body = NULL;
	int rc = -1;

	if (mine == NULL)
		return -1;
	bool news = false;

	for (size_t i = 0; i < n; i++)
		if (route_takes(rt, &ev[i])) {
			mine[k] = ev[i];
			/* A feed back with its target a problem: this route
			 * was never told of the feed, only of the status. */
			if (!(rt->receives & RECEIVES_OPERATIONS) &&
			    mine[k].old_status == STATUS_FEED_ERROR)
				mine[k].old_status = STATUS_COUNT;
			news |= !mine[k++].repeat;
		}
	/* Reminders ride along with news, never alone. */
	if (!news) {
		free(mine);
		return 1; /* nothing for this route */
	}
	for (size_t i = 0; i < n; i++)
		if (route_takes(rt, &ev[i]))
			sent[i] = true;
	/* The identity from the undated text; the message says its date. */
	if (digest_compose(mine, k, &fr, &subject, &body) == 0 &&
	    message_identity(core, rt, mine, k, subject, body, m) == 0) {
		free(body);
		body = NULL;
		fr.asof = at;
		if (digest_compose(mine, k, &fr, &dated, &body) != 0)
			goto out;
		rc = alert_message_fill(core, rt, subject, body,
		    s->transport != MAIL_WEBHOOK
			? html_parts(core, rt, mine, k, &fr)
			: NULL,
		    s->transport == MAIL_WEBHOOK
			? digest_json(mine, k, route_locale(core, rt),
			      &(struct digest_head){.message_id = m->msgid,
				  .subject = subject,
				  .body = body,
				  .to = rt->to,
				  .nto = rt->nto,
				  .cc = rt->cc,
				  .ncc = rt->ncc})
			: NULL,
		    m);
	}
out:
	free(dated);
	free(subject);
	free(body);
	free(mine);
	return rc;
}

/* Worker thread: messages first, then the book. */
static void
commit_job(void *arg)
{
	struct commit *c = arg;

	c->rc = 0;
	crashpoint("decided"); /* the events known, nothing queued */
	for (size_t i = 0; i < c->nmsgs && c->rc == 0; i++) {
		/* A document's PDF is made here, off the loop; one that
		 * cannot be made is logged and left out, and stays recorded
		 * (not retried at every evaluation). */
		if (c->msgs[i].doc != NULL &&
		    alert_document_make(c->core, &c->msgs[i]) != 0)
			continue;
		c->rc = outbox_write(c->outbox_dir,
		    &(struct outbox_msg){.msgid = c->msgs[i].msgid,
			.rcpt = c->msgs[i].rcpt,
			.nrcpt = c->msgs[i].nrcpt,
			.text = c->msgs[i].text,
			.len = c->msgs[i].len,
			.parts = c->msgs[i].parts,
			.json = c->msgs[i].json},
		    c->err, sizeof(c->err));
	}
	if (c->rc == 0)
		crashpoint("queued-before-book");
	if (c->rc == 0 &&
	    (c->book_text != NULL || c->reports_text != NULL ||
		c->coll_text != NULL || buf_len(&c->coll_lines) > 0 ||
		c->coll_fold))
		c->rc = fsutil_mkdirs(
		    c->core->conf->state_dir, c->err, sizeof(c->err));
	if (c->rc == 0 && c->book_text != NULL)
		c->rc = fsutil_write_atomic(c->book_path, c->book_text,
		    strlen(c->book_text), c->err, sizeof(c->err));
	if (c->rc == 0 && c->reports_text != NULL)
		c->rc = fsutil_write_atomic(c->reports_path, c->reports_text,
		    strlen(c->reports_text), c->err, sizeof(c->err));
	if (c->rc == 0 && c->coll_text != NULL)
		c->rc = statelog_write_all(c->coll_path, c->coll_text,
		    strlen(c->coll_text), c->err, sizeof(c->err));
	else if (c->rc == 0 && (buf_len(&c->coll_lines) > 0 || c->coll_fold))
		c->rc = statelog_append(c->coll_path, buf_str(&c->coll_lines),
		    buf_len(&c->coll_lines), c->coll_max,
		    c->coll_fold ? 0 : COLLSTATE_FOLD_OVER, c->err,
		    sizeof(c->err));
}

static void
commit_done(void *arg)
{
	struct commit *c = arg;
	struct core *core = c->core;

	if (c->rc != 0) {
		log_error("alerts: cannot record the evaluation: %s", c->err);
		core->exit_code = 1;
		/* Written whole at the next evaluation. */
		core->alerts->dirty = true;
		core->reports_saved_sum = 0;
		core->state_full = true;
		core->state_fold = true;
	} else if (c->nmsgs > 0) {
		log_info("alerts: %zu message(s) queued", c->nmsgs);
	}
	commit_free(c);
	core->evaluating = false;
	if (core->stopping)
		return;
	core_evaluated(core);
	crashpoint("queued"); /* queued and recorded, not yet sent */
	outbox_flush(core->outbox);
	core_idle(core);
}

static void
log_events(const struct alert_event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ev[i].overdue_notice)
			log_info("alert: %s/%s data overdue (%s)",
			    ev[i].ind->id, ev[i].target->id,
			    severity_name(ev[i].severity));
		else
			log_info("alert: %s/%s %s -> %s (%s%s)", ev[i].ind->id,
			    ev[i].target->id,
			    ev[i].old_status < STATUS_COUNT
				? status_name(ev[i].old_status)
				: "none",
			    status_name(ev[i].new_status),
			    severity_name(ev[i].severity),
			    ev[i].repeat ? ", reminder due" : "");
}

static void
build_messages(struct core *core, struct commit *c,
    const struct alert_event *ev, size_t n, time_t at)
{
	bool *sent;

	/* A digest, a report and its documents per route at most. */
	c->msgs = calloc((2 + ALERT_DOCS_PER_ROUTE) * core->conf->nroutes + 1,
	    sizeof(*c->msgs));
	if (c->msgs == NULL)
		return;
	alert_reports_due(core, at, core->reports, c->msgs, &c->nmsgs);
	alert_documents_due(core, at, core->reports, c->msgs, &c->nmsgs);
	if (core->conf->smtp.transport == MAIL_NONE || n == 0)
		return;
	if ((sent = calloc(n, sizeof(*sent))) == NULL)
		return;
	for (size_t i = 0; i < core->conf->nroutes; i++) {
		int rc = route_message(core, &core->conf->routes[i], ev, n, at,
		    &c->msgs[c->nmsgs], sent);

		if (rc == 0)
			c->nmsgs++;
		else if (rc < 0)
			log_error("alerts: cannot compose the message of the "
				  "route at line %d",
			    core->conf->routes[i].where.line);
	}
	/* When each pair was last told: repeats count from there. */
	for (size_t i = 0; i < n; i++) {
		char key[256];
		json_t *v;
		struct pair_state st;

		snprintf(
		    key, sizeof(key), "%s/%s", ev[i].ind->id, ev[i].target->id);
		v = json_object_get(core->alerts->pairs, key);
		if (!sent[i] || v == NULL || book_pair(v, &st) != 0)
			continue;
		alert_sent(&st, at);
		book_set(core->alerts, key, &st);
	}
	free(sent);
}

/* FNV-1a, 64 bits, of a small text: whether reports.json changed. */
static uint64_t
text_sum(const char *s)
{
	/* never 0, which means "not written yet" */
	return fnv1a64_more(FNV1A64_BASIS, s, strlen(s)) | 1;
}

/*
 * What the commit writes: the book and reports.json when they changed,
 * the collectors whose state changed (all of them after a reload, which
 * may have dropped some).  -1 when out of memory.
 */
static int
commit_texts(struct core *core, struct commit *c)
{
	uint64_t sum;

	if (core->alerts->dirty) {
		c->book_text = json_dumps(
		    core->alerts->pairs, JSON_INDENT(1) | JSON_SORT_KEYS);
		if (c->book_text == NULL)
			return -1;
		core->alerts->dirty = false;
	}
	if ((c->reports_text = json_dumps(
		 core->reports, JSON_INDENT(1) | JSON_SORT_KEYS)) == NULL)
		return -1;
	if ((sum = text_sum(c->reports_text)) == core->reports_saved_sum) {
		free(c->reports_text);
		c->reports_text = NULL;
	}
	core->reports_saved_sum = sum;
	collstate_path(
	    core->conf->state_dir, c->coll_path, sizeof(c->coll_path));
	c->coll_max = statelog_cap(core->conf->ncollectors);
	if (core->state_full) {
		if ((c->coll_text = collstate_dump(core)) == NULL)
			return -1;
		core->state_full = false;
		buf_free(&core->state_lines);
	} else {
		/* The lines gathered as the collectors ended. */
		c->coll_lines = core->state_lines;
	}
	buf_init(&core->state_lines, COLLSTATE_LINES_MAX);
	/* Once per start, on the worker: the snapshot made whole again
	 * (a log left by the last run folded in). */
	c->coll_fold = core->state_fold;
	core->state_fold = false;
	return 0;
}

void
alert_evaluate(struct core *core)
{
	struct alert_event *ev = NULL;
	struct commit *c;
	time_t now;
	size_t n;

	if (core->evaluating || (c = calloc(1, sizeof(*c))) == NULL)
		return;
	now = time(NULL);
	core_silences_refresh(core);
	n = collect_events(core, now, &ev);
	log_events(ev, n);
	c->core = core;
	snprintf(c->book_path, sizeof(c->book_path), "%s/alerts.json",
	    core->conf->state_dir);
	snprintf(c->outbox_dir, sizeof(c->outbox_dir), "%s/outbox",
	    core->conf->state_dir);
	build_messages(core, c, ev, n, now);
	free(ev);
	snprintf(c->reports_path, sizeof(c->reports_path), "%s/reports.json",
	    core->conf->state_dir);
	if (commit_texts(core, c) != 0 ||
	    worker_submit(core->worker, commit_job, commit_done, c) != 0) {
		log_error("alerts: cannot queue the evaluation");
		core->alerts->dirty = true;
		core->reports_saved_sum = 0;
		core->state_full = true;
		core->state_fold = true;
		commit_free(c);
		return;
	}
	core->evaluating = true;
}
