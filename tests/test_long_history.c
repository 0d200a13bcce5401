/*
 * test_long_history: histories that begin before 1980, end to end with
 * the planwatch binary.  A World Bank series runs from 1960; librrd
 * cannot store a time at or before 1970 and neither draws nor exports
 * one before 1980.  Every period goes to the journal; the archive holds
 * 1980 onwards (every year of it, read back with librrd), the older ones
 * are said once per run in the log; every chart of every view is drawn,
 * also for a series from 1975 (whose chart used to start before 1980 and
 * fail), and a derived indicator over the 1960 series is computed from
 * 1980.  A period that arrives after later ones (a gap filled) reaches
 * the archive too.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "integration/feed_server.h"
#include "integration/feed_site.h"
#include "integration/harness.h"
#include "integration/rrd_check.h"

/* {"data": [{"year": "<from>", "value": <year - 1900 + 0.5>}, ... to]} */
static char *
annual_doc(int from, int to)
{
	size_t cap = 64 + (size_t)(to - from + 1) * 48, off = 0;
	char *doc = malloc(cap);

	assert_non_null(doc);
	off += (size_t)snprintf(doc + off, cap - off, "{\"data\": [");
	for (int y = from; y <= to; y++)
		off += (size_t)snprintf(doc + off, cap - off,
		    "%s{\"year\": \"%d\", \"value\": %d.5}",
		    y > from ? ", " : "", y, y - 1900);
	snprintf(doc + off, cap - off, "]}");
	return doc;
}

static void
serve(struct feed_site *e, const char *path, int from, int to)
{
	char *doc = annual_doc(from, to);

	feed_server_set(e->fs, path, 200, doc, strlen(doc));
	free(doc);
}

/* wb (1960-2025), mid (1975-2025), and wb2 = wb * 2 (derived). */
static void
write_conf(struct feed_site *e)
{
	char text[4096];
	int p = feed_server_port(e->fs);

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "log_level: info\ngroup_wait: 0s\nlisten: \"off\"\n"
	    "collectors:\n"
	    "  - {id: fwb, url: \"http://127.0.0.1:%d/wb.json\", format: "
	    "json}\n"
	    "  - {id: fmid, url: \"http://127.0.0.1:%d/mid.json\", format: "
	    "json}\n"
	    "indicators:\n"
	    "  - {id: wb, name: WB, unit: \"%%\", frequency: annual, "
	    "collector: fwb, stale_after: 3650d, selector: {observations: "
	    "/data, period: /year, value: /value}}\n"
	    "  - {id: mid, name: MID, unit: \"%%\", frequency: annual, "
	    "collector: fmid, stale_after: 3650d, selector: {observations: "
	    "/data, period: /year, value: /value}}\n"
	    "  - {id: wb2, name: WB2, unit: \"%%\", frequency: annual, "
	    "stale_after: 3650d, derived: \"wb,2,*\"}\n",
	    p, p);
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	struct feed_site *e = feed_site_new("history");

	serve(e, "/wb.json", 1960, 2025);
	serve(e, "/mid.json", 1975, 2025);
	write_conf(e);
	*state = e;
	return 0;
}

