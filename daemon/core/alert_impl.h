/*
 * alert_impl: what alert.c shares with alert_report.c, the two makers of
 * messages: a message as queued, and how one is filled for a route.
 */
#ifndef PLANWATCH_ALERT_IMPL_H
#define PLANWATCH_ALERT_IMPL_H

#include <stddef.h>

#include <jansson.h>

#include "config.h"
#include "evaldoc_file.h"
#include "mail_compose.h"

struct core;

/*
 * A plan office's document a message carries, made on the worker when the
 * message is queued (alert_doc.c): the route it is for and what to make.
 */
struct message_doc {
	const struct route_conf *rt;
	struct evaldoc_ask ask;
	char key[96]; /* its key in the reports book, "final" */
};

struct message {
	char msgid[256];
	char **rcpt;
	size_t nrcpt;
	char *text;
	size_t len;
	struct mail_parts *parts; /* SMTP: the HTML message, or NULL */
	char *json; /* webhook: the document, or NULL */
	/* A document still to make: the message is composed with it on the
	 * worker (alert_document_make); NULL for the others. */
	struct message_doc *doc;
};

/* Route rt's key in the reports book: its To addresses. */
void alert_route_key(const struct route_conf *rt, char *buf, size_t len);

/* Sets m's Message-ID from the bytes that make its identity. */
void alert_message_id(
    struct core *core, const char *identity, size_t len, struct message *m);
/*
 * Fills m (its msgid set) for route rt: the plain text message and the
 * recipients; parts (its html and images; may be NULL) and json (may be
 * NULL) are taken over, and parts gets its header and text here.  -1
 * when out of memory or when the webhook transport has no document.
 */
int alert_message_fill(struct core *core, const struct route_conf *rt,
    const char *subject, const char *body, struct mail_parts *parts, char *json,
    struct message *m);
/* Adds an image read from path when queued to p (room allocated). */
int alert_image_add(
    struct mail_parts *p, const char *cid, const char *name, const char *path);

/*
 * Adds to msgs (from *n on) the scheduled report of every route whose
 * slot came since its last one (at most one per route), and records the
 * slot and the statuses reported in book.  A route's first slot is only
 * recorded: the first report goes at the next one.
 */
void alert_reports_due(struct core *core, time_t now, json_t *book,
    struct message *msgs, size_t *n);
/* The documents (report documents:) a route may be mailed: three. */
#define ALERT_DOCS_PER_ROUTE 3
/*
 * Adds to msgs (from *n on) a message to be made for each document of a
 * route's report documents: that is due (evaldoc_due) and not yet in the
 * route's "documents" record of book, and records it there.  Nothing for
 * the webhook transport, or none.
 */
void alert_documents_due(struct core *core, time_t now, json_t *book,
    struct message *msgs, size_t *n);
/*
 * Worker thread: makes m's document (its PDF, seconds) and composes m
 * with it attached; m->doc is freed.  -1 (logged, m empty) when it cannot
 * be made.
 */
int alert_document_make(struct core *core, struct message *m);

#endif
