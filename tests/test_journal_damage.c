/*
 * test_journal_damage: one damaged journal record stops one indicator,
 * not the daemon.  With a middle record of a's journal failing its
 * checksum, `once` runs: b takes its new year, a takes nothing (its
 * journal is not touched) and is in error, said in the log, in an alert
 * message (Maildir), on /metrics, /api/v1/status and the dashboard of a
 * running daemon; `eval` judges it on its good records and exits 1.
 * `planwatch journal check a` names the line (exit 1); `planwatch journal
 * repair a` refuses beside the daemon, then keeps the good records before
 * and after the damage in a new journal and the damaged file beside it;
 * the next run stores a's data again.
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "integration/daemon_get.h"
#include "integration/harness.h"
#include "integration/rrd_check.h"

struct env {
	char dir[256], conf[600], log[600], data[600], journal[700];
	pid_t pid; /* a daemon started by the test, killed by teardown */
	char *damaged; /* a's damaged journal, freed by teardown */
};

static const char three_years[] =
    "{\"data\": [{\"year\": \"2023\", \"value\": 83},"
    " {\"year\": \"2024\", \"value\": 81}, {\"year\": \"2025\", \"value\": "
    "79}]}";
static const char four_years[] =
    "{\"data\": [{\"year\": \"2023\", \"value\": 83},"
    " {\"year\": \"2024\", \"value\": 81}, {\"year\": \"2025\", \"value\": "
    "79}, {\"year\": \"2026\", \"value\": 77.5}]}";

/* The feed files of a and b. */
static void
write_feeds(const struct env *e, const char *doc)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/a.json", e->dir);
	harness_write(path, doc);
	snprintf(path, sizeof(path), "%s/b.json", e->dir);
	harness_write(path, doc);
}

/*
 * a and b, each from a file of its own, each with a floor it meets (no
 * message while all is well), alerts to a Maildir; listen as given.
 */
static void
write_conf(const struct env *e, const char *listen)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"%s\"\n"
	    "smtp:\n  transport: maildir\n  maildir: mail\n"
	    "  from: planwatch@cangshan.example\n"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "    receives: [decisions, operations]\n"
	    "collectors:\n"
	    "  - {id: fa, url: \"file://%s/a.json\", format: json, "
	    "allow_file: true}\n"
	    "  - {id: fb, url: \"file://%s/b.json\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n"
	    "  - {id: a, name: A, unit: \"%%\", frequency: annual, collector: "
	    "fa, stale_after: 3650d, selector: {observations: /data, period: "
	    "/year, value: /value}, targets: [{id: floor_0, kind: floor, "
	    "value: 0}]}\n"
	    "  - {id: b, name: B, unit: \"%%\", frequency: annual, collector: "
	    "fb, stale_after: 3650d, selector: {observations: /data, period: "
	    "/year, value: /value}, targets: [{id: floor_0, kind: floor, "
	    "value: 0}]}\n",
	    listen, e->dir, e->dir);
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	assert_int_equal(harness_temp_dir(e->dir, sizeof(e->dir), "damage"), 0);
	snprintf(e->conf, sizeof(e->conf), "%s/planwatch.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/run.log", e->dir);
	snprintf(e->data, sizeof(e->data), "%s/data", e->dir);
	snprintf(e->journal, sizeof(e->journal), "%s/a.journal", e->data);
	write_feeds(e, three_years);
	write_conf(e, "off");
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	harness_kill(e->pid);
	harness_remove_dir(e->dir);
	free(e->damaged);
	free(e);
	return 0;
}

/* planwatch -c conf journal <verb> a, its output in e->log. */
static int
journal_cmd(const struct env *e, const char *verb)
{
	const char *args[] = {"journal", verb, "a", NULL};

	return harness_run_args(e->log, e->conf, args);
}

/* The value of indicator id for year y in its archive. */
static double
value(const struct env *e, const char *id, int y)
{
	char path[800];

	snprintf(path, sizeof(path), "%s/%s.rrd", e->data, id);
	return rrd_check_value_at(path, rrd_check_utc(y + 1, 1, 1), NULL, path);
}

/*
 * planwatch eval --json (exit 1: a journal did not load): the number of
 * observations it reports for a.
 */
static int
eval_observations_of_a(const struct env *e)
{
	const char *args[] = {"eval", "--json", NULL};
	char *out, *p;
	int n;

	assert_int_equal(harness_run_args(e->log, e->conf, args), 1);
	harness_log_has(e->log, "a.journal:3: checksum mismatch");
	out = harness_read(e->log, NULL);
	assert_non_null(out);
	p = strstr(out, "\"id\": \"a\",");
	assert_non_null(p);
	p = strstr(p, "\"observations\": ");
	assert_non_null(p);
	n = atoi(p + strlen("\"observations\": "));
	free(out);
	return n;
}

/*
 * Flips one digit of line 3 of a's journal (2024's record: 81 becomes
 * 82, still JSON, its checksum wrong); the damaged text in e->damaged.
 */
static void
damage_line_3(struct env *e)
{
	char *p;

	assert_non_null(e->damaged = harness_read(e->journal, NULL));
	p = strstr(e->damaged, "\"value\":81.0,");
	assert_non_null(p);
	p[9] = '2';
	harness_write(e->journal, e->damaged);
}

