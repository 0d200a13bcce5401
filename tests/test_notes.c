/*
 * test_notes: the notes file (store/notes.h).  Good lines load with their
 * history (who added, who removed, when); an add and a remove written
 * read back; every bad line (not JSON, an unknown op or key, a remove of
 * an unknown note, a note added twice, a long text, a bad period or time,
 * a span backwards, a NUL) is refused with "file:line: message" and
 * nothing kept; a torn last line is left out and cut off by the next
 * append.
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

#include "notes.h"

#define ADD1                                                                   \
	"{\"op\":\"add\",\"nid\":1,\"from\":\"2022\",\"to\":\"2022\","         \
	"\"text\":\"pandemic closures\",\"by\":\"Li\","                        \
	"\"at\":\"2026-12-08T01:02:03Z\"}\n"
#define ADD2                                                                   \
	"{\"op\":\"add\",\"nid\":2,\"from\":\"2021\",\"to\":\"2023\","         \
	"\"text\":\"统计方法调整\",\"by\":\"Wang\","                     \
	"\"at\":\"2026-12-08T02:00:00Z\"}\n"
#define REM1                                                                   \
	"{\"op\":\"remove\",\"nid\":1,\"by\":\"Zhao\","                        \
	"\"at\":\"2026-12-09T00:00:00Z\"}\n"

static void
good_lines(void **state)
{
	const char text[] = ADD1 ADD2 REM1;
	struct note_list l = {0};
	char err[256] = "";
	struct period p2022 = {FREQ_ANNUAL, 2022, 0};

	(void)state;
	assert_int_equal(notes_parse("x.notes", text, strlen(text), FREQ_ANNUAL,
			     &l, err, sizeof(err)),
	    0);
	assert_int_equal(l.n, 2);
	assert_int_equal(note_list_live(&l), 1);
	assert_true(l.v[0].removed);
	assert_string_equal(l.v[0].by, "Li");
	assert_string_equal(l.v[0].removed_by, "Zhao");
	assert_int_equal(l.v[0].removed_at, 1796774400); /* 2026-12-09 */
	assert_string_equal(l.v[1].text, "统计方法调整");
	assert_int_equal(l.v[1].from.year, 2021);
	assert_int_equal(l.v[1].to.year, 2023);
	assert_false(note_covers(&l.v[0], &p2022)); /* removed */
	assert_true(note_covers(&l.v[1], &p2022));
	assert_true(note_in_years(&l.v[1], 2023, 2025));
	assert_false(note_in_years(&l.v[1], 2024, 2025));
	assert_int_equal(note_list_next_nid(&l), 3);
	note_list_clear(&l);
}

