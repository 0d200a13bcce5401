/*
 * outbox: delivery of the queued files.  An entry is
 *   {"message_id": "<...>", "rcpt": ["a@x"], "message": "From: ...",
 *    "mime": {"headers": "From: ...", "text": "...", "html": "<!DOCTYPE...",
 *             "images": [{"cid": "chart.gdp@planwatch", "name": "gdp.png",
 *                         "png": "89504e47..."}]}}
 * "message" is the plain text message; "mime" (optional) the parts of the
 * HTML message with its charts, copied into the entry when it is queued
 * (hex: JSON has no bytes) so that a retry days later sends what was
 * decided, and one rename still moves the whole entry.  Entries are read,
 * checked and delivered on the outbox's own delivery thread (a worker of
 * its own, so that a slow server never waits behind librrd's jobs, nor
 * they behind it), like any state file.  Delivery by transport:
 *   smtp:    smtp_send on that thread (libcurl's SMTP blocks for the
 *            server's reply: never on the loop): the MIME message when
 *            the entry has one, else the plain message;
 *   maildir: the thread writes the Maildir file, then the entry goes;
 *   exec:    the thread runs the configured program (exec_mail.c);
 *   webhook: an HTTP POST on curlev (the loop), which never blocks.
 * An entry under way is remembered by file name so that a flush during a
 * slow delivery does not send it twice.  An entry that failed waits for
 * its own next attempt (backoff.c: doubling from smtp.retry_initial to
 * smtp.retry_max), whatever asks for a flush: the retry timer, the end of
 * every evaluation, the start.  Its next attempt is also written as the
 * entry file's mtime, so that a daemon started again does not send at
 * once what was to wait (`once` is one attempt per run, as cron runs it,
 * and keeps no schedule).  A delivered entry is not deleted
 * but moved to sent/ (kept OUTBOX_KEEP_DAYS), so that the same message
 * composed again after a crash (the book not yet written) is known as
 * delivered and not queued twice.  The outbox, sent/ and every entry are
 * planwatch's own: a symbolic link in their place is refused, never
 * followed (fsutil).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <jansson.h>

#include "backoff.h"
#include "crashpoint.h"
#include "exec_mail.h"
#include "fsutil.h"
#include "log.h"
#include "mail_compose.h"
#include "maildir.h"
#include "outbox.h"
#include "runner.h"
#include "smtp.h"
#include "webhook.h"
#include "worker.h"

#define OUTBOX_ENTRY_MAX (16u << 20)
#define OUTBOX_KEEP_DAYS 30
#define OUTBOX_RCPT_MAX 256
#define OUTBOX_IMAGES_MAX 64
#define OUTBOX_IMAGE_MAX (4u << 20)
/* An entry file read back: far above what outbox_write makes (a message,
 * its HTML and charts as hex); a cap on memory, not on messages. */
#define OUTBOX_FILE_MAX (1u << 30)

struct outbox {
	struct runner *runner;
	char dir[4096];
	char **busy; /* file names under way */
	size_t nbusy;
	size_t failures;
	/* run: each failed entry's next attempt; the timer is set for the
	 * earliest (retry_at, 0 when it is not set). */
	struct backoff *waits;
	struct event *retry;
	double retry_at;
	struct worker *sender; /* the delivery thread */
	atomic_bool stop; /* set at the end: transfers under way abort */
};

static void retry_cb(evutil_socket_t fd, short what, void *arg);

struct delivery {
	struct outbox *ob;
	char name[256];
	char path[4096];
	char *msg;
	size_t len;
	struct mail_parts *parts; /* the HTML message, or NULL */
	char *json; /* webhook: the document to POST */
	char msgid[256];
	char *rcpt[OUTBOX_RCPT_MAX];
	size_t nrcpt;
	bool loaded; /* the entry was read and checked */
	bool unrecorded; /* delivered, but the move to sent/ failed */
	double replied; /* monotonic: the transport's answer came */
	double replied_real; /* the same, wall clock (for the log) */
	double recorded_ms; /* from that answer to the durable record */
	int rc;
	char err[512];
};

