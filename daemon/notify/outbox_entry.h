/*
 * outbox_entry: the file of one queued message, written by the alert
 * commit (worker thread) and read back by the outbox's delivery thread.
 *   {"message_id": "<...>", "rcpt": ["a@x"], "message": "From: ...",
 *    "mime": {"headers": "From: ...", "text": "...", "html": "<!DOCTYPE...",
 *             "images": [{"cid": "chart.gdp@planwatch", "name": "gdp.png",
 *                         "png": "89504e47..."}],
 *             "attachments": [{"name": "final.pdf",
 *                              "type": "application/pdf",
 *                              "data": "255044462d..."}]},
 *    "webhook": "{...}"}
 * "message" is the plain text message; "mime" (optional) the parts of the
 * HTML message with its charts and the files it carries (a plan's PDF),
 * copied into the entry when it is queued
 * (hex: JSON has no bytes) so that a retry days later sends what was
 * decided; "webhook" (optional) the document a webhook POSTs.  A file
 * read back is checked whole like any state file: a header block that
 * could start the body early, a recipient that is not a string, hex that
 * is not hex, all refuse the entry.
 */
#ifndef PLANWATCH_OUTBOX_ENTRY_H
#define PLANWATCH_OUTBOX_ENTRY_H

#include <stddef.h>

#define OUTBOX_RCPT_MAX 256

struct mail_parts;

/* One entry, read back.  Owned by whoever loaded it. */
struct outbox_entry {
	char *msg; /* the plain text message */
	size_t len;
	struct mail_parts *parts; /* the HTML message, or NULL */
	char *json; /* webhook: the document to POST */
	char msgid[256];
	char *rcpt[OUTBOX_RCPT_MAX];
	size_t nrcpt;
};

/*
 * Reads and checks the entry file at path into e (zeroed by the caller);
 * -1 with err naming the file.  A symbolic link is refused, not followed.
 * e holds what was read so far either way: outbox_entry_clear frees it.
 */
int outbox_entry_load(
    const char *path, struct outbox_entry *e, char *err, size_t errlen);
/* Frees what e holds. */
void outbox_entry_clear(struct outbox_entry *e);

#endif
