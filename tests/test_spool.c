/*
 * test_spool: nothing accepted is lost when the archives cannot be
 * written.  The journal takes every observation first; an archive that
 * cannot be written (a directory in its place, a full filesystem,
 * rrdcached stopped) is marked behind and brought up to date from the
 * journal once writing works again, also after a restart.  A journal
 * that cannot be written (a read-only data directory) acknowledges
 * nothing: the collector's validators stay, so the next fetch brings the
 * data again.  A damaged archive is moved aside (kept), rebuilt, and the
 * dashboard and /metrics say so.
 *
 * The full and read-only filesystems are small tmpfs mounts: they need
 * root and the right to mount; without it those two tests are skipped,
 * saying why.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "integration/feed_server.h"
#include "integration/feed_site.h"
#include "integration/daemon_get.h"
#include "integration/harness.h"
#include "integration/rrd_check.h"

struct env {
	struct feed_site s;
	bool mounted;
	struct harness_rrdcached rc;
	pid_t pid; /* a daemon started by the test, killed by teardown */
};

static const char two_years[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
    " {\"year\": \"2025\", \"value\": 79}]}";
static const char three_years[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
    " {\"year\": \"2025\", \"value\": 79}, {\"year\": \"2026\", "
    "\"value\": 77.5}]}";

/*
 * Two indicators, a and b, each from its own path of the feed server;
 * extra is added to the main section (storage, listen).
 */
static void
write_conf(struct env *e, const char *extra)
{
	char text[4096];
	int p = feed_server_port(e->s.fs);

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "log_level: info\ngroup_wait: 0s\n%s"
	    "collectors:\n"
	    "  - {id: fa, url: \"http://127.0.0.1:%d/a.json\", format: json}\n"
	    "  - {id: fb, url: \"http://127.0.0.1:%d/b.json\", format: json}\n"
	    "indicators:\n"
	    "  - {id: a, name: A, unit: \"%%\", frequency: annual, collector: "
	    "fa, stale_after: 3650d, selector: {observations: /data, period: "
	    "/year, value: /value}}\n"
	    "  - {id: b, name: B, unit: \"%%\", frequency: annual, collector: "
	    "fb, stale_after: 3650d, selector: {observations: /data, period: "
	    "/year, value: /value}}\n",
	    extra ? extra : "listen: \"off\"\n", p, p);
	harness_write(e->s.conf, text);
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	feed_site_open(&e->s, "spool");
	assert_int_equal(mkdir(e->s.data, 0755), 0);
	feed_server_set(e->s.fs, "/a.json", 200, two_years, strlen(two_years));
	feed_server_set(e->s.fs, "/b.json", 200, two_years, strlen(two_years));
	write_conf(e, NULL);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	harness_kill(e->pid);
	harness_rrdcached_stop(&e->rc);
	if (e->mounted)
		umount2(e->s.data, MNT_DETACH);
	feed_site_close(&e->s);
	free(e);
	return 0;
}

static int
once(struct env *e)
{
	return harness_run(e->s.log, e->s.conf, "once");
}

/* A tmpfs of size on the data directory; false (test skipped) if not. */
static bool
mount_data(struct env *e, const char *size)
{
	char opts[64];

	snprintf(opts, sizeof(opts), "size=%s,mode=0755", size);
	if (mount("tmpfs", e->s.data, "tmpfs", 0, opts) != 0) {
		print_message("cannot mount a tmpfs (%s): not root, or no "
			      "right to mount here; skipped\n",
		    strerror(errno));
		return false;
	}
	e->mounted = true;
	return true;
}

static void
remount_data(struct env *e, unsigned long flags, const char *size)
{
	char opts[64];

	snprintf(opts, sizeof(opts), "size=%s,mode=0755", size);
	assert_int_equal(
	    mount("tmpfs", e->s.data, "tmpfs", MS_REMOUNT | flags, opts), 0);
}

/* An archive that cannot be written (a directory where the file goes). */
static void
test_unwritable_archive_catches_up(void **state)
{
	struct env *e = *state;
	char rrd[800];

	snprintf(rrd, sizeof(rrd), "%s/a.rrd", e->s.data);
	assert_int_equal(mkdir(rrd, 0755), 0);
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_has(e->s.log, "indicator a: archive behind the journal");
	assert_true(harness_exists(e->s.data, "a.journal"));
	assert_true(rrd_check_year(e->s.data, "b", 2025, NULL) == 79);

	/* Writing works again: the next start brings it up to date. */
	assert_int_equal(rmdir(rrd), 0);
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_has(e->s.log,
	    "indicator a: archive brought up to date from "
	    "the journal (2 period(s) written)");
	assert_true(rrd_check_year(e->s.data, "a", 2024, NULL) == 81);
	assert_true(rrd_check_year(e->s.data, "a", 2025, NULL) == 79);
}

/* A full filesystem: b's archive does not fit; the journal does. */
static void
test_full_disk_catches_up(void **state)
{
	struct env *e = *state;

	if (!mount_data(e, "180k"))
		skip();
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_has(e->s.log, "archive behind the journal");
	harness_log_has(e->s.log, "(the filesystem is full: ");
	assert_true(harness_exists(e->s.data, "a.journal"));
	assert_true(harness_exists(e->s.data, "b.journal"));

	remount_data(e, 0, "2m");
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_has(
	    e->s.log, "archive brought up to date from the journal");
	assert_true(rrd_check_year(e->s.data, "a", 2025, NULL) == 79);
	assert_true(rrd_check_year(e->s.data, "b", 2025, NULL) == 79);
}

/*
 * A read-only data directory: the journal cannot take the new year, so
 * nothing is acknowledged and the collector keeps its old validators;
 * the next fetch (writable again) asks with them and stores the year.
 */
static void
test_unwritable_journal_keeps_validators(void **state)
{
	struct env *e = *state;
	char inm[128];

	if (!mount_data(e, "2m"))
		skip();
	feed_server_extra(e->s.fs, "/a.json", "\"v1\"", NULL, -1, NULL);
	assert_int_equal(once(e), 0);
	assert_true(rrd_check_year(e->s.data, "a", 2025, NULL) == 79);

	feed_server_set(
	    e->s.fs, "/a.json", 200, three_years, strlen(three_years));
	feed_server_extra(e->s.fs, "/a.json", "\"v2\"", NULL, -1, NULL);
	remount_data(e, MS_RDONLY, "2m");
	assert_int_equal(once(e), 1);
	harness_log_has(e->s.log, "indicator a: nothing stored");
	feed_server_last_inm(e->s.fs, "/a.json", inm, sizeof(inm));
	assert_string_equal(inm, "\"v1\"");

	remount_data(e, 0, "2m");
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	/* Asked with the validators of the last data stored, not v2's. */
	feed_server_last_inm(e->s.fs, "/a.json", inm, sizeof(inm));
	assert_string_equal(inm, "\"v1\"");
	assert_true(rrd_check_year(e->s.data, "a", 2026, NULL) == 77.5);
}

/*
 * A long history (240 months: more values than librrd's client takes in
 * one command) through rrdcached, created and then rebuilt on a revision.
 */
static void
test_rrdcached_long_history(void **state)
{
	struct env *e = *state;
	char text[2048], *doc;
	size_t off = 0, cap = 32768;

	assert_non_null(doc = malloc(cap));
	off += (size_t)snprintf(doc + off, cap - off, "{\"data\": [");
	for (int m = 0; m < 240; m++)
		off += (size_t)snprintf(doc + off, cap - off,
		    "%s{\"month\": \"%d-%02d\", \"value\": %d.1}",
		    m ? ", " : "", 2005 + m / 12, m % 12 + 1, m);
	snprintf(doc + off, cap - off, "]}");
	feed_server_set(e->s.fs, "/m.json", 200, doc, strlen(doc));
	assert_int_equal(harness_rrdcached_start(&e->rc, e->s.dir, NULL), 0);
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "listen: \"off\"\ngroup_wait: 0s\n"
	    "storage: {rrdcached: \"%s\"}\n"
	    "collectors:\n  - {id: fm, url: \"http://127.0.0.1:%d/m.json\", "
	    "format: json}\n"
	    "indicators:\n  - {id: m, name: M, unit: \"%%\", frequency: "
	    "monthly, collector: fm, stale_after: 3650d, selector: "
	    "{observations: /data, period: /month, value: /value}}\n",
	    e->rc.addr, feed_server_port(e->s.fs));
	harness_write(e->s.conf, text);
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_lacks(e->s.log, "archive behind the journal");
	/* December 2024 (month 239) holds until 2025-01-01.  Values like
	 * 239.1 take 17 digits each: 240 of them are longer than one
	 * command of librrd's client. */
	assert_true(rrd_check_year(e->s.data, "m", 2024, e->rc.addr) == 239.1);
	/* A revision of an old month: the archive is built anew. */
	memcpy(strstr(doc, "\"2006-01\", \"value\": 12.1"),
	    "\"2006-01\", \"value\": 13.1", 24);
	feed_server_set(e->s.fs, "/m.json", 200, doc, strlen(doc));
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_has(e->s.log, "revision of 2006-01: 12.1 -> 13.1");
	harness_log_lacks(e->s.log, "archive behind the journal");
	{
		char path[800];

		snprintf(path, sizeof(path), "%s/m.rrd", e->s.data);
		/* January 2006 holds until 2006-02-01. */
		assert_true(rrd_check_value_at(path, rrd_check_utc(2006, 2, 1),
				e->rc.addr, path) == 13.1);
	}
	free(doc);
}