struct outbox *
outbox_new(struct runner *r)
{
	struct outbox *ob = calloc(1, sizeof(*ob));

	if (ob == NULL)
		return NULL;
	ob->runner = r;
	snprintf(ob->dir, sizeof(ob->dir), "%s/outbox", r->conf->state_dir);
	atomic_init(&ob->stop, false);
	if ((ob->waits = backoff_new()) == NULL ||
	    (ob->retry = evtimer_new(r->base, retry_cb, ob)) == NULL ||
	    (ob->sender = worker_new(r->base)) == NULL) {
		outbox_free(ob);
		return NULL;
	}
	return ob;
}

void
outbox_free(struct outbox *ob)
{
	if (ob == NULL)
		return;
	/* A delivery under way ends now (its entry stays for the next
	 * run); the thread's last done callbacks run here. */
	atomic_store(&ob->stop, true);
	worker_free(ob->sender);
	for (size_t i = 0; i < ob->nbusy; i++)
		free(ob->busy[i]);
	free(ob->busy);
	if (ob->retry != NULL)
		event_free(ob->retry);
	backoff_free(ob->waits);
	free(ob);
}

size_t
outbox_busy(const struct outbox *ob)
{
	return ob->nbusy;
}

size_t
outbox_queued(const struct outbox *ob)
{
	char err[4200];
	struct dirent *de;
	size_t n = 0;
	DIR *dir;

	if ((dir = fsutil_opendir_own(ob->dir, err, sizeof(err))) == NULL)
		return 0;
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		n += len > 5 && strcmp(de->d_name + len - 5, ".json") == 0;
	}
	closedir(dir);
	return n;
}

size_t
outbox_failures(const struct outbox *ob)
{
	return ob->failures;
}

static json_t *
hex_of(const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *hex = malloc(2 * n + 1);
	json_t *v;

	if (hex == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[p[i] >> 4];
		hex[2 * i + 1] = digits[p[i] & 15];
	}
	v = json_stringn(hex, 2 * n);
	free(hex);
	return v;
}

/*
 * The images of parts, read now (a chart drawn later must not change a
 * message decided now); an image that cannot be read is left out, and
 * its <img> shows its alt text.
 */
static json_t *
images_json(const struct mail_parts *parts)
{
	json_t *list = json_array();

	for (size_t i = 0; list != NULL && i < parts->nimages; i++) {
		const struct mail_image *im = &parts->images[i];
		char err[512];
		char *data = NULL;
		size_t len = 0;
		json_t *hex;

		/* A chart in graph_dir: planwatch's own, never a link. */
		if (im->data == NULL &&
		    fsutil_read_own(im->path, OUTBOX_IMAGE_MAX, &data, &len,
			err, sizeof(err)) != 0) {
			log_info("outbox: chart left out: %s", err);
			continue;
		}
		hex = im->data != NULL ? hex_of(im->data, im->len)
				       : hex_of((unsigned char *)data, len);
		free(data);
		json_array_append_new(list,
		    json_pack("{s:s, s:s, s:o}", "cid", im->cid, "name",
			im->name, "png", hex));
	}
	return list;
}

static json_t *
mime_json(const struct mail_parts *parts)
{
	json_t *o = json_pack("{s:s, s:s, s:o}", "headers", parts->headers,
	    "text", parts->text, "images", images_json(parts));

	if (o != NULL && parts->html != NULL)
		json_object_set_new(o, "html", json_string(parts->html));
	return o;
}

