/*
 * test_journal_links: a symbolic link planted at the journal, or at the
 * temporary name a rewrite once used, is refused or passed by, its target
 * never written.  Every test works in its own mkdtemp directory under
 * /tmp (unit/journal_case.c).
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

/* ---- links planted in data_dir ----------------------------------- */

/*
 * What a link planted in data_dir points at: f->dir/outside/<name>, a
 * file that is not planwatch's (say /etc/cron.d/x), holding text.
 */
static void
plant_link(struct fixture *f, const char *at, const char *name,
    const char *text, char *victim, size_t len)
{
	char outside[300];

	snprintf(outside, sizeof(outside), "%s/outside", f->dir);
	if (mkdir(outside, 0700) != 0 && errno != EEXIST)
		fail_msg("mkdir %s: %s", outside, strerror(errno));
	snprintf(victim, len, "%s/%s", outside, name);
	write_bytes(victim, text, strlen(text));
	assert_int_equal(symlink(victim, at), 0);
}

/* A journal that is a link is refused: nothing appended to its target. */
static void
test_links_append_refused(void **state)
{
	struct fixture *f = *state;
	struct journal_entry e = entry(2024, 1);
	char victim[400], err[512] = "";

	plant_link(f, f->path, "empty", "", victim, sizeof(victim));
	assert_int_equal(journal_append(f->path, &e, 1, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_file_is(victim, "", 0);
	assert_true(is_link(f->path));
	err[0] = '\0';
	assert_int_equal(
	    journal_append_nosync(f->path, &e, 1, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_file_is(victim, "", 0);
}

/*
 * Nor is a journal read, or compacted, through a link: another
 * indicator's journal (or any file) must not be taken for this one's.
 */
static void
test_links_load_refused(void **state)
{
	struct fixture *f = *state;
	size_t len = three_records(f);
	char victim[400], err[512] = "";

	assert_int_equal(rename(f->path, f->other), 0);
	plant_link(f, f->path, "gdp.journal", f->buf, victim, sizeof(victim));
	assert_int_equal(
	    journal_load(f->path, FREQ_ANNUAL, &f->l, NULL, err, sizeof(err)),
	    -1);
	assert_refused_link(err, f->path);
	err[0] = '\0';
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_true(is_link(f->path));
	assert_file_is(victim, f->buf, len);
}

/*
 * The temporary file of a rewrite (compaction, version 1 conversion) had
 * a name anyone could foresee, <path>.tmp.<pid>, opened without O_EXCL:
 * a link planted there was written through, then renamed over the
 * journal.  Now the name is random and created exclusively: the link is
 * passed by, its target untouched, the journal rewritten in place.
 */
static void
test_links_planted_tmp_passed_by(void **state)
{
	struct fixture *f = *state;
	char tmp[400], victim[400], err[512] = "";

	redundant_journal(f->path);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", f->path, (long)getpid());
	plant_link(f, tmp, "crontab", "# root's\n", victim, sizeof(victim));
	if (journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)) != 0)
		fail_msg("journal_compact: %s", err);
	assert_file_is(victim, "# root's\n", 9);
	assert_false(is_link(f->path));
	assert_true(assert_v2_file(f->path) > 0);
	assert_true(is_link(tmp));
	/* The journal, the planted link and the outside directory: no
	 * temporary file left behind. */
	assert_int_equal(dir_entries(f->dir), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_links_append_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_links_load_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_links_planted_tmp_passed_by, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
