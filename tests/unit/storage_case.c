/*
 * storage_case: the per-test directory, journals' and archives' helpers
 * shared by the storage tests (storage_case.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <rrd.h>

#include "obs.h"
#include "period.h"
#include "store.h"
#include "unit/storage_case.h"

int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pw_test_storage.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* Removes every file in the (flat) test directory, then the directory. */
int
teardown(void **state)
{
	struct fixture *f = *state;
	struct dirent *de;
	char p[256];
	DIR *d;
	int rc = 0;

	if ((d = opendir(f->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", f->dir, de->d_name);
			if (unlink(p) != 0)
				rc = -1;
		}
		closedir(d);
	}
	if (rmdir(f->dir) != 0)
		rc = -1;
	obs_list_clear(&f->l);
	rrd_freemem(f->fe.data);
	free(f);
	return rc;
}

struct period
per(enum freq freq, int year, int sub)
{
	struct period p = {freq, year, sub};

	return p;
}

void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

void
fetch(const char *path, time_t from, time_t to, struct fetched *out)
{
	char **ds_names = NULL;
	const char *e;
	int rc;

	memset(out, 0, sizeof(*out));
	out->start = from;
	out->end = to;
	out->step = STORE_STEP;
	rrd_clear_error();
	rc = rrd_fetch_r(path, "AVERAGE", &out->start, &out->end, &out->step,
	    &out->ds_cnt, &ds_names, &out->data);
	e = rrd_get_error();
	if (rc != 0)
		fail_msg("rrd_fetch_r %s: %s", path, e && *e ? e : "?");
	rrd_clear_error();
	assert_int_equal(out->step, STORE_STEP);
	assert_int_equal(out->ds_cnt, 1);
	assert_string_equal(ds_names[0], "value");
	for (unsigned long i = 0; i < out->ds_cnt; i++)
		rrd_freemem(ds_names[i]);
	rrd_freemem(ds_names);
	out->rows = (size_t)((out->end - out->start) / (time_t)out->step);
}

void
fetched_free(struct fetched *fe)
{
	rrd_freemem(fe->data);
	fe->data = NULL;
}

/*
 * Checks every day [from, to) of the fetched data.  Row i covers the step
 * ending at start + (i + 1) * step, so day t is row (t - start) / step.
 * want NaN means unknown.
 */
void
check_days(const struct fetched *fe, time_t from, time_t to, double want)
{
	for (time_t t = from; t < to; t += DAY) {
		size_t row = (size_t)((t - fe->start) / DAY);
		double got;

		if (t < fe->start || row >= fe->rows)
			fail_msg("day %lld outside fetched [%lld, %lld)",
			    (long long)t, (long long)fe->start,
			    (long long)fe->end);
		got = fe->data[row];
		if (isnan(want)) {
			if (!isnan(got))
				fail_msg("day %lld: got %.17g, want unknown",
				    (long long)t, got);
		} else if (!(got == want)) {
			fail_msg("day %lld: got %.17g, want %.17g "
				 "(difference %.17g)",
			    (long long)t, got, want, got - want);
		}
	}
}

void
list_add(struct obs_list *l, enum freq freq, int year, int sub, double v)
{
	struct period p = per(freq, year, sub);

	assert_int_equal(obs_list_add(l, &p, v), 0);
}

void
new_path(const struct fixture *f, const char *id, char *buf, size_t len)
{
	store_path(f->dir, id, buf, len);
}

/* No temporary archive <path>.new.XXXXXX (fsutil_reserve_tmp) left. */
void
assert_no_tmp(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[256], prefix[256];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	snprintf(prefix, sizeof(prefix), "%s.new", slash + 1);
	if ((d = opendir(dir)) == NULL)
		return; /* no directory, nothing in it */
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
			closedir(d);
			fail_msg("%s/%s left behind", dir, de->d_name);
		}
	closedir(d);
}

/* Reads a whole small file into a new buffer. */
char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	FILE *fp;

	assert_int_equal(stat(path, &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	*len = fread(buf, 1, (size_t)st.st_size, fp);
	fclose(fp);
	assert_int_equal(*len, (size_t)st.st_size);
	return buf;
}

/*
 * Values that librrd 1.7.2 happens to store exactly, so that these tests
 * check layout, gaps and counts; test_store_exact_values covers values it
 * does not.
 */
const double annual_values[] = {1030.11, 0.1 + 0.2, -5.5, 1048.97, 1065};

void
annual_list(struct obs_list *l)
{
	static const int years[] = {2015, 2020, 2021, 2022, 2023};

	for (size_t i = 0; i < NELEM(years); i++)
		list_add(l, FREQ_ANNUAL, years[i], 0, annual_values[i]);
}

/* Midnight UTC of January 1st of year y (days from the civil calendar). */
time_t
jan1(int y)
{
	long long days = 0;

	for (int k = 1970; k < y; k++)
		days +=
		    (k % 4 == 0 && k % 100 != 0) || k % 400 == 0 ? 366 : 365;
	return (time_t)(days * DAY);
}