/* rrdcached stopped: behind; started again: brought up to date. */
static void
test_rrdcached_stopped_catches_up(void **state)
{
	struct env *e = *state;
	char extra[512];

	assert_int_equal(harness_rrdcached_start(&e->rc, e->s.dir, NULL), 0);
	snprintf(extra, sizeof(extra),
	    "listen: \"off\"\nstorage: {rrdcached: \"%s\"}\n", e->rc.addr);
	write_conf(e, extra);
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	assert_true(rrd_check_year(e->s.data, "a", 2025, e->rc.addr) == 79);

	harness_rrdcached_stop(&e->rc);
	feed_server_set(
	    e->s.fs, "/a.json", 200, three_years, strlen(three_years));
	assert_int_equal(once(e), 0);
	harness_log_has(e->s.log, "indicator a: archive behind the journal");
	harness_log_has(e->s.log, "rrdcached");

	assert_int_equal(harness_rrdcached_start(&e->rc, e->s.dir, NULL), 0);
	assert_int_equal(once(e), 0);
	harness_log_clean(e->s.log);
	harness_log_has(e->s.log,
	    "indicator a: archive brought up to date from "
	    "the journal (1 period(s) written)");
	assert_true(rrd_check_year(e->s.data, "a", 2026, e->rc.addr) == 77.5);
}

