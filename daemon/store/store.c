/*
 * store: librrd calls, each wrapped as rrdtool asks: clear the error,
 * call, read the error.  Only the thread-safe _r entry points are used.
 *
 * Gaps: an update covers the interval since the previous one, and a GAUGE
 * interval longer than the heartbeat is unknown.  So before a period that
 * does not start where the previous one ended, an update of "U" at the
 * period's start closes the gap; the period's own update then covers
 * exactly the period.
 *
 * A new archive is built as <path>.new.XXXXXX and renamed into place only
 * once every period is written, so a reader never sees a half-filled
 * archive.
 *
 * librrd opens archives by name, following links (rrd_update_r,
 * rrd_last_r; rrd_create_r writes a mkstemp file and renames it, safe
 * itself).  So an archive that is a symbolic link is refused just before
 * each such call, and a new one is built under a name reserved with
 * mkostemp that no one could guess; what remains is the moment between
 * that check and librrd's own open.  librrd 1.7.2 makes a new archive
 * 0644 whatever the umask: it is given the mode of the journals
 * (fsutil_adopt_file) before it is renamed into place.
 *
 * With rrdcached (store_set_daemon), creates, updates and last-update
 * questions go to the daemon through librrd's client API (its one
 * process-wide connection, under rrdlock; store_daemon.c), opened on
 * first use and again after a failure.  The daemon caches updates;
 * before a new archive is renamed into place its own pending updates are
 * flushed, and the old name's forgotten (they are in the journal, and so
 * in the new archive).  A daemon on a unix socket gets absolute paths; one
 * on TCP (remote, for librrd) only names relative to its base directory
 * (rrdcached -b), which must be data_dir, and reads the archives itself.
 *
 * On shards (store_set_shards) each archive lives on the daemon its key
 * names, in that daemon's base directory, out of this process's reach:
 * nothing here looks at a local file, and a new archive is created in
 * place by the daemon (shard_build).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <rrd.h>
#include <rrd_client.h>

#include "fsutil.h"
#include "rrdlock.h"
#include "store.h"
#include "store_daemon.h"

/* Formats into a new string at *out (NULL when out of memory). */
static void __attribute__((format(printf, 2, 3)))
asprintf_into(char **out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*out = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (*out == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(*out, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* path as the daemon names it (store_daemon_name). */
static const char *
absolute(const char *path, char *buf, size_t len)
{
	return store_daemon_name(path, buf, len);
}

/* Updates per librrd call: bounds the argument vector. */
#define UPDATE_BATCH 256

void
store_path(const char *dir, const char *id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.rrd", dir, id);
}

static long
heartbeat(enum freq freq)
{
	switch (freq) {
	case FREQ_ANNUAL:
		return 367L * 86400;
	case FREQ_QUARTERLY:
		return 93L * 86400;
	case FREQ_MONTHLY:
		return 32L * 86400;
	case FREQ_SEMIANNUAL:
		return 185L * 86400;
	case FREQ_WEEKLY:
		return 8L * 86400;
	case FREQ_FOUR_MONTHLY:
		return 124L * 86400;
	/* A year-to-date value is held over its last step only. */
	case FREQ_YTD_MONTHLY:
		return 32L * 86400;
	case FREQ_YTD_QUARTERLY:
		return 93L * 86400;
	default:
		return 2L * 86400;
	}
}

/*
 * Free bytes on the filesystem of path, or -1.  A failed create frees
 * its partial file again, so "full" shows as less room than an archive
 * needs (STORE_ROWS doubles and their header).
 */
static long long
free_bytes(const char *path)
{
	char dir[4096];
	struct statvfs sv;
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if (statvfs(slash != NULL ? dir : ".", &sv) != 0)
		return -1;
	return (long long)sv.f_bavail * (long long)sv.f_frsize;
}

static int
rrd_failed(const char *what, const char *path, char *err, size_t errlen)
{
	/* librrd 1.7 leaves some failures (a full disk in rrd_create)
	 * without a message, and errno is lost in its clean-up. */
	const char *e = rrd_get_error();

	long long room = !store_through_daemon() ? free_bytes(path) : -1;
	char full[96] = "", via[160];

	if (room >= 0 && room < 2LL * STORE_ROWS * (long long)sizeof(double))
		snprintf(full, sizeof(full),
		    " (the filesystem is full: %lld KiB free)", room / 1024);
	snprintf(err, errlen, "%s %s%s: %s%s", what, path,
	    store_daemon_via(path, via, sizeof(via)),
	    e && *e ? e : "librrd gave no reason", full);
	rrd_clear_error();
	return -1;
}

bool
store_error_is_corruption(const char *err)
{
	/* librrd 1.7's words for a file that is not a sound archive. */
	static const char *const words[] = {"is not an RRD file",
	    "is too small", "reached EOF while loading header",
	    "created on another architecture", "unsupported RRD version",
	    "unknown RRD version", "mmaping file"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(err, words[i]) != NULL)
			/* An empty file cannot be mapped: damaged too; but a
			 * directory in its place is not a damaged archive. */
			return i + 1 < sizeof(words) / sizeof(words[0]) ||
			    strstr(err, "Invalid argument") != NULL;
	return false;
}

int
store_move_aside(const char *path, time_t now, char *aside, size_t asidelen,
    char *err, size_t errlen)
{
	char stamp[32], name[4096];
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(aside, asidelen, "%s.corrupt-%s", path, stamp);
	/* A shard's archive is on the shard's machine, out of reach of a
	 * rename here: its operator moves it (the journal rebuilds it). */
	if (store_sharded()) {
		char via[160];

		snprintf(err, errlen,
		    "%s%s is damaged; move %s aside in that daemon's base "
		    "directory, then planwatch rebuilds it from the journal",
		    path, store_daemon_via(path, via, sizeof(via)),
		    store_daemon_name(path, name, sizeof(name)));
		return -1;
	}
	/* The daemon must not write what it holds into the moved file. */
	if (store_through_daemon() &&
	    store_daemon_begin(path, err, errlen) == 0) {
		rrdc_forget(store_daemon_name(path, name, sizeof(name)));
		rrd_clear_error();
		store_daemon_end(0);
	}
	if (rename(path, aside) != 0) {
		snprintf(err, errlen, "rename %s: %s", path, strerror(errno));
		return -1;
	}
	return fsutil_sync_parent(aside, err, errlen);
}

int
store_last(const char *path, time_t *last, char *err, size_t errlen)
{
	char abs[4096];

	/* A shard's archive is not a local file (store_daemon.h). */
	if (!store_sharded() && fsutil_refuse_symlink(path, err, errlen) != 0)
		return -1;
	if (store_through_daemon()) {
		/* The daemon counts the updates it holds, not yet written. */
		if (store_daemon_begin(path, err, errlen) != 0)
			return -1;
		rrd_clear_error();
		*last = rrdc_last(absolute(path, abs, sizeof(abs)));
		return store_daemon_end(*last == -1
			? rrd_failed("rrd_last", path, err, errlen)
			: 0);
	}
	rrd_clear_error();
	*last = rrd_last_r(path);
	if (*last == -1)
		return rrd_failed("rrd_last", path, err, errlen);
	return 0;
}

/*
 * The rows of an archive from start whose last period ends at end: 40
 * years, or the history and 10 years of room when that is longer (a
 * World Bank series from 1960 has 46 years from 1980).  More room would
 * cost every archive its size; an archive whose history outgrows it
 * loses its first days, not the journal, until it is built anew.
 */
static long
archive_rows(time_t start, time_t end)
{
	long rows = (long)((end - start) / STORE_STEP) + STORE_ROOM_ROWS;

	return rows > STORE_ROWS ? rows : STORE_ROWS;
}

static int
store_create(const char *path, enum freq freq, time_t start, long rows,
    char *err, size_t errlen)
{
	char ds[64], rra[64];
	const char *argv[2] = {ds, rra};

	snprintf(ds, sizeof(ds), "DS:value:GAUGE:%ld:U:U", heartbeat(freq));
	snprintf(rra, sizeof(rra), "RRA:AVERAGE:0.5:1:%ld", rows);
	if (store_through_daemon()) {
		char abs[4096];

		if (store_daemon_begin(path, err, errlen) != 0)
			return -1;
		rrd_clear_error();
		return store_daemon_end(
		    rrdc_create(absolute(path, abs, sizeof(abs)), STORE_STEP,
			start, 0, 2, argv) != 0
			? rrd_failed("rrd_create", path, err, errlen)
			: 0);
	}
	rrd_clear_error();
	if (rrd_create_r(path, STORE_STEP, start, 2, argv) != 0)
		return rrd_failed("rrd_create", path, err, errlen);
	return 0;
}

/*
 * librrd 1.7's client sends one UPDATE command per call and refuses
 * (ENOBUFS, with no message) one longer than its 4096-byte buffer: about
 * 140 values.  Through rrdcached a batch is cut by its bytes.
 */
#define DAEMON_COMMAND_MAX 3072

struct update_batch {
	char *argv[UPDATE_BATCH];
	int argc;
	size_t bytes; /* of the command the values make */
};

static int
batch_flush(struct update_batch *b, const char *path, char *err, size_t errlen)
{
	int rc = 0;

	if (b->argc == 0)
		return 0;
	if (!store_sharded() && fsutil_refuse_symlink(path, err, errlen) != 0) {
		rc = -1;
	} else if (store_through_daemon()) {
		char abs[4096];

		if (store_daemon_begin(path, err, errlen) != 0) {
			rc = -1;
		} else {
			int st;

			rrd_clear_error();
			st = rrdc_update(absolute(path, abs, sizeof(abs)),
			    b->argc, (const char **)b->argv);
			/* The client leaves some refusals without a word. */
			if (st != 0 && *rrd_get_error() == '\0')
				rrd_set_error("rrdcached client error %d (%s)",
				    st, strerror(st > 0 ? st : -st));
			rc = store_daemon_end(st != 0
				? rrd_failed("rrd_update", path, err, errlen)
				: 0);
		}
	} else {
		rrd_clear_error();
		if (rrd_update_r(path, NULL, b->argc, (const char **)b->argv) !=
		    0)
			rc = rrd_failed("rrd_update", path, err, errlen);
	}
	for (int i = 0; i < b->argc; i++)
		free(b->argv[i]);
	b->argc = 0;
	b->bytes = 0;
	return rc;
}

static int
batch_add(struct update_batch *b, const char *path, time_t t, double v,
    bool unknown, char *err, size_t errlen)
{
	char arg[64];

	if ((b->argc == UPDATE_BATCH ||
		(store_through_daemon() &&
		    b->bytes + 64 + strlen(path) > DAEMON_COMMAND_MAX)) &&
	    batch_flush(b, path, err, errlen) != 0)
		return -1;
	if (unknown)
		snprintf(arg, sizeof(arg), "%lld:U", (long long)t);
	else
		snprintf(arg, sizeof(arg), "%lld:%.17g", (long long)t, v);
	if ((b->argv[b->argc] = strdup(arg)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	b->bytes += strlen(b->argv[b->argc]) + 1;
	b->argc++;
	return 0;
}

size_t
store_count_too_early(const struct obs_list *obs)
{
	size_t n = 0;

	while (n < obs->n && period_start(&obs->v[n].period) < STORE_EPOCH)
		n++;
	return n;
}

/*
 * Writes every observation ending after last, from STORE_EPOCH on;
 * counts them in *written.  A gap before a period (it starts after the
 * previous one ended) is written as unknown.  A year-to-date period
 * counts from its last step (period_step_start): the archive holds
 * 2023-M01-M09 over September, where 2023-M01-M08 ended, so that a
 * cumulative series is one value per month like a monthly one.
 */
static int
store_append(const char *path, const struct obs_list *obs, time_t last,
    size_t *written, char *err, size_t errlen)
{
	struct update_batch b = {.argc = 0};

	*written = 0;
	for (size_t i = store_count_too_early(obs); i < obs->n; i++) {
		time_t start = period_step_start(&obs->v[i].period);
		time_t end = period_end(&obs->v[i].period);

		if (end <= last)
			continue;
		if (start > last &&
		    batch_add(&b, path, start, 0, true, err, errlen) != 0)
			goto fail;
		if (batch_add(&b, path, end, obs->v[i].value, false, err,
			errlen) != 0)
			goto fail;
		last = end;
		(*written)++;
	}
	return batch_flush(&b, path, err, errlen);
fail:
	for (int i = 0; i < b.argc; i++)
		free(b.argv[i]);
	return -1;
}

/*
 * Before tmp is renamed over path: the daemon writes what it holds for
 * tmp and forgets both names, so that no update cached for the old
 * archive is later applied to the new one.
 */
static int
daemon_settle(const char *tmp, const char *path, char *err, size_t errlen)
{
	char abs_tmp[4096], abs_path[4096];
	const char *t = absolute(tmp, abs_tmp, sizeof(abs_tmp));

	if (!store_through_daemon())
		return 0;
	if (store_daemon_begin(path, err, errlen) != 0)
		return -1;
	rrd_clear_error();
	if (rrdc_flush(t) != 0)
		return store_daemon_end(
		    rrd_failed("rrdcached flush", tmp, err, errlen));
	/* "No such file" in the cache is the usual answer, not an error. */
	rrdc_forget(t);
	rrdc_forget(absolute(path, abs_path, sizeof(abs_path)));
	rrd_clear_error();
	return store_daemon_end(0);
}

/*
 * The span a new archive holds: from the start of its first storable
 * period (or STORE_EPOCH when none is) to the end of the last.
 */
static void
archive_span(const struct obs_list *obs, time_t *start, time_t *end)
{
	size_t first = store_count_too_early(obs);

	*start =
	    first < obs->n ? period_start(&obs->v[first].period) : STORE_EPOCH;
	*end = first < obs->n ? period_end(&obs->v[obs->n - 1].period)
			      : STORE_EPOCH;
}

/*
 * Builds a whole new archive beside path, then renames it over path.  The
 * reserved name exists (empty) when librrd creates the archive there:
 * rrd_create_r replaces it by a rename, taking over its mode.
 */
static int
store_build(const char *path, enum freq freq, const struct obs_list *obs,
    size_t *written, char *err, size_t errlen)
{
	char tmp[4096];
	time_t start, end;

	archive_span(obs, &start, &end);
	if (fsutil_reserve_tmp(path, tmp, sizeof(tmp), err, errlen) != 0)
		return -1;
	if (store_create(
		tmp, freq, start, archive_rows(start, end), err, errlen) != 0)
		goto fail;
	if (store_append(tmp, obs, start, written, err, errlen) != 0)
		goto fail;
	if (daemon_settle(tmp, path, err, errlen) != 0)
		goto fail;
	if (fsutil_adopt_file(tmp, err, errlen) != 0)
		goto fail;
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "rename %s: %s", tmp, strerror(errno));
		goto fail;
	}
	/* The new name must survive a crash too; the data already does. */
	return fsutil_sync_parent(path, err, errlen);
fail:
	unlink(tmp);
	return -1;
}

/*
 * Builds the archive of path anew on its shard.  rrdcached has no rename:
 * the archive is created in place (librrd creates it whole, by a rename,
 * on the shard) and then filled, so a reader may see it emptier than the
 * journal for that moment, and a build cut short leaves an archive whose
 * last update is early; the next update fills it from the journal (its
 * time is read from the daemon), so nothing is lost.  The daemon first
 * forgets what it holds for the old archive, which would otherwise be
 * written into the new one (and its last-update time answered).
 */
static int
shard_build(const char *path, enum freq freq, const struct obs_list *obs,
    size_t *written, char *err, size_t errlen)
{
	char name[4096];
	time_t start, end;

	archive_span(obs, &start, &end);
	if (store_daemon_begin(path, err, errlen) != 0)
		return -1;
	/* "No such file" in the cache is the usual answer, not an error. */
	rrdc_forget(store_daemon_name(path, name, sizeof(name)));
	rrd_clear_error();
	store_daemon_end(0);
	if (store_create(
		path, freq, start, archive_rows(start, end), err, errlen) != 0)
		return -1;
	return store_append(path, obs, start, written, err, errlen);
}

/*
 * On shards: brings the archive up to date through its daemon only.  The
 * hint, when known, spares asking the daemon; otherwise (or when it is
 * refused) the daemon says whether it has the archive and since when.
 */
static int
shard_update_from(const char *path, enum freq freq, const struct obs_list *obs,
    time_t *hint, size_t *written, char *err, size_t errlen)
{
	int have;

	if (*hint > 0 &&
	    store_append(path, obs, *hint, written, err, errlen) == 0)
		return 0;
	if ((have = store_daemon_last(path, hint, err, errlen)) < 0)
		return -1;
	if (have == 0) {
		*hint = 0;
		return shard_build(path, freq, obs, written, err, errlen);
	}
	return store_append(path, obs, *hint, written, err, errlen);
}

int
store_rebuild(const char *path, enum freq freq, const struct obs_list *obs,
    size_t *written, char *err, size_t errlen)
{
	*written = 0;
	err[0] = '\0';
	if (obs->n == 0)
		return 0;
	if (store_sharded())
		return shard_build(path, freq, obs, written, err, errlen);
	/* The rename would replace a link; it is refused, to be seen. */
	if (fsutil_refuse_symlink(path, err, errlen) != 0)
		return -1;
	return store_build(path, freq, obs, written, err, errlen);
}

int
store_update_from(const char *path, enum freq freq, const struct obs_list *obs,
    time_t *last, size_t *written, char *err, size_t errlen)
{
	time_t hint = *last, start, end;

	*written = 0;
	*last = 0;
	err[0] = '\0';
	if (obs->n == 0)
		return 0;
	archive_span(obs, &start, &end);
	if (store_sharded()) {
		if (shard_update_from(
			path, freq, obs, &hint, written, err, errlen) != 0)
			return -1;
		*last = end > hint ? end : hint;
		return 0;
	}
	if (fsutil_refuse_symlink(path, err, errlen) != 0)
		return -1;
	if (access(path, F_OK) != 0) {
		if (store_build(path, freq, obs, written, err, errlen) != 0)
			return -1;
		*last = end;
		return 0;
	}
	if (hint <= 0 ||
	    store_append(path, obs, hint, written, err, errlen) != 0) {
		if (store_last(path, &hint, err, errlen) != 0 ||
		    store_append(path, obs, hint, written, err, errlen) != 0)
			return -1;
	}
	*last = end > hint ? end : hint;
	return 0;
}

int
store_update(const char *path, enum freq freq, const struct obs_list *obs,
    size_t *written, char *err, size_t errlen)
{
	time_t last = 0;

	return store_update_from(path, freq, obs, &last, written, err, errlen);
}

/*
 * On shards each DEF names its own daemon (librrd 1.7's DEF option
 * daemon=, read through rrdcached's FETCH); a colon in a DEF's option
 * is written "\\:" (rrd_graph_helper's escape).
 */
static const char *
def_address(const char *path, char *buf, size_t len)
{
	const char *a = store_daemon_for(path);
	size_t o = 0;

	for (; *a != '\0' && o + 3 < len; a++) {
		if (*a == ':')
			buf[o++] = '\\';
		buf[o++] = *a;
	}
	buf[o] = '\0';
	return buf;
}

static int
derive_args(const struct store_input *in, size_t n, const char *rpn,
    time_t start, time_t end, char **argv, size_t max)
{
	size_t argc = 0;

	if (n + 8 > max)
		return -1;
	argv[argc++] = strdup("xport");
	/* librrd reads each DEF's file through the daemon. */
	if (store_daemon() != NULL)
		asprintf_into(&argv[argc++], "--daemon=%s", store_daemon());
	asprintf_into(&argv[argc++], "--start=%lld", (long long)start);
	asprintf_into(&argv[argc++], "--end=%lld", (long long)end);
	asprintf_into(&argv[argc++], "--step=%d", STORE_STEP);
	/* xport consolidates to 400 rows unless told otherwise. */
	asprintf_into(&argv[argc++], "--maxrows=%lld",
	    (long long)((end - start) / STORE_STEP + 2));
	for (size_t i = 0; i < n; i++) {
		char name[4096], addr[600];

		asprintf_into(&argv[argc++], "DEF:%s=%s:value:AVERAGE%s%s",
		    in[i].name,
		    store_daemon_name(in[i].path, name, sizeof(name)),
		    store_sharded() ? ":daemon=" : "",
		    store_sharded()
			? def_address(in[i].path, addr, sizeof(addr))
			: "");
	}
	asprintf_into(&argv[argc++], "CDEF:derived=%s", rpn);
	asprintf_into(&argv[argc++], "XPORT:derived");
	for (size_t i = 0; i < argc; i++)
		if (argv[i] == NULL)
			return -1;
	return (int)argc;
}

int
store_derive(const struct store_input *in, size_t n, const char *rpn,
    time_t start, time_t end, double **values, size_t *count, time_t *first,
    char *err, size_t errlen)
{
	char *argv[64] = {NULL};
	int argc, xsize, rc = -1;
	unsigned long step, cols;
	char **legend = NULL;
	rrd_value_t *data = NULL;
	time_t s, e;

	*values = NULL;
	*count = 0;
	*first = end;
	/* No archive holds a day before STORE_EPOCH (store.h). */
	if (start < STORE_EPOCH)
		start = STORE_EPOCH;
	if (end <= start)
		return 0;
	s = start;
	e = end;
	argc = derive_args(in, n, rpn, start, end, argv, 64);
	if (argc < 0) {
		snprintf(err, errlen, "too many inputs or out of memory");
		goto out;
	}
	rrdlock_acquire();
	rrd_clear_error();
	if (rrd_xport(argc, argv, &xsize, &s, &e, &step, &cols, &legend,
		&data) != 0) {
		rrd_failed("rrd_xport", rpn, err, errlen);
		rrdlock_release();
		goto out;
	}
	rrdlock_release();
	/* Rows cover (s, e] in steps: row i ends at s + (i + 1) * step. */
	*count = cols == 1 && step > 0 ? (size_t)((e - s) / (time_t)step) : 0;
	if ((*values = calloc(*count + 1, sizeof(**values))) != NULL) {
		for (size_t i = 0; i < *count; i++)
			(*values)[i] = data[i];
		*first = s + (time_t)step;
		rc = 0;
	}
	for (unsigned long i = 0; legend != NULL && i < cols; i++)
		free(legend[i]);
	free(legend);
	free(data);
out:
	for (int i = 0; i < 64; i++)
		free(argv[i]);
	return rc;
}
