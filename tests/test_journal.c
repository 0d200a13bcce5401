/*
 * test_journal: the journal's format version 2 (docs/journal.md).  Values
 * read back bit for bit and every record carries a CRC-32 that checks
 * out; a flipped byte anywhere in the last record drops it as torn, and
 * anywhere in a middle record fails the load naming path:line; a power cut
 * at any byte of the last record drops it; a version 1 journal loads, and
 * its first append rewrites it as version 2; an append after a torn tail
 * gives the very bytes of a journal that was never torn; compaction keeps
 * the current values and the revision list identical and shrinks a
 * redundant journal, and when it cannot write, the old file stays as it
 * was; hostile files (binary garbage, a 10 MB line, version 99) are
 * refused or dropped, never misread; a damaged middle record is read past
 * by the salvage, and the repair keeps every good record before and after
 * it, keeps the damaged file beside the new one, and refuses what it
 * cannot do without changing anything; a symbolic link planted at the
 * journal, or at the temporary name a rewrite once used, is refused or
 * passed by, its target never written.  Every test works in its own
 * mkdtemp directory under /tmp.
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

static int
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
static int
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

static void
write_bytes(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The whole file in a new NUL-terminated buffer; *len its size. */
static char *
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

static void
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
static void
assert_bits(double got, double want, const char *what)
{
	if (memcmp(&got, &want, sizeof(got)) != 0)
		fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void
assert_err_line(const char *err, const char *path, long line)
{
	char want[256];

	snprintf(want, sizeof(want), "%s:%ld:", path, line);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("err \"%s\" does not begin with \"%s\"", err, want);
}

static struct journal_entry
entry(int year, double value)
{
	return (struct journal_entry){.period = {FREQ_ANNUAL, year, 0},
	    .value = value,
	    .fetched = FETCHED,
	    .collector = "gdp_feed"};
}

static struct journal_entry
revision(int year, double old, double value, time_t fetched)
{
	struct journal_entry e = entry(year, value);

	e.has_replaced = true;
	e.replaced = old;
	e.fetched = fetched;
	e.collector = "import";
	return e;
}

static void
append(const char *path, const struct journal_entry *e, size_t n)
{
	char err[512] = "";

	if (journal_append(path, e, n, err, sizeof(err)) != 0)
		fail_msg("journal_append: %s", err);
}

/* Loads path (annual) with its revisions and stats; fails on an error. */
static long
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
static void
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
static size_t
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

static void
assert_same_lists(const struct obs_list *a, const struct obs_list *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_true(period_equal(&a->v[i].period, &b->v[i].period));
		assert_bits(a->v[i].value, b->v[i].value, "current value");
	}
}

static void
assert_same_revisions(
    const struct obs_revisions *a, const struct obs_revisions *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_true(period_equal(&a->v[i].period, &b->v[i].period));
		assert_bits(a->v[i].old_value, b->v[i].old_value, "old value");
		assert_bits(a->v[i].new_value, b->v[i].new_value, "new value");
		assert_int_equal(a->v[i].fetched, b->v[i].fetched);
		assert_string_equal(a->v[i].collector, b->v[i].collector);
	}
}

static size_t
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

/* Three records in one batch; the file's bytes in f->buf. */
static size_t
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

/* As planwatch wrote journals before version 2, with a torn last line. */
static const char v1_text[] =
    "{\"period\":\"2021\",\"value\":1030.11,\"fetched\":1732600000,"
    "\"collector\":\"gdp_feed\"}\n"
    "{\"period\":\"2022\",\"value\":1065.0,\"fetched\":1732600000,"
    "\"collector\":\"gdp_feed\"}\n"
    "{\"period\":\"2022\",\"value\":1048.97,\"fetched\":1732686400,"
    "\"collector\":\"import\",\"replaced\":1065.0}\n"
    "{\"period\":\"2023\",\"value\":7}\n"
    "{\"period\":\"2024\",\"val";

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

/* ---- compaction --------------------------------------------------- */

/*
 * A journal of 40 periods journaled 300 times over (as if every fetch
 * wrote them all), with a revision now and then: over 1 MiB, mostly
 * redundant; and a torn tail.
 */
static void
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

