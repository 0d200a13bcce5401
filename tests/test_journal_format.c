/*
 * test_journal_format: the journal's format version 2 (docs/journal.md).
 * Values read back bit for bit and every record carries a CRC-32 that
 * checks out; a flipped byte anywhere in the last record drops it as
 * torn, and anywhere in a middle record fails the load naming path:line;
 * a power cut at any byte of the last record drops it; a version 1
 * journal loads, and its first append rewrites it as version 2; an
 * append after a torn tail gives the very bytes of a journal that was
 * never torn.  Every test works in its own mkdtemp directory under /tmp
 * (unit/journal_case.c).
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

/* ---- the format --------------------------------------------------- */

static const double awkward[] = {0.1 + 0.2, 1e-300, -0.0, 4.9e-324,
    1.7976931348623157e308, 1030.11, 1.0 / 3, -5.5, 123456789012345.67};

/* Values and revisions read back bit for bit; the file is checksummed. */
static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e[NELEM(awkward)], rev;
	struct journal_stats st;
	size_t len;

	for (size_t i = 0; i < NELEM(awkward); i++)
		e[i] = entry(2001 + (int)i, awkward[i]);
	rev = revision(2002, 1e-300, -0.0, FETCHED + 86400);
	append(f->path, e, NELEM(e));
	append(f->path, &rev, 1);

	assert_int_equal(load(f->path, &f->l, &f->r, &st), NELEM(e) + 1);
	assert_int_equal(st.version, 2);
	assert_int_equal(st.records, NELEM(e) + 1);
	assert_int_equal(st.revisions, 1);
	assert_int_equal(st.redundant, 1); /* 2002's first value */
	assert_int_equal(st.torn, 0);
	assert_int_equal(f->l.n, NELEM(awkward));
	for (size_t i = 0; i < NELEM(awkward); i++) {
		assert_int_equal(f->l.v[i].period.year, 2001 + (int)i);
		assert_bits(
		    f->l.v[i].value, i == 1 ? -0.0 : awkward[i], "value");
	}
	assert_int_equal(f->r.n, 1);
	assert_bits(f->r.v[0].old_value, 1e-300, "replaced");
	assert_bits(f->r.v[0].new_value, -0.0, "revised");
	assert_int_equal(f->r.v[0].fetched, FETCHED + 86400);
	assert_string_equal(f->r.v[0].collector, "import");

	assert_int_equal(assert_v2_file(f->path), NELEM(e) + 1);
	f->buf = read_bytes(f->path, &len);
	/* Human-readable: the shortest digits, the members in order. */
	assert_non_null(strstr(f->buf,
	    "\n{\"period\":\"2006\",\"value\":1030.11,\"fetched\":1732600000,"
	    "\"collector\":\"gdp_feed\",\"crc\":\""));
	assert_non_null(strstr(f->buf, "\"value\":-0.0,"));
	assert_non_null(strstr(f->buf, "\"replaced\":1e-300,\"crc\""));
}

/* A flipped bit anywhere in the last record: dropped as torn. */
static void
test_flip_last_record(void **state)
{
	struct fixture *f = *state;
	size_t len = three_records(f), start, end;
	char err[512];
	int torn;

	line_span(f->buf, len, 4, &start, &end);
	assert_int_equal(end, len);
	for (size_t i = start; i < end - 1; i++) {
		f->buf[i] ^= 1;
		write_bytes(f->path, f->buf, len);
		f->buf[i] ^= 1;
		torn = -1;
		if (journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err,
			sizeof(err)) != 2)
			fail_msg("byte %zu flipped: %s", i - start, err);
		assert_int_equal(torn, 1);
		assert_int_equal(f->l.n, 2);
		assert_bits(f->l.v[0].value, 1030.11, "2021");
		assert_bits(f->l.v[1].value, 1065, "2022");
		obs_list_clear(&f->l);
	}
}