/* The text of every message delivered so far, one after the other. */
static char *
mail(const struct env *e)
{
	char dir[700], file[1000], *all = NULL, *text;
	size_t len = 0;
	FILE *out = open_memstream(&all, &len);
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/mail/new", e->dir);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
			if ((text = harness_read(file, NULL)) != NULL)
				fputs(text, out);
			free(text);
		}
		closedir(d);
	}
	fclose(out);
	return all;
}

/* GET path from the daemon whose log is e->log; the body, to free. */
static char *
get(const struct env *e, const char *path)
{
	return daemon_get(e->log, path);
}

/* Fails, showing text, unless it contains what. */
static void
has(const char *text, const char *what)
{
	if (strstr(text, what) == NULL)
		fail_msg("no \"%s\" in:\n%s", what, text);
}

/* A running daemon shows a's error on every page that says health. */
static void
daemon_shows_the_damage(struct env *e)
{
	char *page;

	write_conf(e, "127.0.0.1:0");
	e->pid = harness_start(e->log, e->conf);
	page = get(e, "/metrics");
	has(page, "planwatch_journals_damaged 1\n");
	has(page, "planwatch_indicator_journal_damaged{indicator=\"a\"} 1\n");
	has(page, "planwatch_indicator_feed_error{indicator=\"a\"} 1\n");
	has(page, "planwatch_indicator_feed_error{indicator=\"b\"} 0\n");
	has(page,
	    "planwatch_target_status{indicator=\"a\",target=\"floor_0\","
	    "status=\"feed_error\"} 1\n");
	free(page);
	page = get(e, "/api/v1/status");
	has(page, "\"journals_damaged\"");
	has(page, "a.journal:3: checksum mismatch");
	free(page);
	page = get(e, "/");
	has(page,
	    "日志损坏，修复前不再记录新数据（planwatch journal repair a）");
	free(page);
	/* The daemon holds data_dir: no repair beside it. */
	assert_int_equal(journal_cmd(e, "repair"), 1);
	harness_log_has(e->log, "in use by another planwatch");
	assert_int_equal(harness_stop(e->pid), 0);
	e->pid = 0;
	write_conf(e, "off");
}

static void
test_damaged_journal_isolates_its_indicator_until_repaired(void **state)
{
	struct env *e = *state;
	char *after, *text, aside[800];
	struct dirent *de;
	DIR *d;

	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	damage_line_3(e);

	/* Both feeds bring 2026; a's damaged journal takes nothing. */
	write_feeds(e, four_years);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_clean(e->log);
	harness_log_has(e->log,
	    "indicator a: journal damaged, no new value is taken until it is "
	    "repaired (planwatch journal repair a): ");
	harness_log_has(e->log, "a.journal:3: checksum mismatch");
	harness_log_lacks(e->log, "cannot start");
	assert_true(value(e, "b", 2026) == 77.5);
	assert_true(value(e, "b", 2024) == 81);
	after = harness_read(e->journal, NULL);
	assert_string_equal(after, e->damaged);
	free(after);
	/* The operator is told: a's floor is now in error, with why. */
	text = mail(e);
	assert_non_null(text);
	has(text, "planwatch journal repair a");
	free(text);

	/* eval judges a on its good records, before and after the damage,
	 * and says that the journal did not load. */
	assert_int_equal(eval_observations_of_a(e), 2);

	assert_int_equal(journal_cmd(e, "check"), 1);
	harness_log_has(e->log, "damaged: 2 good record(s), 1 damaged line(s)");
	harness_log_has(e->log, "  line 3: checksum mismatch");

	daemon_shows_the_damage(e);

	assert_int_equal(journal_cmd(e, "repair"), 0);
	harness_log_has(e->log,
	    "repaired: kept 2 good record(s), dropped 1 "
	    "damaged line(s):");
	harness_log_has(e->log, "the damaged journal is kept as ");
	/* The damaged file, byte for byte, beside the new journal. */
	aside[0] = '\0';
	assert_non_null(d = opendir(e->data));
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "a.journal.damaged.", 18) == 0)
			snprintf(
			    aside, sizeof(aside), "%s/%s", e->data, de->d_name);
	closedir(d);
	assert_true(aside[0] != '\0');
	text = harness_read(aside, NULL);
	assert_string_equal(text, e->damaged);
	free(text);
	/* The records before (2023) and after (2025) the damage stay. */
	text = harness_read(e->journal, NULL);
	has(text, "\"period\":\"2023\",\"value\":83.0,");
	has(text, "\"period\":\"2025\",\"value\":79.0,");
	assert_null(strstr(text, "\"period\":\"2024\""));
	free(text);
	assert_int_equal(journal_cmd(e, "check"), 0);
	harness_log_has(e->log, "sound, 2 record(s)");

	/* Repaired: the next run takes a's data again. */
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	harness_log_has(e->log, "indicator a: 2 new or revised observations");
	assert_true(value(e, "a", 2026) == 77.5);
	assert_true(value(e, "a", 2024) == 81);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_damaged_journal_isolates_its_indicator_until_repaired,
		setup, teardown),
	};

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
