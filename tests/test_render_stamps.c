/*
 * test_render_stamps: the daemon draws a chart only when its stamp in
 * graph_dir says it was drawn from other inputs.  `planwatch once` draws
 * every chart of new data; once again with the feeds unchanged (a start
 * over charts already drawn) draws none, every chart file keeping its
 * inode and time; after a target of b changed only b's charts are drawn
 * again; a chart file removed, or a stamp garbled, has that indicator's
 * charts drawn again.  Files are compared, never timed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"

struct env {
	char dir[256];
	char conf[300];
	char log[300];
};

/* The chart files compared: the plan SVG, the history PNG, the stamp. */
static const char *const files[] = {
    "%s.svg", "%s.history.png", "%s.spark.png", ".stamps/%s"};
#define NFILES (sizeof(files) / sizeof(*files))

struct ident {
	ino_t ino;
	struct timespec mtime;
};

/* Indicator id's chart files' identities. */
static void
idents(const struct env *e, char id, struct ident out[NFILES])
{
	for (size_t k = 0; k < NFILES; k++) {
		char name[64], path[400];
		struct stat st;
		const char *f = files[k];
		const char *pct = strstr(f, "%s");

		snprintf(name, sizeof(name), "%.*s%c%s", (int)(pct - f), f, id,
		    pct + 2);
		snprintf(path, sizeof(path), "%s/graphs/%s", e->dir, name);
		assert_int_equal(stat(path, &st), 0);
		out[k].ino = st.st_ino;
		out[k].mtime = st.st_mtim;
	}
}

static bool
same(const struct ident a[NFILES], const struct ident b[NFILES])
{
	for (size_t k = 0; k < NFILES; k++)
		if (a[k].ino != b[k].ino ||
		    a[k].mtime.tv_sec != b[k].mtime.tv_sec ||
		    a[k].mtime.tv_nsec != b[k].mtime.tv_nsec)
			return false;
	return true;
}

/* No chart file of id kept its identity (every one drawn again). */
static bool
all_new(const struct ident a[NFILES], const struct ident b[NFILES])
{
	for (size_t k = 0; k < NFILES; k++)
		if (a[k].ino == b[k].ino)
			return false;
	return true;
}

static void
write_conf(const struct env *e, int b_target)
{
	char text[4096];
	size_t n;

	n = (size_t)snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "collectors:\n  - {id: f, url: \"file://%s/feed.json\", "
	    "format: json, allow_file: true}\nindicators:\n",
	    e->dir);
	for (char id = 'a'; id <= 'b'; id++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "  - id: %c\n    name: 指标%c\n    unit: 亿元\n"
		    "    frequency: annual\n    collector: f\n"
		    "    stale_after: 3650d\n"
		    "    selector: {observations: /data, period: /year, "
		    "value: /value}\n"
		    "    targets:\n      - {id: t, kind: reach, path: "
		    "compound, baseline: {period: \"2020\", value: 100}, "
		    "target: {period: \"2030\", value: %d}}\n",
		    id, id, id == 'b' ? b_target : 200);
	harness_write(e->conf, text);
}

static void
once(const struct env *e)
{
	unlink(e->log);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
}

static int
setup(void **state)
{
	static struct env e;
	char path[400];

	if (harness_temp_dir(e.dir, sizeof(e.dir), "render-stamps") != 0 ||
	    getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(e.conf, sizeof(e.conf), "%s/planwatch.yaml", e.dir);
	snprintf(e.log, sizeof(e.log), "%s/run.log", e.dir);
	snprintf(path, sizeof(path), "%s/feed.json", e.dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2020\", \"value\": 100}, "
	    "{\"year\": \"2021\", \"value\": 108}]}");
	write_conf(&e, 200);
	*state = &e;
	return 0;
}

static int
teardown(void **state)
{
	harness_remove_dir(((struct env *)*state)->dir);
	return 0;
}

static void
test_daemon_draws_only_stale_charts(void **state)
{
	struct env *e = *state;
	struct ident a0[NFILES], b0[NFILES], a1[NFILES], b1[NFILES];
	char path[400];

	once(e);
	idents(e, 'a', a0);
	idents(e, 'b', b0);
	/* Started again over the same data: nothing drawn. */
	once(e);
	idents(e, 'a', a1);
	idents(e, 'b', b1);
	assert_true(same(a0, a1));
	assert_true(same(b0, b1));
	/* b's target changed: b's charts, only. */
	write_conf(e, 250);
	once(e);
	idents(e, 'a', a1);
	idents(e, 'b', b1);
	assert_true(same(a0, a1));
	assert_true(all_new(b0, b1));
	/* a's history removed: a's charts drawn again, b's kept. */
	memcpy(b0, b1, sizeof(b0));
	snprintf(path, sizeof(path), "%s/graphs/a.history.png", e->dir);
	assert_int_equal(unlink(path), 0);
	once(e);
	assert_int_equal(access(path, F_OK), 0);
	idents(e, 'b', b1);
	assert_true(same(b0, b1));
	/* b's stamp garbled: b's charts drawn again. */
	snprintf(path, sizeof(path), "%s/graphs/.stamps/b", e->dir);
	harness_write(path, "planwatch-stamp 0000\n");
	once(e);
	idents(e, 'b', b1);
	assert_true(all_new(b0, b1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_daemon_draws_only_stale_charts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
