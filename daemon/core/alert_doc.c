/*
 * alert_doc: the plan office's documents on a route's schedule (route
 * report documents: [annual, midterm, final]).  Each document is mailed
 * once, when its date has come (views/evaldoc_due.h): the loop decides
 * and records its key in the route's "documents" record of the reports
 * book; the worker job that writes the outbox makes the PDF (seconds of
 * work, never on the loop) and composes the message with it attached.
 * The outbox entry carries the PDF's bytes, so a restart still delivers
 * it.  The webhook transport gets no documents: a PDF is not a JSON
 * notice, and its receivers can ask the admin API for one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_impl.h"
#include "buf.h"
#include "core.h"
#include "evaldoc_due.h"
#include "html_text.h"
#include "log.h"

/* True when docs (a JSON array of names) holds name. */
static bool
recorded(json_t *docs, const char *name)
{
	size_t i;
	json_t *v;

	json_array_foreach(docs, i, v)
	{
		if (strcmp(json_string_value(v), name) == 0)
			return true;
	}
	return false;
}

/* The route's "documents" record, made when missing; NULL on ENOMEM. */
static json_t *
docs_record(json_t *book, const char *key)
{
	json_t *entry = json_object_get(book, key), *docs;

	if (entry == NULL) {
		if ((entry = json_object()) == NULL ||
		    json_object_set_new(book, key, entry) != 0)
			return NULL;
	}
	if ((docs = json_object_get(entry, "documents")) == NULL) {
		if ((docs = json_array()) == NULL ||
		    json_object_set_new(entry, "documents", docs) != 0)
			return NULL;
	}
	return docs;
}

/* Queues the message of document d for route rt into m; 0, or -1. */
static int
queue_doc(struct core *core, const struct route_conf *rt, const char *rkey,
    const struct evaldoc_due *d, struct message *m)
{
	char ident[1200];

	memset(m, 0, sizeof(*m));
	if ((m->doc = calloc(1, sizeof(*m->doc))) == NULL)
		return -1;
	m->doc->rt = rt;
	m->doc->ask = (struct evaldoc_ask){.kind = d->kind,
	    .year = d->year,
	    .locale = rt->locale,
	    .format = EVALDOC_FORMAT_PDF,
	    .plan = d->plan != NULL ? d->plan->id : NULL};
	snprintf(m->doc->key, sizeof(m->doc->key), "%s", d->key);
	/* The route and the document are the message's identity: decided
	 * again after a crash, it is the same message. */
	snprintf(ident, sizeof(ident), "document %s %s", rkey, d->key);
	alert_message_id(core, ident, strlen(ident), m);
	return 0;
}

void
alert_documents_due(struct core *core, time_t now, json_t *book,
    struct message *msgs, size_t *n)
{
	enum mail_transport tr = core->conf->smtp.transport;

	if (tr == MAIL_NONE || tr == MAIL_WEBHOOK)
		return;
	for (size_t i = 0; i < core->conf->nroutes; i++) {
		const struct route_conf *rt = &core->conf->routes[i];
		char key[1024];
		json_t *docs;

		if (rt->report.documents == 0)
			continue;
		alert_route_key(rt, key, sizeof(key));
		if ((docs = docs_record(book, key)) == NULL)
			break;
		for (int k = 0; k < REPORT_DOC_KINDS; k++) {
			struct evaldoc_due d;

			if (!(rt->report.documents & 1u << k) ||
			    !evaldoc_due(
				core->conf, (enum evaldoc_kind)k, now, &d) ||
			    recorded(docs, d.key))
				continue;
			if (queue_doc(core, rt, key, &d, &msgs[*n]) != 0)
				break;
			(*n)++;
			json_array_append_new(docs, json_string(d.key));
			log_info("alerts: document %s of %s due, to be made",
			    d.key, key);
		}
	}
}