/* How many times what occurs in the log. */
static int
log_count(const struct feed_site *e, const char *what)
{
	char *log = harness_read(e->log, NULL), *p;
	int n = 0;

	assert_non_null(log);
	for (p = log; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	free(log);
	return n;
}

/* The lines of a file. */
static int
lines(const char *path)
{
	char *text = harness_read(path, NULL);
	int n = 0;

	assert_non_null(text);
	for (char *p = text; *p != '\0'; p++)
		n += *p == '\n';
	free(text);
	return n;
}

/* Every view of id's chart is drawn, none empty. */
static void
assert_charts(const struct feed_site *e, const char *id)
{
	static const char *const views[] = {"", ".history", ".spark"};
	char path[800];
	struct stat st;

	for (size_t v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
		snprintf(
		    path, sizeof(path), "%s/%s%s.png", e->graphs, id, views[v]);
		if (stat(path, &st) != 0 || st.st_size == 0)
			fail_msg("chart %s not drawn", path);
	}
}

static const char too_early[] = "indicator wb: 20 period(s) before 1980 "
				"(1960 to 1979) are kept in the journal only";

static void
test_history_from_1960_archived_from_1980_and_charted(void **state)
{
	struct feed_site *e = *state;
	char journal[800];

	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	harness_log_lacks(e->log, "illegal attempt to update");
	harness_log_lacks(e->log, "archive behind the journal");
	harness_log_lacks(e->log, "rrd_graph");
	harness_log_lacks(e->log, "rrd_xport");
	/* Every period is in the journal: the header and 66 years. */
	snprintf(journal, sizeof(journal), "%s/wb.journal", e->data);
	assert_int_equal(lines(journal), 1 + 66);
	/* The archive holds every year from 1980, the first one too. */
	for (int y = 1980; y <= 2025; y++)
		if (rrd_check_year(e->data, "wb", y, NULL) != y - 1900 + 0.5)
			fail_msg("wb %d: %.17g in the archive, want %d.5", y,
			    rrd_check_year(e->data, "wb", y, NULL), y - 1900);
	assert_true(rrd_check_year(e->data, "mid", 1980, NULL) == 80.5);
	assert_true(rrd_check_year(e->data, "mid", 2025, NULL) == 125.5);
	/* The derived series is computed where its input is archived. */
	assert_true(rrd_check_year(e->data, "wb2", 1980, NULL) == 161);
	assert_true(rrd_check_year(e->data, "wb2", 2025, NULL) == 251);
	assert_charts(e, "wb");
	assert_charts(e, "mid");
	assert_charts(e, "wb2");
	assert_int_equal(log_count(e, too_early), 1);
	assert_int_equal(log_count(e,
			     "indicator mid: 5 period(s) before "
			     "1980 (1975 to 1979)"),
	    1);

	/* A second run: the archive check at the start and the fetch both
	 * see the old periods; they are said once all the same. */
	serve(e, "/wb.json", 1960, 2026);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	assert_int_equal(log_count(e, too_early), 1);
	harness_log_lacks(e->log, "rrd_graph");
	assert_true(rrd_check_year(e->data, "wb", 2026, NULL) == 126.5);
	assert_true(rrd_check_year(e->data, "wb", 1980, NULL) == 80.5);
}

/*
 * A period older than the archive's last one, new to the journal (a gap
 * the feed fills later, or a record a journal repair dropped that the
 * feed brings again): an archive is only appended to after its last
 * update, so it is built anew and holds the period.
 */
static void
test_gap_filled_later_reaches_the_archive(void **state)
{
	struct feed_site *e = *state;
	char *doc = annual_doc(1990, 2025),
	     *gap = strstr(doc,
		 ", {\"year\": "
		 "\"2000\"");

	/* 1990-2025 without 2000. */
	assert_non_null(gap);
	memmove(
	    gap, strstr(gap + 1, ", {"), strlen(strstr(gap + 1, ", {")) + 1);
	feed_server_set(e->fs, "/mid.json", 200, doc, strlen(doc));
	free(doc);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	assert_true(isnan(rrd_check_year(e->data, "mid", 2000, NULL)));
	assert_true(rrd_check_year(e->data, "mid", 2001, NULL) == 101.5);

	serve(e, "/mid.json", 1990, 2025);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	harness_log_has(e->log, "indicator mid: 1 new or revised observations");
	assert_true(rrd_check_year(e->data, "mid", 2000, NULL) == 100.5);
	assert_true(rrd_check_year(e->data, "mid", 2025, NULL) == 125.5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_history_from_1960_archived_from_1980_and_charted, setup,
		feed_site_teardown),
	    cmocka_unit_test_setup_teardown(
		test_gap_filled_later_reaches_the_archive, setup,
		feed_site_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