/* A flipped bit anywhere in a middle record: the load fails at its line. */
static void
test_flip_middle_record(void **state)
{
	struct fixture *f = *state;
	size_t len = three_records(f), start, end;
	char err[512];
	int torn;

	line_span(f->buf, len, 3, &start, &end);
	for (size_t i = start; i < end - 1; i++) {
		f->buf[i] ^= 1;
		write_bytes(f->path, f->buf, len);
		f->buf[i] ^= 1;
		err[0] = '\0';
		if (journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err,
			sizeof(err)) != -1)
			fail_msg("byte %zu flipped: loaded", i - start);
		assert_err_line(err, f->path, 3);
		obs_list_clear(&f->l);
	}
	/* A value digit: still JSON, and still refused. */
	memcpy(strstr(f->buf, "1065"), "1066", 4);
	write_bytes(f->path, f->buf, len);
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, &torn, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 3);
	assert_non_null(strstr(err, "checksum mismatch"));
}

/*
 * A power cut at every byte of the last record, and of the header: what
 * was whole loads, the rest is torn; a load never changes the file.
 */
static void
test_power_cut(void **state)
{
	struct fixture *f = *state;
	size_t len = three_records(f), start, end;
	char err[512];
	int torn;

	line_span(f->buf, len, 4, &start, &end);
	for (size_t cut = start; cut <= len; cut++) {
		long want = cut == start || cut == len ? 0 : 1;

		write_bytes(f->path, f->buf, cut);
		assert_int_equal(journal_load(f->path, FREQ_ANNUAL, &f->l,
				     &torn, err, sizeof(err)),
		    cut == len ? 3 : 2);
		assert_int_equal(torn, want);
		assert_bits(f->l.v[1].value, 1065, "2022");
		obs_list_clear(&f->l);
		assert_file_is(f->path, f->buf, cut);
	}
	for (size_t cut = 1; cut <= strlen(HEADER); cut++) {
		write_bytes(f->path, f->buf, cut);
		assert_int_equal(journal_load(f->path, FREQ_ANNUAL, &f->l,
				     &torn, err, sizeof(err)),
		    0);
		assert_int_equal(torn, cut < strlen(HEADER));
		assert_int_equal(f->l.n, 0);
	}
}

/* ---- version 1 ---------------------------------------------------- */

static void
assert_v1_values(const struct obs_list *l, const struct obs_revisions *r)
{
	assert_true(l->n >= 3);
	assert_bits(l->v[0].value, 1030.11, "2021");
	assert_bits(l->v[1].value, 1048.97, "2022");
	assert_bits(l->v[2].value, 7, "2023");
	assert_int_equal(r->n, 1);
	assert_int_equal(r->v[0].period.year, 2022);
	assert_bits(r->v[0].old_value, 1065, "old");
	assert_bits(r->v[0].new_value, 1048.97, "new");
	assert_int_equal(r->v[0].fetched, 1732686400);
	assert_string_equal(r->v[0].collector, "import");
}

/*
 * A version 1 journal loads as before; its first append rewrites it as
 * version 2 (the torn line dropped, the same values and revisions) with
 * the new record at its end, and leaves no temporary file.
 */
static void
test_v1_loads_and_converts(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e = entry(2024, 5.5);
	struct journal_stats st;

	write_bytes(f->path, v1_text, strlen(v1_text));
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 4);
	assert_int_equal(st.version, 1);
	assert_int_equal(st.torn, 1);
	assert_int_equal(st.redundant, 1);
	assert_int_equal(f->l.n, 3);
	assert_v1_values(&f->l, &f->r);
	assert_file_is(f->path, v1_text, strlen(v1_text));

	append(f->path, &e, 1);
	assert_int_equal(assert_v2_file(f->path), 5);
	assert_int_equal(dir_entries(f->dir), 1);
	assert_int_equal(load(f->path, &f->l2, &f->r2, &st), 5);
	assert_int_equal(st.version, 2);
	assert_int_equal(st.torn, 0);
	assert_int_equal(f->l2.n, 4);
	assert_v1_values(&f->l2, &f->r2);
	assert_bits(f->l2.v[3].value, 5.5, "2024");
}