static void
test_compact(void **state)
{
	struct fixture *f = *state;
	struct journal_stats before, after;
	char err[512] = "";
	size_t len;

	redundant_journal(f->path);
	assert_int_equal(load(f->path, &f->l, &f->r, &before), 12000);
	assert_int_equal(before.torn, 1);
	assert_true(before.bytes > JOURNAL_COMPACT_MIN_BYTES);
	assert_true(before.revisions > 100);
	assert_true(before.redundant > 11000);
	assert_true(journal_needs_compaction(&before));

	if (journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)) != 0)
		fail_msg("journal_compact: %s", err);
	assert_int_equal(dir_entries(f->dir), 1);
	assert_int_equal(
	    assert_v2_file(f->path), before.records - before.redundant);
	assert_int_equal(load(f->path, &f->l2, &f->r2, &after),
	    (long)(before.records - before.redundant));
	assert_same_lists(&f->l, &f->l2);
	assert_same_revisions(&f->r, &f->r2);
	assert_int_equal(after.revisions, before.revisions);
	assert_int_equal(after.redundant, 0);
	assert_int_equal(after.torn, 0);
	assert_true(after.bytes * 10 < before.bytes);
	assert_false(journal_needs_compaction(&after));

	/* Again: nothing more to drop, the same bytes. */
	f->buf = read_bytes(f->path, &len);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_file_is(f->path, f->buf, len);
}

/* A version 1 journal compacts to version 2 with the same contents. */
static void
test_compact_v1(void **state)
{
	struct fixture *f = *state;
	struct journal_stats st;
	char err[512] = "";

	write_bytes(f->path, v1_text, strlen(v1_text));
	assert_int_equal(load(f->path, &f->l, &f->r, &st), 4);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_int_equal(assert_v2_file(f->path), 3);
	assert_int_equal(load(f->path, &f->l2, &f->r2, &st), 3);
	assert_int_equal(st.version, 2);
	assert_same_lists(&f->l, &f->l2);
	assert_same_revisions(&f->r, &f->r2);

	/* A missing journal stays missing. */
	assert_int_equal(
	    journal_compact(f->other, FREQ_ANNUAL, err, sizeof(err)), 0);
	assert_int_equal(access(f->other, F_OK), -1);
}

/*
 * When the new file cannot be written, the old one stays as it was.
 * Running as root, a read-only directory would not stop us, and the
 * temporary file's name cannot be taken in advance (test_links_*): the
 * file size limit (RLIMIT_FSIZE) stands in for a disk filling up
 * mid-write.
 */
static void
test_compact_atomic(void **state)
{
	struct fixture *f = *state;
	char err[512] = "";
	struct rlimit old, small;
	size_t len;

	redundant_journal(f->path);
	f->buf = read_bytes(f->path, &len);

	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 1000;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	err[0] = '\0';
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(strstr(err, "write"));
	assert_file_is(f->path, f->buf, len);
	assert_int_equal(dir_entries(f->dir), 1);
}

/* Damage fails compaction and leaves the file alone. */
static void
test_compact_refuses_damage(void **state)
{
	struct fixture *f = *state;
	size_t len = three_records(f);
	char err[512] = "";

	memcpy(strstr(f->buf, "1065"), "1066", 4);
	write_bytes(f->path, f->buf, len);
	assert_int_equal(
	    journal_compact(f->path, FREQ_ANNUAL, err, sizeof(err)), -1);
	assert_err_line(err, f->path, 3);
	assert_file_is(f->path, f->buf, len);

	/* Another frequency is no reason to drop anything either. */
	assert_int_equal(unlink(f->path), 0);
	three_records(f);
	assert_int_equal(
	    journal_compact(f->path, FREQ_MONTHLY, err, sizeof(err)), -1);
	assert_err_line(err, f->path, 2);
}

static void
test_needs_compaction(void **state)
{
	const size_t big = JOURNAL_COMPACT_MIN_BYTES;
	struct journal_stats small = {2, big - 1, 1000, 0, 900, 0};
	struct journal_stats quarter = {2, big, 1000, 0, 250, 0};
	struct journal_stats tenth = {2, 10 * big, 1000, 0, 100, 0};
	struct journal_stats none = {2, 10 * big, 1000, 1000, 0, 0};

	(void)state;
	assert_false(journal_needs_compaction(&small));
	assert_true(journal_needs_compaction(&quarter));
	assert_false(journal_needs_compaction(&tenth));
	assert_false(journal_needs_compaction(&none));
}

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

/* err says that path is a symbolic link and was refused. */
static void
assert_refused_link(const char *err, const char *path)
{
	char want[400];

	snprintf(want, sizeof(want), "%s: is a symbolic link, refused", path);
	if (strstr(err, want) == NULL)
		fail_msg("err \"%s\" does not say \"%s\"", err, want);
}

static bool
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
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
	    cmocka_unit_test_setup_teardown(test_compact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_compact_v1, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_compact_atomic, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_compact_refuses_damage, setup, teardown),
	    cmocka_unit_test(test_needs_compaction),
	    cmocka_unit_test_setup_teardown(
		test_hostile_garbage, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_hostile_long_line, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_hostile_header, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_record_too_long, setup, teardown),
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
	    cmocka_unit_test_setup_teardown(
		test_links_append_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_links_load_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_links_planted_tmp_passed_by, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