/* A file of one good line then bad: refused at line 2, nothing kept. */
static void
refused_at(const char *bad, int lineno, const char *why)
{
	char text[8192], err[512] = "", want[300];
	struct note_list l = {0};

	snprintf(text, sizeof(text), "%s%s\n", ADD1, bad);
	assert_int_equal(notes_parse("x.notes", text, strlen(text), FREQ_ANNUAL,
			     &l, err, sizeof(err)),
	    -1);
	snprintf(want, sizeof(want), "x.notes:%d: %s", lineno, why);
	if (strstr(err, want) != err)
		fail_msg("'%s' gave '%s', wanted '%s...'", bad, err, want);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

static void
refused(const char *bad, const char *why)
{
	refused_at(bad, 2, why);
}

static void
bad_lines(void **state)
{
	char longtext[1200], line[1400];

	(void)state;
	refused("not json", "not a JSON object");
	refused("[1,2]", "not a JSON object");
	refused("{\"nid\":2}", "no op");
	refused("{\"op\":\"edit\",\"nid\":1}", "unknown op 'edit'");
	refused("{\"op\":\"remove\",\"nid\":7,\"by\":\"x\","
		"\"at\":\"2026-12-08T00:00:00Z\"}",
	    "remove of note 7, never added");
	refused_at(REM1 "{\"op\":\"remove\",\"nid\":1,\"by\":\"Zhao\","
			"\"at\":\"2026-12-09T00:00:00Z\"}",
	    3, "note 1 removed twice");
	refused_at(REM1, 3, "not a JSON object"); /* an empty line */
	refused(ADD1, "note 1 added twice");
	refused("{\"op\":\"add\",\"nid\":2,\"from\":\"2022\",\"to\":\"2022\","
		"\"text\":\"t\",\"by\":\"b\",\"at\":\"2026-12-08T01:02:03Z\","
		"\"extra\":1}",
	    "unknown key 'extra'");
	refused("{\"op\":\"add\",\"nid\":2,\"from\":\"2022-Q1\",\"to\":"
		"\"2022\",\"text\":\"t\",\"by\":\"b\",\"at\":"
		"\"2026-12-08T01:02:03Z\"}",
	    "from: ");
	refused("{\"op\":\"add\",\"nid\":2,\"from\":\"2023\",\"to\":\"2022\","
		"\"text\":\"t\",\"by\":\"b\",\"at\":\"2026-12-08T01:02:03Z\"}",
	    "to is before from");
	refused("{\"op\":\"add\",\"nid\":2,\"from\":\"2022\",\"to\":\"2022\","
		"\"text\":\"\",\"by\":\"b\",\"at\":\"2026-12-08T01:02:03Z\"}",
	    "text: empty");
	refused("{\"op\":\"add\",\"nid\":2,\"from\":\"2022\",\"to\":\"2022\","
		"\"text\":\"a\\nb\",\"by\":\"b\",\"at\":"
		"\"2026-12-08T01:02:03Z\"}",
	    "text: a control character");
	refused("{\"op\":\"add\",\"nid\":0,\"from\":\"2022\",\"to\":\"2022\","
		"\"text\":\"t\",\"by\":\"b\",\"at\":\"2026-12-08T01:02:03Z\"}",
	    "nid is not a number from 1");
	refused("{\"op\":\"add\",\"nid\":2,\"from\":\"2022\",\"to\":\"2022\","
		"\"text\":\"t\",\"by\":\"b\",\"at\":\"2026-02-30T01:02:03Z\"}",
	    "at is not");
	refused("{\"op\":\"add\",\"nid\":\"2\"}", "nid is not");
	memset(longtext, 'x', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	snprintf(line, sizeof(line),
	    "{\"op\":\"add\",\"nid\":2,\"from\":\"2022\",\"to\":\"2022\","
	    "\"text\":\"%s\",\"by\":\"b\",\"at\":\"2026-12-08T01:02:03Z\"}",
	    longtext);
	refused(line, "text: over 500 bytes");
}

static void
long_line_and_nul(void **state)
{
	char *text = malloc(NOTES_LINE_MAX + 200), err[256];
	struct note_list l = {0};
	const char nul[] = "{\"op\":\0\"add\"}\n";

	(void)state;
	memset(text, ' ', NOTES_LINE_MAX + 100);
	text[NOTES_LINE_MAX + 100] = '\n';
	assert_int_equal(notes_parse("x.notes", text, NOTES_LINE_MAX + 101,
			     FREQ_ANNUAL, &l, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "x.notes:1: line over 4096 bytes");
	assert_int_equal(notes_parse("x.notes", nul, sizeof(nul) - 1,
			     FREQ_ANNUAL, &l, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "x.notes:1: a NUL byte");
	free(text);
}

/* Written, read back, removed; a torn line cut off before an append. */
static void
add_remove_file(void **state)
{
	char dir[] = "/tmp/test_notes.XXXXXX", path[300], err[256] = "";
	struct note_list l = {0}, back = {0};
	struct period from, to;
	unsigned nid = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	notes_path(dir, "gdp", path, sizeof(path));
	assert_int_equal(notes_load(path, FREQ_QUARTERLY, &l, err, 256), 0);
	assert_int_equal(l.n, 0); /* no file: no notes */
	assert_int_equal(notes_span_parse("2022-Q1..2022-Q3", FREQ_QUARTERLY,
			     &from, &to, err, sizeof(err)),
	    0);
	assert_int_equal(notes_span_parse("2022..2023", FREQ_QUARTERLY, &from,
			     &to, err, sizeof(err)),
	    -1);
	assert_int_equal(notes_span_parse("2022-Q3..2022-Q1", FREQ_QUARTERLY,
			     &from, &to, err, sizeof(err)),
	    -1);
	assert_int_equal(notes_span_parse("2022-Q1..2022-Q3", FREQ_QUARTERLY,
			     &from, &to, err, sizeof(err)),
	    0);
	assert_int_equal(notes_add(path, &l, &from, &to, "lockdown", "Li",
			     1796691723, &nid, err, sizeof(err)),
	    0);
	assert_int_equal(nid, 1);
	assert_int_equal(notes_add(path, &l, &from, &to, "", "Li", 1796691723,
			     &nid, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "text: empty");
	/* A crash in the middle of a line: left out, then cut off. */
	assert_non_null(f = fopen(path, "a"));
	fputs("{\"op\":\"add\",\"ni", f);
	fclose(f);
	assert_int_equal(notes_load(path, FREQ_QUARTERLY, &back, err, 256), 0);
	assert_int_equal(back.n, 1);
	assert_int_equal(
	    notes_remove(path, &l, 9, "Wang", 1796700000, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "no such note 9");
	assert_int_equal(
	    notes_remove(path, &l, 1, "Wang", 1796700000, err, sizeof(err)), 0);
	assert_int_equal(
	    notes_remove(path, &l, 1, "Wang", 1796700000, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "note 1 is already removed");
	assert_int_equal(notes_load(path, FREQ_QUARTERLY, &back, err, 256), 0);
	assert_int_equal(back.n, 1);
	assert_true(back.v[0].removed);
	assert_string_equal(back.v[0].removed_by, "Wang");
	assert_string_equal(back.v[0].text, "lockdown");
	assert_int_equal(back.v[0].to.sub, 3);
	note_list_clear(&l);
	note_list_clear(&back);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(good_lines),
	    cmocka_unit_test(bad_lines),
	    cmocka_unit_test(long_line_and_nul),
	    cmocka_unit_test(add_remove_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
