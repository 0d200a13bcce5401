/*
 * journal_case: what the journal tests (test_journal_*.c) share: the
 * per-test directory (harness_temp_dir) with a journal path in it and
 * what a test loads, which teardown frees (a failed assertion jumps out
 * of the test and leaks nothing); journals written, read back and checked
 * as version 2 files; the three-record, version 1 and redundant journals
 * several tests start from.  cmocka's assertions are used: include after
 * <cmocka.h>.
 */
#ifndef PLANWATCH_JOURNAL_CASE_H
#define PLANWATCH_JOURNAL_CASE_H

#include <stddef.h>
#include <time.h>

#include "journal.h"
#include "obs.h"
#include "period.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define HEADER "{\"planwatch_journal\":2}\n"
#define FETCHED 1732600000L

/*
 * The per-test directory, a journal path in it, and what a test loads:
 * teardown frees them, so a failed assertion (which jumps out of the
 * test) leaks nothing.
 */
struct fixture {
	char dir[256];
	char path[320];
	char other[320]; /* a second journal, e.g. the one never torn */
	struct obs_list l, l2;
	struct obs_revisions r, r2;
	char *buf, *buf2, *big;
};

int setup(void **state);
int teardown(void **state);
void write_bytes(const char *path, const void *data, size_t len);
char *read_bytes(const char *path, size_t *len);
void assert_file_is(const char *path, const char *want, size_t wantlen);
void assert_bits(double got, double want, const char *what);
struct journal_entry entry(int year, double value);
struct journal_entry revision(
    int year, double old, double value, time_t fetched);
void append(const char *path, const struct journal_entry *e, size_t n);
long load(const char *path, struct obs_list *l, struct obs_revisions *r,
    struct journal_stats *st);
void line_span(const char *buf, size_t len, int k, size_t *start, size_t *end);
size_t assert_v2_file(const char *path);
size_t dir_entries(const char *dir);
size_t three_records(struct fixture *f);
extern const char v1_text[];
void redundant_journal(const char *path);

#endif