/* A damaged version 1 journal is not converted: the append fails. */
static void
test_v1_damaged_not_converted(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "{\"period\":\"2021\",\"value\":1}\n"
				   "{\"period\":\"2022\"}\n"
				   "{\"period\":\"2023\",\"value\":3}\n";
	struct journal_entry e = entry(2024, 4);
	char err[512] = "";

	write_bytes(f->path, text, strlen(text));
	assert_int_equal(journal_append(f->path, &e, 1, err, sizeof(err)), -1);
	assert_err_line(err, f->path, 2);
	assert_file_is(f->path, text, strlen(text));
	assert_int_equal(dir_entries(f->dir), 1);
}

/* ---- appending after a torn tail ---------------------------------- */

/*
 * Each way a tail can be torn, then an append: the file is byte for byte
 * the journal of the same records that was never torn.
 */
static void
test_append_after_torn_tail(void **state)
{
	struct fixture *f = *state;
	struct journal_entry two[] = {entry(2021, 1030.11), entry(2022, 1065)};
	struct journal_entry next = entry(2023, 1048.97);
	static const struct {
		const char *text;
		size_t len;
	} tails[] = {
	    {"{\"period\":\"2023\",\"val", 21}, /* cut short */
	    {"{\"period\":\"2023\",\"value\":1}", 27}, /* no newline */
	    {"{\"period\":\"2023\",\"value\":1}\n", 28}, /* no crc */
	    {"\n", 1},
	    {"\0\0\0\0\0\0\0\0", 8}, /* zeros: blocks never written */
	};
	size_t len, clean_len;
	char *clean;

	append(f->other, two, NELEM(two));
	append(f->other, &next, 1);
	clean = read_bytes(f->other, &clean_len);
	f->buf2 = clean;
	append(f->path, two, NELEM(two));
	f->buf = read_bytes(f->path, &len);
	for (size_t i = 0; i < NELEM(tails); i++) {
		size_t tl = tails[i].len;
		char *torn = malloc(len + tl);

		assert_non_null(torn);
		memcpy(torn, f->buf, len);
		memcpy(torn + len, tails[i].text, tl);
		write_bytes(f->path, torn, len + tl);
		free(torn);
		append(f->path, &next, 1);
		assert_file_is(f->path, clean, clean_len);
	}

	/* The last whole record failing its checksum is torn too. */
	clean[clean_len - 5] ^= 1;
	write_bytes(f->path, clean, clean_len);
	clean[clean_len - 5] ^= 1;
	append(f->path, &next, 1);
	assert_file_is(f->path, clean, clean_len);
}

/* A torn header, or a file of nothing but a torn line, starts afresh. */
static void
test_append_after_torn_header(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e = entry(2021, 1);
	size_t clean_len;

	append(f->other, &e, 1);
	f->buf2 = read_bytes(f->other, &clean_len);
	write_bytes(f->path, "{\"planwat", 9);
	append(f->path, &e, 1);
	assert_file_is(f->path, f->buf2, clean_len);
	write_bytes(f->path, "", 0);
	append(f->path, &e, 1);
	assert_file_is(f->path, f->buf2, clean_len);
}

/* A bad record before a torn tail is damage: nothing is appended. */
static void
test_append_refuses_damage(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e = entry(2024, 1);
	size_t len = three_records(f), start, end;
	char err[512] = "", *text;

	line_span(f->buf, len, 4, &start, &end);
	f->buf[start + 20] ^= 1;
	text = malloc(len + 5);
	assert_non_null(text);
	memcpy(text, f->buf, len);
	memcpy(text + len, "{\"per", 5);
	write_bytes(f->path, text, len + 5);
	assert_int_equal(journal_append(f->path, &e, 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "damaged record"));
	assert_file_is(f->path, text, len + 5);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_flip_last_record, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_flip_middle_record, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_power_cut, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_v1_loads_and_converts, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_v1_damaged_not_converted, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_append_after_torn_tail, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_append_after_torn_header, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_append_refuses_damage, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
