/*
 * test_links: symbolic links planted in data_dir, state_dir and
 * graph_dir, as someone who may write there (but should not make
 * planwatch write elsewhere) would plant them, against the real binary:
 * `once`, and the root-run commands `import` and `rebuild`.  Each link
 * points into dir/outside, at a file that is not planwatch's: the file is
 * never written (nor, for state, read: its first word never reaches the
 * log), and the log names the path refused.  And every file planwatch
 * writes has one mode under its umask 027, the archives too (librrd alone
 * makes them 0644).  The feed is a file:// URL: no server.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"

static const char two_years[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
    " {\"year\": \"2025\", \"value\": 79}]}";
static const char three_years[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
    " {\"year\": \"2025\", \"value\": 79}, {\"year\": \"2026\", "
    "\"value\": 77.5}]}";
/* A file whose contents must not leak into a log either. */
static const char shadow[] = "root:$6$s3cret:19000:0:99999:7:::\n";

struct env {
	char dir[256], conf[600], log[600], feed[600];
};

/* graphs: whether charts are drawn. */
static void
write_conf(struct env *e, bool graphs)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: %s\nlog_level: info\ngroup_wait: 0s\nlisten: \"off\"\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - {id: rate, name: R, unit: \"%%\", "
	    "frequency: annual, collector: f, stale_after: 3650d, "
	    "selector: {observations: /data, period: /year, value: "
	    "/value}}\n",
	    graphs ? "true" : "false", e->feed);
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	static const char *const dirs[] = {
	    "data", "state", "graphs", "outside"};
	struct env *e = calloc(1, sizeof(*e));
	char path[700];

	assert_non_null(e);
	assert_int_equal(harness_temp_dir(e->dir, sizeof(e->dir), "links"), 0);
	snprintf(e->conf, sizeof(e->conf), "%s/planwatch.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/run.log", e->dir);
	snprintf(e->feed, sizeof(e->feed), "%s/feed.json", e->dir);
	harness_write(e->feed, two_years);
	write_conf(e, false);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", e->dir, dirs[i]);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	harness_remove_dir(e->dir);
	free(e);
	return 0;
}

/* dir/rel into buf. */
static const char *
at(const struct env *e, const char *rel, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", e->dir, rel);
	return buf;
}

/* Writes len bytes to dir/outside/name, plants a link to it at dir/rel. */
static void
plant_bytes(const struct env *e, const char *rel, const char *name,
    const char *bytes, size_t len)
{
	char link[700], victim[700];
	FILE *f;

	snprintf(victim, sizeof(victim), "%s/outside/%s", e->dir, name);
	assert_non_null(f = fopen(victim, "wb"));
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(symlink(victim, at(e, rel, link, sizeof(link))), 0);
}

static void
plant(const struct env *e, const char *rel, const char *name, const char *text)
{
	plant_bytes(e, rel, name, text, strlen(text));
}

/* Fails unless dir/outside/name still holds exactly text. */
static void
assert_untouched(
    const struct env *e, const char *name, const char *text, size_t len)
{
	char victim[700];
	size_t got;
	char *now;

	snprintf(victim, sizeof(victim), "%s/outside/%s", e->dir, name);
	now = harness_read(victim, &got);
	assert_non_null(now);
	if (got != len || memcmp(now, text, len) != 0)
		fail_msg("%s was written through a planted link (%zu bytes, "
			 "%zu before)",
		    victim, got, len);
	free(now);
}

/* The log says that dir/rel is a link and was refused. */
static void
assert_refused(const struct env *e, const char *rel)
{
	char want[800];

	snprintf(want, sizeof(want), "%s/%s: is a symbolic link, refused",
	    e->dir, rel);
	harness_log_has(e->log, want);
}

static void
assert_mode(const struct env *e, const char *rel, mode_t want)
{
	char path[700];
	struct stat st;

	assert_int_equal(stat(at(e, rel, path, sizeof(path)), &st), 0);
	if ((st.st_mode & 07777) != want)
		fail_msg("%s: mode %03o, not %03o", path,
		    (unsigned)(st.st_mode & 07777), (unsigned)want);
}

/*
 * Journal, archive, state and charts: all 0640 under umask 027, whether
 * the daemon or a root-run command (rebuild) wrote them.
 */
static void
test_links_modes(void **state)
{
	struct env *e = *state;
	const char *const rebuild[] = {"rebuild", NULL};
	static const char *const files[] = {"data/rate.journal",
	    "data/rate.rrd", "state/alerts.json", "state/collectors.json",
	    "graphs/rate.png", "graphs/rate.spark.png"};

	write_conf(e, true);
	umask(022);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		assert_mode(e, files[i], 0640);
	assert_int_equal(harness_run_args(e->log, e->conf, rebuild), 0);
	assert_mode(e, "data/rate.rrd", 0640);
	harness_log_clean(e->log);
}