int
outbox_write(
    const char *dir, const struct outbox_msg *m, char *err, size_t errlen)
{
	const char *msgid = m->msgid;
	char path[4096], name[256], sent[4200];
	json_t *o, *list;
	char *text;
	size_t o_len = 0;
	int rc;

	/* "<123.4.5@host>" -> "123.4.5@host.json": no slashes possible. */
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(msgid + 1, ">/"),
	    msgid + 1);
	snprintf(path, sizeof(path), "%s/%s.json", dir, name);
	if (fsutil_mkdirs(dir, err, errlen) != 0 ||
	    fsutil_refuse_symlink(dir, err, errlen) != 0)
		return -1;
	/* The same message composed again (an evaluation repeated after a
	 * crash before the book was written): one copy is enough. */
	snprintf(sent, sizeof(sent), "%s/sent/%s.json", dir, name);
	if (access(path, F_OK) == 0 || access(sent, F_OK) == 0) {
		log_info("outbox: %s is queued or delivered already", name);
		return 0;
	}
	list = json_array();
	for (size_t i = 0; i < m->nrcpt; i++)
		json_array_append_new(list, json_string(m->rcpt[i]));
	o = json_pack("{s:s, s:o, s:s%}", "message_id", msgid, "rcpt", list,
	    "message", m->text, m->len);
	if (o != NULL && m->parts != NULL)
		json_object_set_new(o, "mime", mime_json(m->parts));
	if (o != NULL && m->json != NULL)
		json_object_set_new(o, "webhook", json_string(m->json));
	text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (text == NULL) {
		snprintf(err, errlen, "%s: cannot format the entry", path);
		return -1;
	}
	o_len = strlen(text);
	rc = fsutil_write_atomic(path, text, o_len, err, errlen);
	free(text);
	return rc;
}

static bool
busy_has(const struct outbox *ob, const char *name)
{
	for (size_t i = 0; i < ob->nbusy; i++)
		if (strcmp(ob->busy[i], name) == 0)
			return true;
	return false;
}

