/*
 * test_journal_hostile: hostile files (binary garbage, a 10 MB line,
 * version 99) are refused or dropped, never misread.  Every test works in
 * its own mkdtemp directory under /tmp (unit/journal_case.c).
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"
#include "journal.h"
#include "obs.h"
#include "period.h"
#include "unit/file_case.h"
#include "unit/journal_case.h"

/* ---- hostile files ------------------------------------------------ */

/* Deterministic noise (an LCG): the same garbage every run. */
static void
garbage(char *buf, size_t len, bool newlines)
{
	uint32_t x = 12345;

	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (char)(x >> 16);
		if (!newlines && buf[i] == '\n')
			buf[i] = 'x';
	}
}

static void
assert_printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			fail_msg("control byte 0x%02x in the error",
			    (unsigned char)*s);
}

/* Binary garbage: refused at line 1, or dropped whole as a torn line. */
static void
test_hostile_garbage(void **state)
{
	struct fixture *f = *state;
	char junk[65536], err[512];
	int torn;

	garbage(junk, sizeof(junk), true);
	assert_non_null(memchr(junk, '\n', sizeof(junk)));
	write_bytes(f->path, junk, sizeof(junk));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 1);
	assert_printable(err);

	garbage(junk, sizeof(junk), false);
	write_bytes(f->path, junk, sizeof(junk));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err, sizeof(err)),
	    0);
	assert_int_equal(torn, 1);

	/* After good records: line 4 is damage, the records are not used. */
	three_records(f);
	{
		FILE *fp = fopen(f->path, "a");

		assert_non_null(fp);
		fwrite(junk, 1, 100, fp);
		fputs("\n", fp);
		fwrite(f->buf + strlen(HEADER), 1, 30, fp);
		fputs("\n", fp);
		assert_int_equal(fclose(fp), 0);
	}
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 5);
	assert_printable(err);
	obs_list_clear(&f->l);
}

/*
 * A 10 MB line: refused as the first line of a version 1 file; the last
 * line of a version 2 file, whole or cut short, is torn, and the next
 * append cuts it off.
 */
static void
test_hostile_long_line(void **state)
{
	struct fixture *f = *state;
	const size_t big = 10u << 20;
	struct journal_entry next = entry(2024, 2);
	char *line = f->big = malloc(big), err[512];
	size_t len, clean_len;
	FILE *fp;
	int torn;

	assert_non_null(line);
	memset(line, 'x', big);
	memcpy(line, "{\"period\":\"2021\",\"value\":1,\"collector\":\"", 40);
	memcpy(line + big - 3, "\"}\n", 3);
	write_bytes(f->path, line, big);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 1);
	assert_non_null(strstr(err, "longer than 4096 bytes"));

	assert_int_equal(unlink(f->path), 0);
	len = three_records(f);
	write_bytes(f->other, f->buf, len);
	append(f->other, &next, 1);
	f->buf2 = read_bytes(f->other, &clean_len);
	for (int whole = 0; whole < 2; whole++) {
		write_bytes(f->path, f->buf, len);
		fp = fopen(f->path, "a");
		assert_non_null(fp);
		assert_int_equal(
		    fwrite(line, 1, big - !whole, fp), big - !whole);
		assert_int_equal(fclose(fp), 0);
		assert_int_equal(journal_load(f->path, FREQ_ANNUAL, &f->l,
				     &torn, err, sizeof(err)),
		    3);
		assert_int_equal(torn, 1);
		obs_list_clear(&f->l);
		append(f->path, &next, 1);
		assert_file_is(f->path, f->buf2, clean_len);
	}
}

/* A header of another version: a clear error, and nothing written. */
static void
test_hostile_header(void **state)
{
	struct fixture *f = *state;
	static const char v99[] = "{\"planwatch_journal\":99}\n"
				  "{\"period\":\"2021\",\"value\":1}\n";
	static const char bad[] = "{\"planwatch_journal\":\"2\"}\n";
	static const char mixed[] =
	    HEADER "{\"period\":\"2021\",\"value\":1}\n"
		   "{\"period\":\"2022\",\"value\":1}\n";
	struct journal_entry e = entry(2022, 2);
	char err[512], want[256];

	snprintf(want, sizeof(want), "%s:1: unsupported journal version 99",
	    f->path);
	write_bytes(f->path, v99, strlen(v99));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, want);
	assert_int_equal(journal_append(f->path, &e, 1, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	assert_file_is(f->path, v99, strlen(v99));

	write_bytes(f->path, bad, strlen(bad));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, NULL, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 1);
	assert_non_null(strstr(err, "bad journal header"));

	/* Records without checksums after a version 2 header: no mixing. */
	write_bytes(f->path, mixed, strlen(mixed));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, NULL, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 2);
	assert_non_null(strstr(err, "no checksum"));
}

/* A record too long to be read back is never written. */
static void
test_record_too_long(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[] = {entry(2021, 1), entry(2022, 2)};
	char *collector = malloc(5000), err[512] = "";
	size_t len = three_records(f);

	assert_non_null(collector);
	memset(collector, 'c', 4999);
	collector[4999] = '\0';
	e[1].collector = collector;
	assert_int_equal(journal_append(f->path, e, 2, err, sizeof(err)), -1);
	free(collector);
	assert_non_null(strstr(err, f->path));
	assert_file_is(f->path, f->buf, len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_hostile_garbage, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_hostile_long_line, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_hostile_header, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_record_too_long, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
