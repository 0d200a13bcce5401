/*
 * test_journal_repair: a damaged middle record is read past by the
 * salvage, and the repair keeps every good record before and after it,
 * keeps the damaged file beside the new one, and refuses what it cannot
 * do without changing anything.  Every test works in its own mkdtemp
 * directory under /tmp (unit/journal_case.c).
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

/* ---- damage: salvage and repair ----------------------------------- */

/* 2026-11-27 00:00:00 UTC: the repair's time in the aside's name. */
#define REPAIR_NOW 1795737600L
#define ASIDE_SUFFIX ".damaged.20261127T000000Z"

/*
 * Five records, 2019 to 2022 and a revision of 2021, the third record
 * (line 4, 2021's first value) damaged by one flipped bit at byte at of
 * the line; the damaged bytes in f->buf.
 */
static size_t
damaged_middle(struct fixture *f, size_t at)
{
	struct journal_entry e[] = {
	    entry(2019, 1), entry(2020, 2), entry(2021, 3), entry(2022, 4)};
	struct journal_entry rev = revision(2021, 3, 3.5, FETCHED + 1);
	size_t len, start, end;

	append(f->path, e, NELEM(e));
	append(f->path, &rev, 1);
	free(f->buf);
	f->buf = read_bytes(f->path, &len);
	line_span(f->buf, len, 4, &start, &end);
	assert_true(start + at < end - 1);
	f->buf[start + at] ^= 1;
	write_bytes(f->path, f->buf, len);
	return len;
}

/*
 * A damaged middle record: the strict load fails, the salvage reads every
 * good record before and after it and lists the line, whichever byte of
 * it is damaged; the file is not changed.
 */
static void
test_salvage_reads_past_a_damaged_middle_record(void **state)
{
	struct fixture *f = *state;
	struct journal_damage d;
	char err[512];
	size_t len = damaged_middle(f, 0), start, end;

	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, NULL, err, sizeof(err)),
	    -1);
	assert_err_line(err, f->path, 4);
	obs_list_clear(&f->l);
	free(f->buf);
	f->buf = read_bytes(f->path, &len);
	line_span(f->buf, len, 4, &start, &end);
	f->buf[start] ^= 1; /* whole again: each byte in turn below */
	for (size_t i = start; i < end - 1; i++) {
		f->buf[i] ^= 1;
		write_bytes(f->path, f->buf, len);
		if (journal_salvage(f->path, FREQ_ANNUAL, &f->l, &f->r, &d, err,
			sizeof(err)) != 4)
			fail_msg(
			    "byte %zu of the damaged line: %s", i - start, err);
		assert_int_equal(d.good, 4);
		assert_int_equal(d.bad, 1);
		assert_int_equal(d.nlisted, 1);
		assert_int_equal(d.listed[0].line, 4);
		assert_int_equal(d.torn_line, 0);
		assert_int_equal(f->l.n, 4);
		assert_bits(f->l.v[0].value, 1, "2019");
		assert_bits(f->l.v[2].value, 3.5, "2021, revised after");
		assert_bits(f->l.v[3].value, 4, "2022");
		assert_int_equal(f->r.n, 1);
		obs_list_clear(&f->l);
		obs_revisions_clear(&f->r);
		f->buf[i] ^= 1;
	}
	f->buf[start] ^= 1;
	write_bytes(f->path, f->buf, len);
	journal_salvage(
	    f->path, FREQ_ANNUAL, &f->l, NULL, &d, err, sizeof(err));
	assert_string_equal(d.listed[0].why, "checksum mismatch");
	assert_file_is(f->path, f->buf, len);
}

/*
 * journal_repair keeps every good record, before and after the damaged
 * one, in order (the revision too), writes them as a new journal that
 * loads, and keeps the damaged file, byte for byte, beside it.
 */
