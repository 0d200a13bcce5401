/*
 * alert_impl: what alert.c shares with alert_report.c, the two makers of
 * messages: a message as queued, and how one is filled for a route.
 */
#ifndef PLANWATCH_ALERT_IMPL_H
#define PLANWATCH_ALERT_IMPL_H

#include <stddef.h>

#include <jansson.h>

#include "config.h"
#include "mail_compose.h"

struct core;

struct message {
	char msgid[256];
	char **rcpt;
	size_t nrcpt;
	char *text;
	size_t len;
	struct mail_parts *parts; /* SMTP: the HTML message, or NULL */
	char *json; /* webhook: the document, or NULL */
};

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

#endif