static int
busy_add(struct outbox *ob, const char *name)
{
	char **v = realloc(ob->busy, (ob->nbusy + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	ob->busy = v;
	if ((v[ob->nbusy] = strdup(name)) == NULL)
		return -1;
	ob->nbusy++;
	return 0;
}

static void
busy_remove(struct outbox *ob, const char *name)
{
	for (size_t i = 0; i < ob->nbusy; i++) {
		if (strcmp(ob->busy[i], name) == 0) {
			free(ob->busy[i]);
			ob->busy[i] = ob->busy[--ob->nbusy];
			return;
		}
	}
}

static void
delivery_free(struct delivery *d)
{
	for (size_t i = 0; i < d->nrcpt; i++)
		free(d->rcpt[i]);
	free(d->msg);
	free(d->json);
	mail_parts_free(d->parts);
	free(d);
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes an image's hex; false when it is not even-length hex. */
static bool
image_load(json_t *v, struct mail_image *im)
{
	const char *cid = json_string_value(json_object_get(v, "cid"));
	const char *name = json_string_value(json_object_get(v, "name"));
	json_t *png = json_object_get(v, "png");
	size_t n = json_string_length(png);
	const char *hex = json_string_value(png);

	if (cid == NULL || name == NULL || hex == NULL || n % 2 != 0 ||
	    n / 2 > OUTBOX_IMAGE_MAX || strlen(cid) > 200 ||
	    strlen(name) > 200 || strpbrk(cid, "<>\r\n\"") != NULL ||
	    strpbrk(name, "\r\n\"") != NULL)
		return false;
	if ((im->cid = strdup(cid)) == NULL ||
	    (im->name = strdup(name)) == NULL ||
	    (im->data = malloc(n / 2 + 1)) == NULL)
		return false;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		im->data[i] = (unsigned char)(hi << 4 | lo);
	}
	im->len = n / 2;
	return true;
}

static bool
headers_ok(const char *h)
{
	if (*h == '\0' || strstr(h, "\r\n\r\n") != NULL ||
	    strncmp(h, "\r\n", 2) == 0)
		return false;
	for (const char *p = h; *p; p++)
		if ((*p == '\r' && p[1] != '\n') ||
		    (*p == '\n' && (p == h || p[-1] != '\r')))
			return false;
	return true;
}

/* The "mime" object of an entry, checked; NULL when it is not one. */
static struct mail_parts *
mime_load(json_t *o)
{
	struct mail_parts *p = calloc(1, sizeof(*p));
	json_t *images = json_object_get(o, "images");
	json_t *html = json_object_get(o, "html");
	const char *headers = json_string_value(json_object_get(o, "headers"));
	const char *text = json_string_value(json_object_get(o, "text"));
	size_t i;
	json_t *v;

	/* The header block goes to the server as it is: an empty line in it
	 * would start the body early, a bare CR or LF split a field. */
	if (p == NULL || headers == NULL || !headers_ok(headers) ||
	    text == NULL || (html != NULL && !json_is_string(html)) ||
	    !json_is_array(images) ||
	    json_array_size(images) > OUTBOX_IMAGES_MAX ||
	    (p->headers = strdup(headers)) == NULL ||
	    (p->text = strdup(text)) == NULL ||
	    (html != NULL &&
		(p->html = strdup(json_string_value(html))) == NULL) ||
	    (p->images = calloc(
		 json_array_size(images) + 1, sizeof(*p->images))) == NULL)
		goto bad;
	json_array_foreach(images, i, v)
	{
		if (!image_load(v, &p->images[p->nimages++]))
			goto bad;
	}
	return p;
bad:
	mail_parts_free(p);
	return NULL;
}

/*
 * The webhook document and the message id it is sent with; an entry queued
 * for another transport (the configuration changed since) goes as a
 * document of its id and text.
 */
static int
webhook_load(json_t *o, struct delivery *d)
{
	const char *id = json_string_value(json_object_get(o, "message_id"));
	json_t *doc = json_object_get(o, "webhook");
	json_t *made;

	if (id == NULL || strlen(id) >= sizeof(d->msgid) ||
	    strpbrk(id, "\r\n") != NULL ||
	    (doc != NULL && !json_is_string(doc)))
		return -1;
	snprintf(d->msgid, sizeof(d->msgid), "%s", id);
	if (doc != NULL)
		return (d->json = strdup(json_string_value(doc))) ? 0 : -1;
	made = json_pack("{s:s, s:s}", "message_id", id, "text", d->msg);
	d->json = made ? json_dumps(made, JSON_COMPACT) : NULL;
	json_decref(made);
	return d->json ? 0 : -1;
}

/* Reads and checks one entry file into d. */
static int
delivery_load(struct delivery *d, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *o, *rcpt, *msg;
	size_t i, len;
	json_t *v;
	char *text;
	int rc = -1;

	/* A link planted in the outbox is refused, not followed. */
	if (fsutil_read_own(
		d->path, OUTBOX_FILE_MAX, &text, &len, err, errlen) != 0)
		return -1;
	o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (o == NULL) {
		snprintf(err, errlen, "%s: %s", d->path, jerr.text);
		return -1;
	}
	rcpt = json_object_get(o, "rcpt");
	msg = json_object_get(o, "message");
	if (!json_is_array(rcpt) || json_array_size(rcpt) == 0 ||
	    json_array_size(rcpt) > OUTBOX_RCPT_MAX || !json_is_string(msg) ||
	    json_string_length(msg) > OUTBOX_ENTRY_MAX) {
		snprintf(err, errlen, "%s: not an outbox entry", d->path);
		goto out;
	}
	json_array_foreach(rcpt, i, v)
	{
		if (!json_is_string(v) ||
		    (d->rcpt[d->nrcpt++] = strdup(json_string_value(v))) ==
			NULL) {
			snprintf(err, errlen, "%s: bad recipient", d->path);
			goto out;
		}
	}
	d->len = json_string_length(msg);
	if ((d->msg = malloc(d->len + 1)) == NULL)
		goto out;
	memcpy(d->msg, json_string_value(msg), d->len + 1);
	if (json_object_get(o, "mime") != NULL &&
	    (d->parts = mime_load(json_object_get(o, "mime"))) == NULL) {
		snprintf(err, errlen, "%s: bad \"mime\" part", d->path);
		goto out;
	}
	if (webhook_load(o, d) != 0) {
		snprintf(err, errlen, "%s: bad \"webhook\" document", d->path);
		goto out;
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/*
 * A delivered entry moves to sent/, where a copy composed again finds it.
 * This record is what keeps a message from going twice, so it is made
 * the moment the transport said yes, before anything else (a log line
 * included): the rename survives a killed process at once, and the fsync
 * of sent/ then makes it survive a power cut (on ext4 the rename is one
 * journal transaction, so syncing the one directory commits both ends).
 */
static int
entry_done(struct delivery *d, char *err, size_t errlen)
{
	char dir[4200], to[4500];

	snprintf(dir, sizeof(dir), "%s/sent", d->ob->dir);
	snprintf(to, sizeof(to), "%s/%s", dir, d->name);
	if (fsutil_mkdirs(dir, err, errlen) != 0 ||
	    fsutil_refuse_symlink(dir, err, errlen) != 0)
		return -1;
	if (rename(d->path, to) != 0) {
		snprintf(
		    err, errlen, "rename %s: %s", d->path, strerror(errno));
		return -1;
	}
	crashpoint("recorded"); /* recorded, perhaps not yet on disk */
	return fsutil_sync_path(dir, err, errlen);
}

/*
 * True when name is in sent/ already: delivered and recorded, although
 * the entry is still in the outbox (a power cut after the record's sync
 * of sent/ on a file system that does not order the two directories).
 * The copy in the outbox goes.
 */
static bool
entry_recorded(struct outbox *ob, const char *name, const char *path)
{
	char sent[4500];

	snprintf(sent, sizeof(sent), "%s/sent/%s", ob->dir, name);
	if (access(sent, F_OK) != 0)
		return false;
	log_info("outbox: %s was delivered already, dropping its copy", name);
	unlink(path);
	return true;
}

/*
 * Removes delivered entries older than OUTBOX_KEEP_DAYS.  Relative to the
 * directory opened without following a link: sent/ planted as a link to
 * /etc must not have old files removed there.
 */
static void
prune_sent(struct outbox *ob)
{
	char dir[4200], err[4400];
	struct dirent *de;
	struct stat st;
	time_t old = time(NULL) - OUTBOX_KEEP_DAYS * 86400L;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/sent", ob->dir);
	if ((d = fsutil_opendir_own(dir, err, sizeof(err))) == NULL) {
		if (errno != ENOENT)
			log_error("outbox: %s", err);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) !=
			0 ||
		    st.st_mtime >= old)
			continue;
		unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

static void
retry_cb(evutil_socket_t fd, short what, void *arg)
{
	struct outbox *ob = arg;

	(void)fd;
	(void)what;
	ob->retry_at = 0;
	outbox_flush(ob);
}

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
now_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Only the daemon retries by itself; `once` and a stopping daemon not. */
static bool
keeps_schedule(const struct outbox *ob)
{
	const struct runner *r = ob->runner;

	return !r->once && !r->stopping && !r->draining;
}

/* Sets the retry timer for at, unless it is set for sooner already. */
static void
retry_arm(struct outbox *ob, double at)
{
	double delay = at - now_real();
	struct timeval tv;

	if (ob->retry == NULL || !keeps_schedule(ob) ||
	    (evtimer_pending(ob->retry, NULL) && ob->retry_at > 0 &&
		ob->retry_at <= at))
		return;
	if (delay < 0)
		delay = 0;
	tv.tv_sec = (time_t)delay;
	tv.tv_usec = (suseconds_t)((delay - (double)tv.tv_sec) * 1e6);
	evtimer_add(ob->retry, &tv);
	ob->retry_at = at;
}

/*
 * The entry failed: its next attempt after its own back-off, kept in the
 * table and as the file's mtime (one metadata write, no fsync: a lost
 * mtime only means an earlier attempt after a crash).
 */
static void
retry_schedule(struct outbox *ob, const char *name, const char *path)
{
	const struct smtp_conf *s = &ob->runner->conf->smtp;
	double now = now_real(), at;
	struct timespec times[2];

	if (!keeps_schedule(ob))
		return;
	at = backoff_failed(ob->waits, name, now,
	    &(struct backoff_policy){s->retry_initial, s->retry_max},
	    (double)random() / RAND_MAX);
	if (at < 0)
		at = now + s->retry_max;
	times[0].tv_nsec = UTIME_OMIT;
	times[1].tv_sec = (time_t)at;
	times[1].tv_nsec = (long)((at - (double)(time_t)at) * 1e9);
	if (utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) != 0 &&
	    errno != ENOENT)
		log_warn("outbox: %s: cannot record the next attempt: %s", path,
		    strerror(errno));
	log_info(
	    "outbox: next delivery attempt in %.0f s for %s", at - now, name);
	retry_arm(ob, at);
}

/*
 * True when the entry may go now.  One the table does not know yet (the
 * daemon started again) waits until its file's mtime, when that is
 * still to come.
 */
static bool
entry_due(struct outbox *ob, const char *name, const char *path, double now)
{
	struct stat st;
	double mtime;

	if (!keeps_schedule(ob))
		return true;
	if (!backoff_known(ob->waits, name) && lstat(path, &st) == 0) {
		mtime = (double)st.st_mtim.tv_sec +
		    (double)st.st_mtim.tv_nsec / 1e9;
		if (mtime > now)
			backoff_wait_until(ob->waits, name, mtime);
	}
	return backoff_due(ob->waits, name, now);
}

/* Webhooks are transfers on the loop; the others the delivery thread's. */
static bool
on_loop(const struct runner *r)
{
	return r->conf->smtp.transport == MAIL_WEBHOOK;
}

/* Loop: one delivery ended. */
static void
delivery_end(struct delivery *d)
{
	struct outbox *ob = d->ob;

	if (d->rc == 0) {
		/* The record first: see entry_done. */
		if (on_loop(ob->runner)) {
			crashpoint("accepted");
			if (entry_done(d, d->err, sizeof(d->err)) != 0)
				d->unrecorded = true;
			d->recorded_ms = (now_mono() - d->replied) * 1e3;
		}
		backoff_forget(ob->waits, d->name);
		/* The answer's wall-clock time lets bench/outbox-window set
		 * it beside the server's own. */
		log_info("outbox: delivered %s (answer at %.6f, recorded "
			 "%.2f ms later)",
		    d->name, d->replied_real, d->recorded_ms);
		/* Delivered all the same: not a failure to retry, but the
		 * entry stays and goes once more, with its Message-ID. */
		if (d->unrecorded)
			log_error("outbox: %s was delivered but cannot be "
				  "recorded, it will be sent again: %s",
			    d->name, d->err);
	} else {
		/* A temporary refusal is the server's normal way of saying
		 * "later": worth a warning, not an error. */
		if (d->rc == 1)
			log_warn("outbox: delivery of %s refused for now, "
				 "kept for retry: %s",
			    d->name, d->err);
		else
			log_error("outbox: delivery of %s failed, kept for "
				  "retry: %s",
			    d->name, d->err);
		ob->failures++;
		retry_schedule(ob, d->name, d->path);
	}
	busy_remove(ob, d->name);
	delivery_free(d);
	runner_check_idle(ob->runner);
}

static void
delivery_loop_done(int rc, const char *err, void *arg)
{
	struct delivery *d = arg;

	d->replied = now_mono();
	d->replied_real = now_real();
	d->rc = rc;
	if (err != NULL)
		snprintf(d->err, sizeof(d->err), "%s", err);
	delivery_end(d);
}

/* Worker thread: maildir or exec delivery, then the entry goes. */
static void
deliver_here(struct delivery *d)
{
	const struct smtp_conf *s = &d->ob->runner->conf->smtp;

	if (s->transport == MAIL_SMTP)
		d->rc = smtp_send(s, d->rcpt, d->nrcpt, d->msg, d->len,
		    d->parts, &d->ob->stop, d->err, sizeof(d->err));
	else if (s->transport == MAIL_EXEC)
		d->rc = exec_deliver(s->exec, s->nexec, d->msg, d->len,
		    s->timeout, d->err, sizeof(d->err));
	else
		d->rc = maildir_deliver(
		    s->maildir, d->msg, d->len, d->err, sizeof(d->err));
	d->replied = now_mono();
	d->replied_real = now_real();
	if (d->rc == 0)
		crashpoint("accepted"); /* delivered, not yet recorded */
	if (d->rc == 0 && entry_done(d, d->err, sizeof(d->err)) != 0)
		d->unrecorded = true;
	d->recorded_ms = (now_mono() - d->replied) * 1e3;
}

/*
 * Delivery thread: the entry is read and checked here, off the loop (with
 * its charts it is a few hundred kilobytes); SMTP, maildir and exec
 * deliver here too.
 */
static void
load_job(void *arg)
{
	struct delivery *d = arg;

	d->loaded = delivery_load(d, d->err, sizeof(d->err)) == 0;
	if (d->loaded && !on_loop(d->ob->runner))
		deliver_here(d);
}

/* A webhook, on curlev; -1 with d->err when it cannot start. */
static int
send_on_loop(struct runner *r, struct delivery *d)
{
	const struct smtp_conf *s = &r->conf->smtp;

	return webhook_send(r->cev,
	    &(struct webhook_conf){.url = s->url,
		.secret_file = s->secret_file,
		.timeout = s->timeout},
	    d->msgid, d->json, strlen(d->json), delivery_loop_done, d, d->err,
	    sizeof(d->err));
}

/* Loop: the entry is read; a webhook starts here, on curlev. */
static void
load_done(void *arg)
{
	struct delivery *d = arg;
	struct outbox *ob = d->ob;
	struct runner *r = ob->runner;

	if (!d->loaded) {
		log_error("outbox: %s (left in place)", d->err);
		retry_schedule(ob, d->name, d->path);
		busy_remove(ob, d->name);
		delivery_free(d);
		runner_check_idle(r);
		return;
	}
	if (!on_loop(r)) {
		delivery_end(d);
		return;
	}
	if (r->stopping || send_on_loop(r, d) != 0) {
		d->rc = -1;
		delivery_end(d);
	}
}

static void
delivery_start(struct outbox *ob, struct delivery *d)
{
	if (busy_add(ob, d->name) != 0) {
		delivery_free(d);
		return;
	}
	if (worker_submit(ob->sender, load_job, load_done, d) != 0) {
		snprintf(d->err, sizeof(d->err), "cannot queue the delivery");
		d->rc = -1;
		delivery_end(d);
	}
}

void
outbox_flush(struct outbox *ob)
{
	double now = now_real(), later;
	char path[4096], err[4200];
	struct dirent *de;
	DIR *dir;

	if (ob->runner->stopping || ob->runner->draining ||
	    ob->runner->conf->smtp.transport == MAIL_NONE)
		return;
	prune_sent(ob);
	if ((dir = fsutil_opendir_own(ob->dir, err, sizeof(err))) == NULL) {
		if (errno != ENOENT) /* else nothing was ever queued */
			log_error("outbox: %s", err);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);
		struct delivery *d;

		if (n < 6 || n >= sizeof(d->name) ||
		    strcmp(de->d_name + n - 5, ".json") != 0 ||
		    busy_has(ob, de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", ob->dir, de->d_name);
		if (entry_recorded(ob, de->d_name, path) ||
		    !entry_due(ob, de->d_name, path, now))
			continue;
		if ((d = calloc(1, sizeof(*d))) == NULL)
			break;
		d->ob = ob;
		snprintf(d->name, sizeof(d->name), "%s", de->d_name);
		snprintf(d->path, sizeof(d->path), "%s", path);
		delivery_start(ob, d);
	}
	closedir(dir);
	/* What waits gets its turn from the timer (after a start, the
	 * table learnt the waits from the files just now). */
	if ((later = backoff_earliest(ob->waits, now)) > 0)
		retry_arm(ob, later);
}
