/*
 * outbox: messages decided but not yet delivered, one JSON file each under
 * <state_dir>/outbox/, written (fsync, rename) before the first delivery
 * attempt and removed only once the transport accepted the message.  A
 * message that fails stays for the next cycle, or the next run.
 */
#ifndef PLANWATCH_OUTBOX_H
#define PLANWATCH_OUTBOX_H

#include <stddef.h>

struct core;
struct outbox;
struct mail_parts;

/* Creates the delivery side of core (its conf, base, curlev, hooks). */
struct outbox *outbox_new(struct core *core);
/* Frees; deliveries in flight were aborted with curlev. NULL: no-op. */
void outbox_free(struct outbox *ob);
/* One message to queue. */
struct outbox_msg {
	const char *msgid; /* "<...>", names the entry */
	char *const *rcpt;
	size_t nrcpt;
	const char *text; /* the plain text message (maildir, exec) */
	size_t len;
	const struct mail_parts *parts; /* SMTP: the HTML message, or NULL */
	const char *json; /* webhook: the document to POST, or NULL */
};

/*
 * Writes m into dir (worker thread): the file is named after its msgid so
 * that a repeated write of the same message is one file.  The images of
 * m->parts are read from their paths now.
 */
int outbox_write(
    const char *dir, const struct outbox_msg *m, char *err, size_t errlen);
/* Starts delivering every message in the outbox not already under way. */
void outbox_flush(struct outbox *ob);
/* Deliveries under way. */
size_t outbox_busy(const struct outbox *ob);
/* Messages in the outbox now (queued, not yet delivered); reads the
 * directory. */
size_t outbox_queued(const struct outbox *ob);
/* Deliveries that failed since the runner started. */
size_t outbox_failures(const struct outbox *ob);

#endif
