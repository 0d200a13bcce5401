/*
 * outbox: messages decided but not yet delivered, one JSON file each under
 * <state_dir>/outbox/, written (fsync, rename) before the first delivery
 * attempt and removed only once the transport accepted the message.  A
 * message that fails stays for the next cycle, or the next run.
 */
#ifndef PLANWATCH_OUTBOX_H
#define PLANWATCH_OUTBOX_H

#include <stddef.h>

struct config;
struct curlev;
struct event_base;
struct outbox;
struct mail_parts;

/* The daemon's state, as outbox_host.flags gives it. */
#define OUTBOX_ONCE 1u /* one cycle: no retry of its own */
#define OUTBOX_STOPPING 2u /* tearing down: start nothing */
#define OUTBOX_DRAINING 4u /* SIGTERM: no new work */

/*
 * What the outbox reads of the daemon it serves, and how it says its work
 * may have ended: hooks and their argument, as libevent calls back, so
 * that delivery knows nothing of the runner above it.
 */
struct outbox_host {
	struct event_base *base;
	struct curlev *cev; /* the webhook transport's transfers */
	/* The configuration in force (a reload replaces it). */
	const struct config *(*conf)(void *arg);
	/* OUTBOX_ONCE | OUTBOX_STOPPING | OUTBOX_DRAINING as they stand. */
	unsigned (*flags)(void *arg);
	/* A delivery ended: the daemon may be idle now. */
	void (*idle)(void *arg);
	void *arg;
};

/* Creates the delivery side for host (copied). */
struct outbox *outbox_new(const struct outbox_host *host);
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