/* GET path from the daemon whose log is e->s.log; the body, to free. */
static char *
get(const struct env *e, const char *path)
{
	return daemon_get(e->s.log, path);
}

/* A damaged archive: moved aside (kept), rebuilt, shown. */
static void
test_damaged_archive_moved_aside(void **state)
{
	struct env *e = *state;
	char rrd[800], *page;
	pid_t pid;
	bool aside = false;

	assert_int_equal(once(e), 0);
	snprintf(rrd, sizeof(rrd), "%s/a.rrd", e->s.data);
	harness_write(rrd, "this is not an archive");
	write_conf(e, "listen: \"127.0.0.1:0\"\n");
	pid = e->pid = harness_start(e->s.log, e->s.conf);
	/* The archive check runs before the port is even logged. */
	page = get(e, "/metrics");
	for (int i = 0; i < 50 && strstr(page, "moved_aside 1") == NULL; i++) {
		free(page);
		usleep(100000);
		page = get(e, "/metrics");
	}
	assert_non_null(strstr(page, "planwatch_archives_moved_aside 1\n"));
	assert_non_null(strstr(page, "planwatch_archives_behind 0\n"));
	free(page);
	page = get(e, "/");
	assert_non_null(strstr(page, "损坏，已移至 "));
	assert_non_null(strstr(page, "/a.rrd.corrupt-"));
	free(page);
	assert_int_equal(harness_stop(pid), 0);
	harness_log_clean(e->s.log);
	harness_log_has(e->s.log, "indicator a: rrd_last ");
	harness_log_has(e->s.log, ": moved aside to ");
	assert_true(rrd_check_year(e->s.data, "a", 2025, NULL) == 79);
	/* The damaged file is kept, as it was. */
	{
		char cmd[1024];

		snprintf(cmd, sizeof(cmd),
		    "grep -qx 'this is not an archive' %s/a.rrd.corrupt-*",
		    e->s.data);
		aside = system(cmd) == 0;
	}
	assert_true(aside);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_unwritable_archive_catches_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_full_disk_catches_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_unwritable_journal_keeps_validators, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_rrdcached_stopped_catches_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_rrdcached_long_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_damaged_archive_moved_aside, setup, teardown),
	};

	signal(SIGPIPE, SIG_IGN); /* a daemon that closes early is checked */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
