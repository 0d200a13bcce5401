/*
 * outbox: delivery of the queued entries (their format: outbox_entry.c).
 * An entry holds what was decided, charts included, so that a retry days
 * later sends that, and one rename still moves the whole entry.  Entries are
 * read, checked and delivered on the outbox's own delivery thread (a worker of
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

#include "clock.h"
#include "backoff.h"
#include "buf.h"
#include "crashpoint.h"
#include "exec_mail.h"
#include "fsutil.h"
#include "log.h"
#include "maildir.h"
#include "mime_message.h"
#include "outbox.h"
#include "outbox_entry.h"
#include "smtp.h"
#include "webhook.h"
#include "worker.h"

#define OUTBOX_KEEP_DAYS 30
/* Deliveries under way at once: far more than any route sends. */
#define OUTBOX_BUSY_MAX 65536

struct outbox {
	struct outbox_host host; /* the daemon it serves */
	char dir[4096];
	char **busy; /* file names under way */
	size_t nbusy, busycap;
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
	struct outbox_entry e; /* the entry, once loaded */
	bool loaded; /* the entry was read and checked */
	bool unrecorded; /* delivered, but the move to sent/ failed */
	double replied; /* monotonic: the transport's answer came */
	double replied_real; /* the same, wall clock (for the log) */
	double recorded_ms; /* from that answer to the durable record */
	int rc;
	char err[512];
};

/* The daemon's configuration in force (a reload replaces it). */
static const struct config *
host_conf(const struct outbox *ob)
{
	return ob->host.conf(ob->host.arg);
}

static unsigned
host_flags(const struct outbox *ob)
{
	return ob->host.flags(ob->host.arg);
}

static void
host_idle(const struct outbox *ob)
{
	ob->host.idle(ob->host.arg);
}

struct outbox *
outbox_new(const struct outbox_host *host)
{
	struct outbox *ob = calloc(1, sizeof(*ob));

	if (ob == NULL)
		return NULL;
	ob->host = *host;
	snprintf(ob->dir, sizeof(ob->dir), "%s/outbox",
	    host->conf(host->arg)->state_dir);
	atomic_init(&ob->stop, false);
	if ((ob->waits = backoff_new()) == NULL ||
	    (ob->retry = evtimer_new(host->base, retry_cb, ob)) == NULL ||
	    (ob->sender = worker_new(host->base)) == NULL) {
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
	if (grow_array(&ob->busy, &ob->busycap, ob->nbusy + 1,
		sizeof(*ob->busy), OUTBOX_BUSY_MAX) != 0 ||
	    (ob->busy[ob->nbusy] = strdup(name)) == NULL)
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
	outbox_entry_clear(&d->e);
	free(d);
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
	return (host_flags(ob) &
		   (OUTBOX_ONCE | OUTBOX_STOPPING | OUTBOX_DRAINING)) == 0;
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
	const struct smtp_conf *s = &host_conf(ob)->smtp;
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
on_loop(const struct outbox *ob)
{
	return host_conf(ob)->smtp.transport == MAIL_WEBHOOK;
}

/* Loop: one delivery ended. */
static void
delivery_end(struct delivery *d)
{
	struct outbox *ob = d->ob;

	if (d->rc == 0) {
		/* The record first: see entry_done. */
		if (on_loop(ob)) {
			crashpoint("accepted");
			if (entry_done(d, d->err, sizeof(d->err)) != 0)
				d->unrecorded = true;
			d->recorded_ms = (clock_now_mono() - d->replied) * 1e3;
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
	host_idle(ob);
}

static void
delivery_loop_done(int rc, const char *err, void *arg)
{
	struct delivery *d = arg;

	d->replied = clock_now_mono();
	d->replied_real = now_real();
	d->rc = rc;
	if (err != NULL)
		snprintf(d->err, sizeof(d->err), "%s", err);
	delivery_end(d);
}

/*
 * Worker thread: SMTP, maildir or exec delivery, then the entry goes.
 * A message with an HTML part is composed here, whole (mime_message.c):
 * every transport delivers the same bytes.
 */
static void
deliver_here(struct delivery *d)
{
	const struct smtp_conf *s = &host_conf(d->ob)->smtp;
	size_t len = d->e.len;
	char *mime = NULL;
	const char *msg = d->e.msg;

	if (d->e.parts != NULL &&
	    (msg = mime = mime_message(d->e.parts, &len)) == NULL) {
		snprintf(d->err, sizeof(d->err),
		    "cannot compose the message: out of memory");
		d->rc = -1;
	} else if (s->transport == MAIL_SMTP)
		d->rc = smtp_send(s, d->e.rcpt, d->e.nrcpt, msg, len,
		    &d->ob->stop, d->err, sizeof(d->err));
	else if (s->transport == MAIL_EXEC)
		d->rc = exec_deliver(s->exec, s->nexec, msg, len, s->timeout,
		    d->err, sizeof(d->err));
	else
		d->rc = maildir_deliver(
		    s->maildir, msg, len, d->err, sizeof(d->err));
	free(mime);
	d->replied = clock_now_mono();
	d->replied_real = now_real();
	if (d->rc == 0)
		crashpoint("accepted"); /* delivered, not yet recorded */
	if (d->rc == 0 && entry_done(d, d->err, sizeof(d->err)) != 0)
		d->unrecorded = true;
	d->recorded_ms = (clock_now_mono() - d->replied) * 1e3;
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

	d->loaded =
	    outbox_entry_load(d->path, &d->e, d->err, sizeof(d->err)) == 0;
	if (d->loaded && !on_loop(d->ob))
		deliver_here(d);
}

/* A webhook, on curlev; -1 with d->err when it cannot start. */
static int
send_on_loop(struct outbox *ob, struct delivery *d)
{
	const struct smtp_conf *s = &host_conf(ob)->smtp;

	return webhook_send(ob->host.cev,
	    &(struct webhook_conf){.url = s->url,
		.secret_file = s->secret_file,
		.timeout = s->timeout},
	    d->e.msgid, d->e.json, strlen(d->e.json), delivery_loop_done, d,
	    d->err, sizeof(d->err));
}

/* Loop: the entry is read; a webhook starts here, on curlev. */
static void
load_done(void *arg)
{
	struct delivery *d = arg;
	struct outbox *ob = d->ob;

	if (!d->loaded) {
		log_error("outbox: %s (left in place)", d->err);
		retry_schedule(ob, d->name, d->path);
		busy_remove(ob, d->name);
		delivery_free(d);
		host_idle(ob);
		return;
	}
	if (!on_loop(ob)) {
		delivery_end(d);
		return;
	}
	if ((host_flags(ob) & OUTBOX_STOPPING) != 0 ||
	    send_on_loop(ob, d) != 0) {
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

	if ((host_flags(ob) & (OUTBOX_STOPPING | OUTBOX_DRAINING)) != 0 ||
	    host_conf(ob)->smtp.transport == MAIL_NONE)
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
