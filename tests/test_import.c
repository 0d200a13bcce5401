/*
 * test_import: `planwatch import` loads a yearbook's CSV through the
 * csv format: every row checked before anything is written, new periods
 * and revisions journaled (collector "import"), the archive rebuilt;
 * `export-data` writes the series back as CSV; `revisions` shows what the
 * import changed.
 */
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

static void
test_import_export_revisions(void **state)
{
	char dir[256], conf[600], log[600];
	char path[600], csv[600], *journal, *before;
	const char *bad[] = {"import", "rate", csv, NULL};
	const char *good[] = {"import", "rate", csv, NULL};
	const char *out[] = {"export-data", "rate", NULL};
	const char *revs[] = {"revisions", "rate", NULL};

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "import"), 0);
	snprintf(path, sizeof(path), "%s/feed.json", dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
	    " {\"year\": \"2025\", \"value\": 79}]}");
	snprintf(conf, sizeof(conf), "%s/planwatch.yaml", dir);
	{
		char text[1024];

		snprintf(text, sizeof(text),
		    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
		    "graphs: false\ncollectors:\n  - {id: f, url: "
		    "\"file://%s\", format: json, allow_file: true}\n"
		    "indicators:\n  - {id: rate, name: 比率, unit: \"%%\", "
		    "frequency: annual, collector: f, stale_after: 3650d, "
		    "selector: {observations: /data, period: /year, value: "
		    "/value}}\n",
		    path);
		harness_write(conf, text);
	}
	snprintf(log, sizeof(log), "%s/log", dir);
	assert_int_equal(harness_run(log, conf, "once"), 0);
	snprintf(path, sizeof(path), "%s/data/rate.journal", dir);
	before = harness_read(path, NULL);
	assert_non_null(before);

	/* One bad row: nothing is imported. */
	snprintf(csv, sizeof(csv), "%s/yearbook.csv", dir);
	harness_write(csv, "period,value,note\n2019,90,\n2024,abc,typo\n");
	assert_int_equal(harness_run_args(log, conf, bad), 1);
	harness_log_has(log, "yearbook.csv");
	journal = harness_read(path, NULL);
	assert_string_equal(journal, before);
	free(journal);

	/* A good table: one new year, one revised, one the same. */
	harness_write(
	    csv, "period,value,note\n2019,90,\n2024,81.5,final\n2025,79,\n");
	assert_int_equal(harness_run_args(log, conf, good), 0);
	harness_log_has(log, "rate: 1 new, 1 revised, 1 unchanged");
	assert_int_equal(harness_run_args(log, conf, out), 0);
	journal = harness_read(log, NULL);
	assert_non_null(strstr(journal,
	    "period,value\n2019,90\n2024,81.5\n"
	    "2025,79\n"));
	free(journal);
	assert_int_equal(harness_run_args(log, conf, revs), 0);
	harness_log_has(log, "2024  81 -> 81.5 %  import  ");
	/* The archive was rebuilt from the journal: 2019 is in it. */
	snprintf(path, sizeof(path), "%s/data", dir);
	assert_true(harness_exists(path, "rate.rrd"));
	free(before);
	harness_remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_export_revisions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