/*
 * A journal planted as a link to an empty file elsewhere: the daemon does
 * not start (its journals are read first), and appends nothing there.
 */
static void
test_links_journal(void **state)
{
	struct env *e = *state;

	plant(e, "data/rate.journal", "cron", "");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	assert_refused(e, "data/rate.journal");
	assert_untouched(e, "cron", "", 0);
	harness_log_clean(e->log);
}

/*
 * An archive replaced by a link to another archive (a copy of its own,
 * outside): librrd's update would have written into it.  The update and a
 * rebuild are refused; the target's bytes stay.  The journal still takes
 * the new year.
 */
static void
test_links_archive(void **state)
{
	struct env *e = *state;
	const char *const rebuild[] = {"rebuild", "rate", NULL};
	char path[700];
	size_t len;
	char *copy;

	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	copy = harness_read(at(e, "data/rate.rrd", path, sizeof(path)), &len);
	assert_non_null(copy);
	assert_int_equal(unlink(path), 0);
	/* The copy is newer than the journal: no rebuild at start. */
	sleep(1);
	plant_bytes(e, "data/rate.rrd", "other.rrd", copy, len);
	harness_write(e->feed, three_years);
	harness_run(e->log, e->conf, "once");
	harness_log_has(e->log, "indicator rate: 1 new or revised");
	assert_refused(e, "data/rate.rrd");
	assert_untouched(e, "other.rrd", copy, len);
	assert_int_equal(harness_run_args(e->log, e->conf, rebuild), 1);
	assert_refused(e, "data/rate.rrd");
	assert_untouched(e, "other.rrd", copy, len);
	free(copy);
	harness_log_clean(e->log);
}

/*
 * State files planted as links to a file of secrets: not read (no word
 * of it in the log, where a parse error would quote it: "near 'root"),
 * not written, and the run fails naming the path.
 */
static void
test_links_state(void **state)
{
	struct env *e = *state;
	char path[700];

	plant(e, "state/alerts.json", "shadow", shadow);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	assert_refused(e, "state/alerts.json");
	harness_log_lacks(e->log, "'root");
	assert_untouched(e, "shadow", shadow, strlen(shadow));
	assert_int_equal(
	    unlink(at(e, "state/alerts.json", path, sizeof(path))), 0);

	plant(e, "state/collectors.json", "shadow2", shadow);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	assert_refused(e, "state/collectors.json");
	harness_log_has(e->log, "alerts: cannot record the evaluation");
	harness_log_lacks(e->log, "'root");
	assert_untouched(e, "shadow2", shadow, strlen(shadow));
	harness_log_clean(e->log);
}

/*
 * Charts were drawn by librrd to graphs/<id>.png.tmp (a name anyone could
 * foresee) and renamed: a link planted there had the PNG written into
 * its target.  Passed by now; and a link at the chart's own name is
 * refused.
 */
static void
test_links_chart(void **state)
{
	struct env *e = *state;
	char path[700];
	struct stat st;

	write_conf(e, true);
	plant(e, "graphs/rate.png.tmp", "keep", "keep\n");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	assert_untouched(e, "keep", "keep\n", 5);
	assert_int_equal(
	    lstat(at(e, "graphs/rate.png", path, sizeof(path)), &st), 0);
	assert_true(S_ISREG(st.st_mode) && st.st_size > 1000);

	assert_int_equal(unlink(path), 0);
	plant(e, "graphs/rate.png", "keep2", "keep\n");
	harness_write(e->feed, three_years);
	harness_run(e->log, e->conf, "once");
	assert_refused(e, "graphs/rate.png");
	assert_untouched(e, "keep2", "keep\n", 5);
	harness_log_clean(e->log);
}

/* `import`, run as root: a planted journal link is refused, not written. */
static void
test_links_import(void **state)
{
	struct env *e = *state;
	char csv[700];
	const char *const import[] = {"import", "rate", csv, NULL};

	at(e, "yearbook.csv", csv, sizeof(csv));
	harness_write(csv, "period,value\n2019,90\n2024,81.5\n");
	plant(e, "data/rate.journal", "cron", "");
	assert_int_equal(harness_run_args(e->log, e->conf, import), 1);
	assert_refused(e, "data/rate.journal");
	assert_untouched(e, "cron", "", 0);
	harness_log_clean(e->log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_links_modes, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_links_journal, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_links_archive, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_links_state, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_links_chart, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_links_import, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