/* The body: what is attached, the verdict line, the date. */
static char *
doc_text(const struct evaldoc_told *t, const char *name)
{
	struct buf b;

	buf_init(&b, 1u << 16);
	if (t->zh)
		buf_addf(&b,
		    "附件 %s 是%s%s%s%s（截至 %s）。\n\n%s\n\n"
		    "（planwatch 按计划发送，每份文件只发一次。）\n",
		    name, t->plan[0] ? "《" : "", t->plan,
		    t->plan[0] ? "》" : "", t->title, t->asof, t->verdict);
	else
		buf_addf(&b,
		    "Attached, %s: %s%s%s (as of %s).\n\n%s\n\n"
		    "(Sent by planwatch on the route's schedule, once per "
		    "document.)\n",
		    name, t->title, t->plan[0] ? " of " : "", t->plan, t->asof,
		    t->verdict);
	return buf_take(&b);
}

/* The same as a short HTML page. */
static char *
doc_html(const struct evaldoc_told *t, const char *text)
{
	char *html = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&html, &len);

	if (f == NULL)
		return NULL;
	fputs(
	    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>", f);
	html_escape(f, t->title);
	fputs("</title></head><body>\n", f);
	for (const char *p = text; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		char *para = strndup(p, n);

		if (n > 0 && para != NULL) {
			fputs("<p>", f);
			html_escape(f, para);
			fputs("</p>\n", f);
		}
		free(para);
		p += n;
		while (*p == '\n')
			p++;
	}
	fputs("</body></html>\n", f);
	if (fclose(f) != 0) {
		free(html);
		return NULL;
	}
	return html;
}

int
alert_document_make(struct core *core, struct message *m)
{
	struct message_doc *d = m->doc;
	struct mail_parts *parts = NULL;
	struct evaldoc_told told;
	struct buf pdf;
	char name[128], err[512], subject[512];
	char *text = NULL;
	int rc = -1;

	m->doc = NULL;
	buf_init(&pdf, EVALDOC_FILE_MAX);
	if (evaldoc_make_told(core->conf, &d->ask, time(NULL), &pdf, name,
		sizeof(name), &told, err, sizeof(err)) != 0) {
		log_error("alerts: document %s not made: %s", d->key, err);
		goto out;
	}
	if (told.plan[0] != '\0')
		snprintf(subject, sizeof(subject),
		    told.zh ? "《%s》%s" : "%s: %s", told.plan, told.title);
	else
		snprintf(subject, sizeof(subject), "%s", told.title);
	if ((text = doc_text(&told, name)) == NULL ||
	    (parts = calloc(1, sizeof(*parts))) == NULL ||
	    (parts->html = doc_html(&told, text)) == NULL ||
	    (parts->attachments = calloc(1, sizeof(*parts->attachments))) ==
		NULL)
		goto out;
	parts->nattachments = 1;
	parts->attachments[0].len = buf_len(&pdf);
	if ((parts->attachments[0].name = strdup(name)) == NULL ||
	    (parts->attachments[0].type =
		    strdup(evaldoc_format_type(d->ask.format))) == NULL ||
	    (parts->attachments[0].data = (unsigned char *)buf_take(&pdf)) ==
		NULL)
		goto out;
	rc = alert_message_fill(core, d->rt, subject, text, parts, NULL, m);
	parts = NULL; /* taken over, or freed */
	if (rc == 0 && m->parts == NULL) {
		/* A PDF-less message says what it no longer carries: none. */
		log_error("alerts: document %s: the message could not be "
			  "built",
		    d->key);
		rc = -1;
	}
	if (rc == 0)
		log_info("alerts: document %s made (%zu bytes)", name,
		    m->parts->attachments[0].len);
out:
	if (rc != 0 && m->text != NULL) {
		free(m->text);
		free(m->rcpt);
		mail_parts_free(m->parts);
		memset(m, 0, sizeof(*m));
	}
	mail_parts_free(parts);
	buf_free(&pdf);
	free(text);
	free(d);
	return rc;
}