static void
test_repair_keeps_good_records_and_the_damaged_file(void **state)
{
	struct fixture *f = *state;
	struct journal_damage d;
	char err[512] = "", aside[512], want[512];
	size_t len = damaged_middle(f, 10);

	if (journal_repair(f->path, FREQ_ANNUAL, REPAIR_NOW, &d, aside,
		sizeof(aside), err, sizeof(err)) != 0)
		fail_msg("journal_repair: %s", err);
	snprintf(want, sizeof(want), "%s" ASIDE_SUFFIX, f->path);
	assert_string_equal(aside, want);
	assert_file_is(aside, f->buf, len);
	assert_int_equal(d.good, 4);
	assert_int_equal(d.bad, 1);
	assert_int_equal(d.listed[0].line, 4);
	assert_int_equal(assert_v2_file(f->path), 4);
	assert_int_equal(load(f->path, &f->l, &f->r, NULL), 4);
	assert_int_equal(f->l.n, 4);
	assert_bits(f->l.v[1].value, 2, "2020, before the damage");
	assert_bits(f->l.v[2].value, 3.5, "2021, revised after it");
	assert_int_equal(f->r.n, 1);
	assert_bits(f->r.v[0].old_value, 3, "the revision's old value");

	/* Repaired: a second repair finds nothing and changes nothing. */
	free(f->buf2);
	f->buf2 = read_bytes(f->path, &len);
	assert_int_equal(journal_repair(f->path, FREQ_ANNUAL, REPAIR_NOW + 1,
			     &d, aside, sizeof(aside), err, sizeof(err)),
	    0);
	assert_string_equal(aside, "");
	assert_int_equal(d.bad, 0);
	assert_file_is(f->path, f->buf2, len);
	assert_int_equal(dir_entries(f->dir), 2);
}

/*
 * A damaged header: salvaged as version 2 (its records carry checksums,
 * so none is taken unchecked); the repair writes a new header.  A sound
 * or missing journal is left alone.
 */
static void
test_repair_damaged_header_and_sound_journals(void **state)
{
	struct fixture *f = *state;
	struct journal_damage d;
	char err[512] = "", aside[512];
	size_t len = three_records(f);

	assert_int_equal(journal_repair(f->path, FREQ_ANNUAL, REPAIR_NOW, &d,
			     aside, sizeof(aside), err, sizeof(err)),
	    0);
	assert_string_equal(aside, "");
	assert_int_equal(d.good, 3);
	assert_file_is(f->path, f->buf, len);

	f->buf[2] = 0x00; /* {"planwatch_journal":2} no longer JSON */
	write_bytes(f->path, f->buf, len);
	assert_int_equal(journal_salvage(f->path, FREQ_ANNUAL, &f->l, NULL, &d,
			     err, sizeof(err)),
	    3);
	assert_int_equal(d.version, 2);
	assert_int_equal(d.listed[0].line, 1);
	if (journal_repair(f->path, FREQ_ANNUAL, REPAIR_NOW, &d, aside,
		sizeof(aside), err, sizeof(err)) != 0)
		fail_msg("journal_repair: %s", err);
	assert_int_equal(assert_v2_file(f->path), 3);

	assert_int_equal(journal_repair(f->other, FREQ_ANNUAL, REPAIR_NOW, &d,
			     aside, sizeof(aside), err, sizeof(err)),
	    0);
	assert_int_equal(access(f->other, F_OK), -1);
}

/*
 * What repair cannot do, it does not start: a journal of another version
 * is refused, and a damaged file's aside name already taken (a repair in
 * the same second) fails the repair with the journal untouched.
 */
static void
test_repair_refuses_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	static const char v99[] = "{\"planwatch_journal\":99}\n{\"x\":1}\n";
	struct journal_damage d;
	char err[512] = "", aside[512], taken[512];
	size_t len;

	write_bytes(f->path, v99, strlen(v99));
	assert_int_equal(journal_repair(f->path, FREQ_ANNUAL, REPAIR_NOW, &d,
			     aside, sizeof(aside), err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "unsupported journal version 99"));
	assert_file_is(f->path, v99, strlen(v99));
	assert_int_equal(dir_entries(f->dir), 1);

	assert_int_equal(unlink(f->path), 0);
	len = damaged_middle(f, 3);
	snprintf(taken, sizeof(taken), "%s" ASIDE_SUFFIX, f->path);
	write_bytes(taken, "earlier", 7);
	assert_int_equal(journal_repair(f->path, FREQ_ANNUAL, REPAIR_NOW, &d,
			     aside, sizeof(aside), err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "cannot keep it as"));
	assert_file_is(f->path, f->buf, len);
	assert_file_is(taken, "earlier", 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_salvage_reads_past_a_damaged_middle_record, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_repair_keeps_good_records_and_the_damaged_file, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_repair_damaged_header_and_sound_journals, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_repair_refuses_and_changes_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
