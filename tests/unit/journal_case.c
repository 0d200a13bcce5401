/*
 * journal_case: the per-test directory, journals written, read and
 * checked for the journal tests (journal_case.h).
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
#include <zlib.h>

#include "integration/harness.h"
#include "journal.h"
#include "obs.h"
#include "period.h"
#include "unit/journal_case.h"

int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	if (harness_temp_dir(f->dir, sizeof(f->dir), "journal") != 0) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/gdp.journal", f->dir);
	snprintf(f->other, sizeof(f->other), "%s/clean.journal", f->dir);
	*state = f;
	return 0;
}

/* Removes the test directory and frees what the test loaded. */
int
teardown(void **state)
{
	struct fixture *f = *state;

	harness_remove_dir(f->dir);
	obs_list_clear(&f->l);
	obs_list_clear(&f->l2);
	obs_revisions_clear(&f->r);
	obs_revisions_clear(&f->r2);
	free(f->buf);
	free(f->buf2);
	free(f->big);
	free(f);
	return 0;
}

/* ---- helpers ------------------------------------------------------ */

void
write_bytes(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The whole file in a new NUL-terminated buffer; *len its size. */
char *
read_bytes(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "r");
	long size;
	char *buf;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size >= 0);
	rewind(fp);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
	buf[size] = '\0';
	fclose(fp);
	*len = (size_t)size;
	return buf;
}

void
assert_file_is(const char *path, const char *want, size_t wantlen)
{
	size_t len;
	char *got = read_bytes(path, &len);
	int same = len == wantlen && memcmp(got, want, len) == 0;

	free(got);
	if (!same)
		fail_msg(
		    "%s: %zu bytes, not the %zu expected", path, len, wantlen);
}

/* Asserts got and want are the same double, bit for bit (-0.0 too). */
void
assert_bits(double got, double want, const char *what)
{
	if (memcmp(&got, &want, sizeof(got)) != 0)
		fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

struct journal_entry
entry(int year, double value)
{
	return (struct journal_entry){.period = {FREQ_ANNUAL, year, 0},
	    .value = value,
	    .fetched = FETCHED,
	    .collector = "gdp_feed"};
}

struct journal_entry
revision(int year, double old, double value, time_t fetched)
{
	struct journal_entry e = entry(year, value);

	e.has_replaced = true;
	e.replaced = old;
	e.fetched = fetched;
	e.collector = "import";
	return e;
}

void
append(const char *path, const struct journal_entry *e, size_t n)
{
	char err[512] = "";

	if (journal_append(path, e, n, err, sizeof(err)) != 0)
		fail_msg("journal_append: %s", err);
}

/* Loads path (annual) with its revisions and stats; fails on an error. */
long
load(const char *path, struct obs_list *l, struct obs_revisions *r,
    struct journal_stats *st)
{
	char err[512] = "";
	long n =
	    journal_load_stats(path, FREQ_ANNUAL, l, r, st, err, sizeof(err));

	if (n < 0)
		fail_msg("journal_load_stats: %s", err);
	return n;
}

/* Start and end (past the newline) of line k (1-based) of buf. */
void
line_span(const char *buf, size_t len, int k, size_t *start, size_t *end)
{
	size_t s = 0;

	for (int i = 1; i < k; i++) {
		const char *nl = memchr(buf + s, '\n', len - s);

		assert_non_null(nl);
		s = (size_t)(nl - buf) + 1;
	}
	*start = s;
	*end = (size_t)((const char *)memchr(buf + s, '\n', len - s) - buf) + 1;
}

/*
 * Checks path as a version 2 file: the header, then records each ending
 * in ,"crc":"<hex>"} with the CRC-32 (computed here with zlib) of the
 * bytes before ,"crc":.  Returns the number of records.
 */
size_t
assert_v2_file(const char *path)
{
	size_t len, n = 0;
	char *buf = read_bytes(path, &len), *line, *nl;

	assert_true(strncmp(buf, HEADER, strlen(HEADER)) == 0);
	for (line = buf + strlen(HEADER); line < buf + len; line = nl + 1) {
		size_t ll;
		unsigned long want;

		nl = strchr(line, '\n');
		assert_non_null(nl);
		ll = (size_t)(nl - line);
		assert_true(ll > 18);
		assert_memory_equal(line + ll - 18, ",\"crc\":\"", 8);
		assert_memory_equal(line + ll - 2, "\"}", 2);
		want = strtoul(line + ll - 10, NULL, 16);
		assert_int_equal(
		    crc32(0, (const Bytef *)line, (uInt)(ll - 18)), want);
		n++;
	}
	free(buf);
	return n;
}

size_t
dir_entries(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Three records in one batch; the file's bytes in f->buf. */
size_t
three_records(struct fixture *f)
{
	struct journal_entry e[] = {
	    entry(2021, 1030.11), entry(2022, 1065), entry(2023, 1048.97)};
	size_t len;

	append(f->path, e, NELEM(e));
	free(f->buf);
	f->buf = read_bytes(f->path, &len);
	return len;
}

/* As planwatch wrote journals before version 2, with a torn last line. */
const char v1_text[] =
    "{\"period\":\"2021\",\"value\":1030.11,\"fetched\":1732600000,"
    "\"collector\":\"gdp_feed\"}\n"
    "{\"period\":\"2022\",\"value\":1065.0,\"fetched\":1732600000,"
    "\"collector\":\"gdp_feed\"}\n"
    "{\"period\":\"2022\",\"value\":1048.97,\"fetched\":1732686400,"
    "\"collector\":\"import\",\"replaced\":1065.0}\n"
    "{\"period\":\"2023\",\"value\":7}\n"
    "{\"period\":\"2024\",\"val";

/*
 * A journal of 40 periods journaled 300 times over (as if every fetch
 * wrote them all), with a revision now and then: over 1 MiB, mostly
 * redundant; and a torn tail.
 */
void
redundant_journal(const char *path)
{
	struct journal_entry e[40];
	double value[40];
	char err[512];

	for (int p = 0; p < 40; p++)
		value[p] = 1000 + p + 0.1;
	for (int round = 0; round < 300; round++) {
		for (int p = 0; p < 40; p++) {
			if ((round * 7 + p) % 53 == 0) {
				e[p] = revision(2000 + p, value[p],
				    value[p] + 0.01, FETCHED + round);
				value[p] += 0.01;
			} else
				e[p] = entry(2000 + p, value[p]);
			e[p].fetched = FETCHED + round;
		}
		assert_int_equal(
		    journal_append_nosync(path, e, 40, err, sizeof(err)), 0);
	}
	{
		FILE *fp = fopen(path, "a");

		assert_non_null(fp);
		fputs("{\"period\":\"2001\",\"value\":99", fp);
		assert_int_equal(fclose(fp), 0);
	}
}
