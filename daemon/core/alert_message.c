/*
 * alert_message: a decided message made ready for the outbox: its
 * Message-ID from what it is, the MIME text, the recipients, the charts it
 * carries.  Shared by the alert digests (alert.c) and the scheduled
 * reports (alert_report.c), which both compose through it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_impl.h"
#include "core.h"
#include "log.h"
#include "mail_compose.h"

int
alert_image_add(
    struct mail_parts *p, const char *cid, const char *name, const char *path)
{
	struct mail_image *im = &p->images[p->nimages];

	if ((im->cid = strdup(cid)) == NULL ||
	    (im->name = strdup(name)) == NULL ||
	    (im->path = strdup(path)) == NULL)
		return -1;
	p->nimages++;
	return 0;
}

void
alert_message_id(
    struct core *core, const char *identity, size_t len, struct message *m)
{
	const char *from = core->conf->smtp.from;
	const char *domain = from != NULL && strchr(from, '@')
	    ? strchr(from, '@') + 1
	    : "planwatch";

	mail_message_id(domain, identity, len, m->msgid, sizeof(m->msgid));
}

int
alert_message_fill(struct core *core, const struct route_conf *rt,
    const char *subject, const char *body, struct mail_parts *parts, char *json,
    struct message *m)
{
	const struct smtp_conf *s = &core->conf->smtp;
	struct mail_msg mm = {.from = s->from,
	    .from_name = s->from_name,
	    .to = rt->to,
	    .nto = rt->nto,
	    .cc = rt->cc,
	    .ncc = rt->ncc,
	    .subject = subject,
	    .body = body,
	    .date = time(NULL),
	    .message_id = m->msgid};

	m->parts = parts;
	m->json = json;
	m->text = mail_compose(&mm, &m->len);
	if (parts != NULL &&
	    ((parts->headers = mail_compose_headers(&mm)) == NULL ||
		(parts->text = strdup(body)) == NULL)) {
		log_error("alerts: cannot build the HTML message; sending the "
			  "text alone");
		mail_parts_free(parts);
		m->parts = NULL;
	}
	m->nrcpt = rt->nto + rt->ncc;
	m->rcpt = calloc(m->nrcpt ? m->nrcpt : 1, sizeof(*m->rcpt));
	if (m->text == NULL || m->rcpt == NULL ||
	    (s->transport == MAIL_WEBHOOK && json == NULL)) {
		/* Nothing half-made stays behind for the caller to free. */
		free(m->text);
		free(m->rcpt);
		free(m->json);
		mail_parts_free(m->parts);
		memset(m, 0, sizeof(*m));
		return -1;
	}
	for (size_t i = 0; i < rt->nto; i++)
		m->rcpt[i] = rt->to[i];
	for (size_t i = 0; i < rt->ncc; i++)
		m->rcpt[rt->nto + i] = rt->cc[i];
	return 0;
}
